import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  EventBridgeClient,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';

// The handler is plain CommonJS JavaScript shipped as the Lambda asset.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require('./lambda/processor/index.js');

const ddb = mockClient(DynamoDBClient);
const eventBridge = mockClient(EventBridgeClient);
const sns = mockClient(SNSClient);

function record(
  messageId: string,
  body: unknown,
  opts: { requestId?: string; groupId?: string } = {},
) {
  return {
    messageId,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: opts.groupId ? { MessageGroupId: opts.groupId } : {},
    messageAttributes: opts.requestId
      ? { requestId: { stringValue: opts.requestId, dataType: 'String' } }
      : {},
  };
}

const ENV = { TABLE_NAME: 'status-table', EVENT_SOURCE: 'orders-service' };

beforeEach(() => {
  ddb.reset();
  eventBridge.reset();
  sns.reset();
  ddb.on(PutItemCommand).resolves({});
  eventBridge
    .on(PutEventsCommand)
    .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  for (const k of ['TABLE_NAME', 'EVENT_SOURCE', 'EVENT_BUS_NAME', 'TOPIC_ARN'])
    delete process.env[k];
  Object.assign(process.env, ENV);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe('EventDrivenService processor handler', () => {
  test('records COMPLETED status keyed by the API Gateway request id and reports no failures', async () => {
    const result = await handler({
      Records: [
        record(
          'm1',
          { type: 'OrderCreated', orderId: 'o-1' },
          { requestId: 'req-123' },
        ),
      ],
    });

    expect(result).toEqual({ batchItemFailures: [] });
    const puts = ddb.commandCalls(PutItemCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0].args[0].input).toMatchObject({
      TableName: 'status-table',
      Item: {
        requestId: { S: 'req-123' },
        status: { S: 'COMPLETED' },
        eventType: { S: 'OrderCreated' },
      },
    });
    // Nothing published when no bus/topic is configured.
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('falls back to the SQS message id when the requestId attribute is missing', async () => {
    await handler({ Records: [record('m-42', { a: 1 })] });
    expect(
      ddb.commandCalls(PutItemCommand)[0].args[0].input.Item!.requestId,
    ).toEqual({ S: 'm-42' });
  });

  test('reports only the bad records as batch item failures (partial batch response)', async () => {
    const result = await handler({
      Records: [
        record('ok-1', { type: 'A' }),
        record('bad-json', '{not json'),
        record('not-object', [1, 2, 3]),
        record('ok-2', { type: 'B' }),
      ],
    });
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: 'bad-json' },
      { itemIdentifier: 'not-object' },
    ]);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(2);
  });

  test('a DynamoDB error fails just that record so SQS retries it (then DLQ)', async () => {
    ddb.on(PutItemCommand).callsFake(async input => {
      if (input.Item.requestId.S === 'r2')
        throw new Error('ProvisionedThroughputExceededException');
      return {};
    });
    const result = await handler({
      Records: [
        record('m1', { x: 1 }, { requestId: 'r1' }),
        record('m2', { x: 2 }, { requestId: 'r2' }),
        record('m3', { x: 3 }, { requestId: 'r3' }),
      ],
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
  });

  test('publishes a domain event to EventBridge with the configured source and detail-type = request type', async () => {
    process.env.EVENT_BUS_NAME = 'orders-bus';
    await handler({
      Records: [
        record(
          'm1',
          { type: 'OrderCreated', orderId: 'o-9' },
          { requestId: 'req-9' },
        ),
      ],
    });
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    const entry = calls[0].args[0].input.Entries![0];
    expect(entry).toMatchObject({
      EventBusName: 'orders-bus',
      Source: 'orders-service',
      DetailType: 'OrderCreated',
    });
    expect(JSON.parse(entry.Detail!)).toMatchObject({
      requestId: 'req-9',
      payload: { orderId: 'o-9' },
    });
  });

  test('an EventBridge FailedEntryCount > 0 fails the record', async () => {
    process.env.EVENT_BUS_NAME = 'orders-bus';
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure' }],
    });
    const result = await handler({ Records: [record('m1', { type: 'X' })] });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });

  test('publishes to the fan-out topic with message attributes usable by filter policies', async () => {
    process.env.TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:fanout';
    await handler({
      Records: [
        record('m1', {
          type: 'OrderCreated',
          region: 'EU',
          amount: 42,
          nested: { no: 1 },
        }),
      ],
    });
    const input = sns.commandCalls(PublishCommand)[0].args[0].input;
    expect(input.TopicArn).toBe('arn:aws:sns:eu-west-1:111111111111:fanout');
    expect(input.MessageAttributes).toEqual({
      eventType: { DataType: 'String', StringValue: 'OrderCreated' },
      type: { DataType: 'String', StringValue: 'OrderCreated' },
      region: { DataType: 'String', StringValue: 'EU' },
      amount: { DataType: 'Number', StringValue: '42' },
    });
  });

  test('FIFO: after a failure every later record of the batch is failed too (ordering preserved)', async () => {
    const result = await handler({
      Records: [
        record('f1', { n: 1 }, { groupId: 'g' }),
        record('f2', 'broken', { groupId: 'g' }),
        record('f3', { n: 3 }, { groupId: 'g' }),
        record('f4', { n: 4 }, { groupId: 'g' }),
      ],
    });
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: 'f2' },
      { itemIdentifier: 'f3' },
      { itemIdentifier: 'f4' },
    ]);
    expect(ddb.commandCalls(PutItemCommand)).toHaveLength(1);
  });
});
