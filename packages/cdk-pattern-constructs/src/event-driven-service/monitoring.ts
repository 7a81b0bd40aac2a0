import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createAlarmTopic } from '../common/alarm-topic';

/**
 * The alarm topic (`AlarmTopic`) and the alarm (`DeadLetterAlarm`) that notifies it as soon as a
 * message waits in the dead-letter queue, in `scope`.
 */
export function createDeadLetterAlarm(
  scope: Construct,
  deadLetterQueue: sqs.Queue,
  encryptionKey: kms.Key,
): { alarmTopic: sns.Topic; deadLetterAlarm: cloudwatch.Alarm } {
  const alarmTopic = createAlarmTopic(scope, 'AlarmTopic', encryptionKey);
  const deadLetterAlarm = new cloudwatch.Alarm(scope, 'DeadLetterAlarm', {
    alarmDescription:
      'Messages failed processing maxReceiveCount times and are waiting in the DLQ',
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: 'Maximum',
    }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  deadLetterAlarm.addAlarmAction(new cw_actions.SnsAction(alarmTopic));
  return { alarmTopic, deadLetterAlarm };
}
