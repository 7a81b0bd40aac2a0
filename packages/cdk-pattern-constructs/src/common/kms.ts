import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * Creates a customer managed KMS key with automatic rotation (AwsSolutions-KMS5)
 * whose key policy also lets CloudWatch Logs in this account/region use it for
 * log group encryption.
 */
export function createServiceKey(
  scope: Construct,
  id: string,
  description: string,
  removalPolicy?: RemovalPolicy,
): kms.Key {
  const key = new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: removalPolicy ?? RemovalPolicy.RETAIN,
  });
  allowCloudWatchLogs(key);
  // CT.KMS.PR.3: grants on this key may only be created for AWS resources or by AWS services
  // (e.g. EBS through Auto Scaling, RDS, Secrets Manager), never handed out by a principal.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyGrantsExceptForAwsResources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: {
        BoolIfExists: {
          'kms:GrantIsForAWSResource': 'false',
          'aws:PrincipalIsAWSService': 'false',
        },
      },
    }),
  );
  return key;
}

/** Grants the regional CloudWatch Logs service principal use of `key` for log groups of this account only. */
export function allowCloudWatchLogs(key: kms.Key): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsEncryption',
      principals: [
        new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`),
      ],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:DescribeKey',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
        },
      },
    }),
  );
}

/**
 * Least-privilege statements for a principal that must encrypt (produce) data
 * with `key` - explicit actions only (no `kms:GenerateDataKey*` style wildcards).
 */
export function keyEncryptStatement(key: kms.IKey): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [key.keyArn],
  });
}
