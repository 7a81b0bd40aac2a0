import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * The SNS topic a pattern's alarms notify (CT.CLOUDWATCH.PR.1: every alarm has an action).
 * Encrypted with `key`, TLS only; CloudWatch may use the key only for this account's alarms.
 * Subscribe the on-call channel (email, chat, pager) to it after deployment.
 */
export function createAlarmTopic(
  scope: Construct,
  id: string,
  key: kms.Key,
): sns.Topic {
  const topic = new sns.Topic(scope, id, { masterKey: key, enforceSSL: true });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToNotify',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: {
          'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
        },
      },
    }),
  );
  return topic;
}
