import * as path from 'path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keyEncryptStatement } from '../common/kms';
import { SecureFunction } from '../common/secure-function';
import type { EventDrivenServiceProps } from './event-driven-service';

/**
 * The request status table (`StatusTable` in `scope`): on-demand, KMS-encrypted, point-in-time
 * recovery.
 */
export function createStatusTable(
  scope: Construct,
  encryptionKey: kms.IKey,
  removalPolicy: RemovalPolicy,
): dynamodb.Table {
  return new dynamodb.Table(scope, 'StatusTable', {
    partitionKey: { name: 'requestId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy,
  });
}

/**
 * The processor (`Processor` in `scope`): a Lambda function fed by the request queue (partial
 * batch responses) that records each request's status in the table and publishes it to the
 * event bus and the fan-out topic when there are any; its role holds exactly those actions.
 */
export function createProcessor(
  scope: Construct,
  props: EventDrivenServiceProps,
  options: {
    encryptionKey: kms.IKey;
    queue: sqs.IQueue;
    table: dynamodb.Table;
    eventBus?: events.EventBus;
    topic?: sns.Topic;
    eventSource: string;
    processorTimeout: Duration;
  },
): SecureFunction {
  const { encryptionKey, table, eventBus, topic } = options;
  const environment: Record<string, string> = {
    TABLE_NAME: table.tableName,
    EVENT_SOURCE: options.eventSource,
    // The processor marks a request FAILED on its last attempt (before the DLQ).
    MAX_RECEIVE_COUNT: String(props.maxReceiveCount ?? 5),
  };
  if (eventBus) environment.EVENT_BUS_NAME = eventBus.eventBusName;
  if (topic) environment.TOPIC_ARN = topic.topicArn;
  const processor = new SecureFunction(scope, 'Processor', {
    codePath:
      props.processorCodePath ?? path.join(__dirname, 'lambda', 'processor'),
    description: 'Processes queued requests and records their status',
    timeout: options.processorTimeout,
    environment,
    logEncryptionKey: encryptionKey,
  });
  processor.addToRolePolicy(
    new iam.PolicyStatement({
      // Status lifecycle: conditional UpdateItem only.
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
    }),
  );
  processor.addToRolePolicy(keyEncryptStatement(encryptionKey));
  if (eventBus) {
    processor.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [eventBus.eventBusArn],
      }),
    );
  }
  if (topic) {
    processor.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
      }),
    );
  }
  processor.function.addEventSource(
    new eventsources.SqsEventSource(options.queue, {
      batchSize: props.batchSize ?? 10,
      reportBatchItemFailures: true,
    }),
  );
  return processor;
}
