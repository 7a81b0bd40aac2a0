'use strict';
/**
 * SQS batch processor for the EventDrivenService pattern.
 *
 * Every request has a status lifecycle in DynamoDB (key: requestId = the API Gateway request id),
 * moved only by conditional writes:
 *
 *   (no item) --receive--> PENDING --all side effects done--> COMPLETED
 *                          PENDING --last allowed attempt failed--> FAILED (the message goes to the DLQ)
 *
 *   1. receive: PENDING, attempts + 1, unless the item is already COMPLETED. A COMPLETED item means
 *      this is a duplicate delivery (SQS is at-least-once): it is acknowledged and nothing is
 *      published again.
 *   2. publish the domain event to the EventBridge bus and/or the SNS topic, each at most once: a
 *      flag (publishedToBus / publishedToTopic) is recorded after each successful publish, so a
 *      retry only publishes what is still missing.
 *   3. COMPLETED (condition: still PENDING).
 *   On failure: lastError is recorded; when this was the last attempt (ApproximateReceiveCount >=
 *   MAX_RECEIVE_COUNT) the status becomes FAILED, so a message in the DLQ never reads COMPLETED.
 *
 * Failures are reported per record (`batchItemFailures`) so only failed messages are retried. On a
 * FIFO queue the first failure also fails every later record of the batch (per-group ordering).
 *
 * Uses only the AWS SDK v3 clients bundled with the Lambda Node.js runtime.
 */
const {
  DynamoDBClient,
  UpdateItemCommand,
} = require('@aws-sdk/client-dynamodb');
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const {
  EventBridgeClient,
  PutEventsCommand,
} = require('@aws-sdk/client-eventbridge');

const ddb = new DynamoDBClient({});
const sns = new SNSClient({});
const eventBridge = new EventBridgeClient({});

const MAX_SNS_ATTRIBUTES = 10;
const STATUS = { PENDING: 'PENDING', COMPLETED: 'COMPLETED', FAILED: 'FAILED' };

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

function attribute(record, name) {
  return (
    record.messageAttributes &&
    record.messageAttributes[name] &&
    record.messageAttributes[name].stringValue
  );
}

/** A conditional status update; resolves to the new item, or undefined when the condition failed. */
async function update(env, requestId, set, values, condition, names = {}) {
  try {
    const res = await ddb.send(
      new UpdateItemCommand({
        TableName: env.TABLE_NAME,
        Key: { requestId: { S: requestId } },
        UpdateExpression: `SET ${set}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#s': 'status', ...names },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return res.Attributes || {};
  } catch (err) {
    if (err.name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}

const S = v => ({ S: String(v) });

async function processRecord(record, env) {
  const requestId = attribute(record, 'requestId') || record.messageId;
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

  // 1. receive -> PENDING (never out of COMPLETED).
  const item = await update(
    env,
    requestId,
    '#s = :pending, attempts = if_not_exists(attempts, :zero) + :one, eventType = :eventType, payload = :payload, requestedBy = if_not_exists(requestedBy, :owner), receivedAt = if_not_exists(receivedAt, :now), updatedAt = :now',
    {
      ':pending': S(STATUS.PENDING),
      ':completed': S(STATUS.COMPLETED),
      ':zero': { N: '0' },
      ':one': { N: '1' },
      ':eventType': S(eventType),
      ':payload': S(record.body),
      ':owner': S(attribute(record, 'owner') || 'unknown'),
      ':now': S(now),
    },
    'attribute_not_exists(requestId) OR #s <> :completed',
  );
  if (!item) {
    log('INFO', 'duplicate delivery of a completed request ignored', {
      requestId,
    });
    return;
  }

  // 2. side effects, each at most once.
  const detail = { requestId, eventType, payload, processedAt: now };
  const markPublished = flag =>
    update(
      env,
      requestId,
      `${flag} = :true, updatedAt = :now`,
      {
        ':true': { BOOL: true },
        ':pending': S(STATUS.PENDING),
        ':now': S(now),
      },
      '#s = :pending',
    );
  if (
    env.EVENT_BUS_NAME &&
    !(item.publishedToBus && item.publishedToBus.BOOL)
  ) {
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
    await markPublished('publishedToBus');
  }
  if (env.TOPIC_ARN && !(item.publishedToTopic && item.publishedToTopic.BOOL)) {
    await sns.send(
      new PublishCommand({
        TopicArn: env.TOPIC_ARN,
        Message: JSON.stringify(detail),
        MessageAttributes: snsAttributes(eventType, payload),
      }),
    );
    await markPublished('publishedToTopic');
  }

  // 3. PENDING -> COMPLETED.
  await update(
    env,
    requestId,
    '#s = :completed, completedAt = :now, updatedAt = :now',
    {
      ':completed': S(STATUS.COMPLETED),
      ':pending': S(STATUS.PENDING),
      ':now': S(new Date().toISOString()),
    },
    '#s = :pending',
  );
  log('INFO', 'request processed', { requestId, eventType });
}

/** Records the error; on the last allowed attempt PENDING becomes FAILED (the message goes to the DLQ). */
async function recordFailure(record, env, err) {
  const requestId = attribute(record, 'requestId') || record.messageId;
  const receiveCount = Number(
    (record.attributes && record.attributes.ApproximateReceiveCount) || 1,
  );
  const maxReceiveCount = Number(env.MAX_RECEIVE_COUNT || 0);
  const last = maxReceiveCount > 0 && receiveCount >= maxReceiveCount;
  try {
    await update(
      env,
      requestId,
      last
        ? '#s = :failed, lastError = :error, updatedAt = :now'
        : 'lastError = :error, updatedAt = :now',
      {
        ...(last ? { ':failed': S(STATUS.FAILED) } : {}),
        ':pending': S(STATUS.PENDING),
        ':error': S(String(err.message).slice(0, 1000)),
        ':now': S(new Date().toISOString()),
      },
      // A request that never reached PENDING (e.g. a body that is not JSON) gets a FAILED item too.
      last
        ? 'attribute_not_exists(requestId) OR #s = :pending'
        : '#s = :pending',
    );
  } catch (e) {
    log('ERROR', 'could not record the failure', {
      requestId,
      error: e.message,
    });
  }
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
      await recordFailure(record, env, err);
      batchItemFailures.push({ itemIdentifier: record.messageId });
      if (isFifo) fifoFailed = true;
    }
  }
  return { batchItemFailures };
};
