import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
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
  opts: {
    requestId?: string;
    groupId?: string;
    receiveCount?: number;
    owner?: string;
  } = {},
) {
  return {
    messageId,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(opts.receiveCount ?? 1),
      ...(opts.groupId ? { MessageGroupId: opts.groupId } : {}),
    },
    messageAttributes: {
      ...(opts.requestId
        ? { requestId: { stringValue: opts.requestId, dataType: 'String' } }
        : {}),
      ...(opts.owner
        ? { owner: { stringValue: opts.owner, dataType: 'String' } }
        : {}),
    },
  };
}

const ENV = {
  TABLE_NAME: 'status-table',
  EVENT_SOURCE: 'orders-service',
  MAX_RECEIVE_COUNT: '3',
};

/**
 * In-memory status table with DynamoDB's conditional UpdateItem semantics, for the expression
 * forms the processor uses (SET a = :v | if_not_exists(a, :v) [+ :n]; conditions joined by OR:
 * attribute_not_exists(a), a = :v, a <> :v).
 */
const table = new Map<string, Record<string, any>>();
function fakeTable() {
  table.clear();
  ddb.on(UpdateItemCommand).callsFake(async (input: any) => {
    const key = input.Key.requestId.S;
    const item = table.get(key);
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    const attr = (n: string) => names[n] ?? n;
    const holds = (atom: string) => {
      let m = /^attribute_not_exists\((\w+)\)$/.exec(atom.trim());
      if (m) return !item || !(m[1] in item);
      m = /^(#?\w+) (=|<>) (:\w+)$/.exec(atom.trim());
      if (!m) throw new Error(`unsupported condition ${atom}`);
      if (!item) return false;
      const eq =
        JSON.stringify(item[attr(m[1])]) === JSON.stringify(values[m[3]]);
      return m[2] === '=' ? eq : !eq;
    };
    if (!String(input.ConditionExpression).split(' OR ').some(holds)) {
      const err = new Error('The conditional request failed');
      err.name = 'ConditionalCheckFailedException';
      throw err;
    }
    const next: Record<string, any> = {
      ...(item ?? {}),
      requestId: { S: key },
    };
    const value = (expr: string) => {
      const m = /^if_not_exists\((\w+), (:\w+)\)$/.exec(expr.trim());
      return m ? next[m[1]] ?? values[m[2]] : values[expr.trim()];
    };
    for (const clause of input.UpdateExpression.replace(/^SET /, '').split(
      /, (?=[#\w]+ = )/,
    )) {
      const [lhs, rhs] = clause.split(' = ');
      const sum = /^(.+) \+ (:\w+)$/.exec(rhs);
      next[attr(lhs)] = sum
        ? { N: String(Number(value(sum[1]).N) + Number(values[sum[2]].N)) }
        : value(rhs);
    }
    table.set(key, next);
    return { Attributes: next };
  });
}
const status = (requestId: string) => table.get(requestId)?.status?.S;

beforeEach(() => {
  ddb.reset();
  eventBridge.reset();
  sns.reset();
  fakeTable();
  eventBridge
    .on(PutEventsCommand)
    .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  for (const k of [
    'TABLE_NAME',
    'EVENT_SOURCE',
    'EVENT_BUS_NAME',
    'TOPIC_ARN',
    'MAX_RECEIVE_COUNT',
  ])
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
    expect(table.get('req-123')).toMatchObject({
      requestId: { S: 'req-123' },
      status: { S: 'COMPLETED' },
      eventType: { S: 'OrderCreated' },
      attempts: { N: '1' },
    });
    // Every write is conditional and goes to the status table.
    for (const call of ddb.commandCalls(UpdateItemCommand)) {
      expect(call.args[0].input.TableName).toBe('status-table');
      expect(call.args[0].input.ConditionExpression).toBeTruthy();
    }
    // Nothing published when no bus/topic is configured.
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('falls back to the SQS message id when the requestId attribute is missing', async () => {
    await handler({ Records: [record('m-42', { a: 1 })] });
    expect(status('m-42')).toBe('COMPLETED');
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
    expect(status('ok-1')).toBe('COMPLETED');
    expect(status('ok-2')).toBe('COMPLETED');
  });

  test('a DynamoDB error fails just that record so SQS retries it (then DLQ)', async () => {
    ddb
      .on(UpdateItemCommand, { Key: { requestId: { S: 'r2' } } })
      .rejects(new Error('ProvisionedThroughputExceededException'));
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
    expect(status('f1')).toBe('COMPLETED');
    expect(status('f3')).toBeUndefined();
  });
});

describe('EventDrivenService processor: status lifecycle with conditional writes', () => {
  beforeEach(() => {
    process.env.EVENT_BUS_NAME = 'orders-bus';
    process.env.TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:fanout';
  });

  test('PENDING while processing, COMPLETED only after every event is published; the owner is recorded', async () => {
    const seen: Array<string | undefined> = [];
    eventBridge.on(PutEventsCommand).callsFake(async () => {
      seen.push(status('r1'));
      return { FailedEntryCount: 0, Entries: [{ EventId: 'e' }] };
    });
    sns.on(PublishCommand).callsFake(async () => {
      seen.push(status('r1'));
      return { MessageId: 'm' };
    });
    await handler({
      Records: [
        record(
          'm1',
          { type: 'T' },
          { requestId: 'r1', owner: 'arn:aws:iam::1:role/app' },
        ),
      ],
    });
    expect(seen).toEqual(['PENDING', 'PENDING']);
    expect(table.get('r1')).toMatchObject({
      status: { S: 'COMPLETED' },
      requestedBy: { S: 'arn:aws:iam::1:role/app' },
      publishedToBus: { BOOL: true },
      publishedToTopic: { BOOL: true },
    });
  });

  test('a duplicate delivery of a completed request publishes nothing again', async () => {
    const msg = record('m1', { type: 'T' }, { requestId: 'r1' });
    await handler({ Records: [msg] });
    const second = await handler({
      Records: [{ ...msg, messageId: 'm1-again' }],
    });
    expect(second.batchItemFailures).toEqual([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(table.get('r1')!.attempts).toEqual({ N: '1' });
  });

  test('a retry after a partial failure publishes only what is missing (no duplicate events)', async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(new Error('SNS throttled'))
      .resolves({ MessageId: 'm' });
    const first = await handler({
      Records: [
        record('m1', { type: 'T' }, { requestId: 'r1', receiveCount: 1 }),
      ],
    });
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(table.get('r1')).toMatchObject({
      status: { S: 'PENDING' },
      publishedToBus: { BOOL: true },
      lastError: { S: 'SNS throttled' },
    });
    const retry = await handler({
      Records: [
        record('m1', { type: 'T' }, { requestId: 'r1', receiveCount: 2 }),
      ],
    });
    expect(retry.batchItemFailures).toEqual([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(table.get('r1')).toMatchObject({
      status: { S: 'COMPLETED' },
      attempts: { N: '2' },
    });
  });

  test('the last allowed attempt failing leaves FAILED (what the DLQ holds never reads COMPLETED)', async () => {
    sns.on(PublishCommand).rejects(new Error('SNS down'));
    for (const receiveCount of [1, 2]) {
      await handler({
        Records: [
          record('m1', { type: 'T' }, { requestId: 'r1', receiveCount }),
        ],
      });
      expect(status('r1')).toBe('PENDING');
    }
    const last = await handler({
      Records: [
        record('m1', { type: 'T' }, { requestId: 'r1', receiveCount: 3 }),
      ],
    });
    expect(last.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(table.get('r1')).toMatchObject({
      status: { S: 'FAILED' },
      lastError: { S: 'SNS down' },
      attempts: { N: '3' },
    });
  });

  test('a message that can never be processed is FAILED on its last attempt too', async () => {
    await handler({
      Records: [
        record('bad', '{not json', { requestId: 'r9', receiveCount: 3 }),
      ],
    });
    expect(status('r9')).toBe('FAILED');
  });
});
