import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/** ARN of EC2 Auto Scaling's service-linked role in this account. */
export function autoScalingServiceLinkedRoleArn(): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * Lets EC2 Auto Scaling's service-linked role use `key`: to publish the groups' notifications to
 * a topic encrypted with it, and to encrypt the instances' EBS volumes with it (including the
 * grants EBS needs, for AWS resources only).
 *
 * The role is matched by a condition, never named as a principal: on an account that has never
 * used EC2 Auto Scaling the role does not exist yet (it is created with the first Auto Scaling
 * group) and KMS rejects a key policy whose principal does not exist, which would fail the
 * whole stack on a fresh account.
 */
export function allowAutoScalingServiceLinkedRole(key: kms.Key): void {
  const autoScalingServiceRole = {
    StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID },
    ArnEquals: { 'aws:PrincipalArn': autoScalingServiceLinkedRoleArn() },
  };
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAutoScalingNotifications',
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: autoScalingServiceRole,
    }),
  );
  // EBS encryption with the CMK through the Auto Scaling service-linked role.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAutoScalingEbsEncryption',
      principals: [new iam.AnyPrincipal()],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:DescribeKey',
      ],
      resources: ['*'],
      conditions: autoScalingServiceRole,
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowAutoScalingEbsGrants',
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: {
        ...autoScalingServiceRole,
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    }),
  );
}
