'use strict';
/**
 * SQS batch processor for the EventDrivenService pattern.
 *
 * For every record:
 *   1. parse the JSON body accepted by API Gateway (POST /requests),
 *   2. record the request status in DynamoDB (key: requestId = the API Gateway request id),
 *   3. optionally publish a domain event to an EventBridge bus and/or an SNS fan-out topic.
 *
 * Failures are reported per record (`batchItemFailures`) so only failed messages are retried
 * (and, after maxReceiveCount, land in the dead-letter queue). On a FIFO queue the first failure
 * also fails every later record of the batch, preserving per-group ordering.
 *
 * Uses only the AWS SDK v3 clients bundled with the Lambda Node.js runtime.
 */
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const {
  EventBridgeClient,
  PutEventsCommand,
} = require('@aws-sdk/client-eventbridge');

const ddb = new DynamoDBClient({});
const sns = new SNSClient({});
const eventBridge = new EventBridgeClient({});

const MAX_SNS_ATTRIBUTES = 10;

function log(level, message, extra) {
  const line = JSON.stringify({ level, message, ...extra });
  if (level === 'ERROR') console.error(line);
  else console.log(line);
}

/** Message attributes used by SNS subscription filter policies: eventType + top-level scalar fields. */
function snsAttributes(eventType, payload) {
  const attrs = { eventType: { DataType: 'String', StringValue: eventType } };
  for (const [key, value] of Object.entries(payload)) {
    if (Object.keys(attrs).length >= MAX_SNS_ATTRIBUTES) break;
    if (key === 'eventType' || !/^[A-Za-z0-9_.-]{1,256}$/.test(key)) continue;
    if (typeof value === 'string' && value.length > 0)
      attrs[key] = { DataType: 'String', StringValue: value };
    else if (typeof value === 'number' && Number.isFinite(value))
      attrs[key] = { DataType: 'Number', StringValue: String(value) };
  }
  return attrs;
}

async function processRecord(record, env) {
  const requestId =
    (record.messageAttributes &&
      record.messageAttributes.requestId &&
      record.messageAttributes.requestId.stringValue) ||
    record.messageId;
  let payload;
  try {
    payload = JSON.parse(record.body);
  } catch (e) {
    throw new Error(`message ${record.messageId} body is not valid JSON`);
  }
  if (
    payload === null ||
    typeof payload !== 'object' ||
    Array.isArray(payload)
  ) {
    throw new Error(`message ${record.messageId} body must be a JSON object`);
  }
  const eventType =
    typeof payload.type === 'string' && payload.type.length > 0
      ? payload.type
      : 'RequestProcessed';
  const now = new Date().toISOString();

  await ddb.send(
    new PutItemCommand({
      TableName: env.TABLE_NAME,
      Item: {
        requestId: { S: requestId },
        status: { S: 'COMPLETED' },
        eventType: { S: eventType },
        payload: { S: record.body },
        updatedAt: { S: now },
      },
    }),
  );

  const detail = { requestId, eventType, payload, processedAt: now };
  if (env.EVENT_BUS_NAME) {
    const res = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: env.EVENT_BUS_NAME,
            Source: env.EVENT_SOURCE,
            DetailType: eventType,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    if (res.FailedEntryCount && res.FailedEntryCount > 0) {
      throw new Error(
        `EventBridge rejected the event for ${requestId}: ${JSON.stringify(
          res.Entries,
        )}`,
      );
    }
  }
  if (env.TOPIC_ARN) {
    await sns.send(
      new PublishCommand({
        TopicArn: env.TOPIC_ARN,
        Message: JSON.stringify(detail),
        MessageAttributes: snsAttributes(eventType, payload),
      }),
    );
  }
  log('INFO', 'request processed', { requestId, eventType });
}

exports.handler = async event => {
  const env = process.env;
  const batchItemFailures = [];
  let fifoFailed = false;
  for (const record of event.Records || []) {
    const isFifo = Boolean(
      record.attributes && record.attributes.MessageGroupId,
    );
    if (fifoFailed && isFifo) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await processRecord(record, env);
    } catch (err) {
      log('ERROR', 'record failed', {
        messageId: record.messageId,
        error: err.message,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      if (isFifo) fifoFailed = true;
    }
  }
  return { batchItemFailures };
};
