import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require('./lambda/api/index.js');

const ddb = mockClient(DynamoDBClient);

const event = (
  method: string,
  resource: string,
  id?: string,
  body?: string,
) => ({
  httpMethod: method,
  resource,
  pathParameters: id === undefined ? null : { id },
  body: body ?? null,
  isBase64Encoded: false,
});

beforeEach(() => {
  ddb.reset();
  process.env.TABLE_NAME = 'orders-items';
  process.env.AWS_REGION = 'eu-west-1';
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('MultiRegionActiveActive regional API handler', () => {
  test('GET /health is 200 when the local replica answers and reports the serving region', async () => {
    ddb.on(GetItemCommand).resolves({});
    const res = await handler(event('GET', '/health'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['X-Served-By-Region']).toBe('eu-west-1');
    expect(JSON.parse(res.body)).toEqual({ status: 'ok', region: 'eu-west-1' });
    expect(ddb.commandCalls(GetItemCommand)[0].args[0].input).toEqual({
      TableName: 'orders-items',
      Key: { pk: { S: '__health__' } },
    });
  });

  test('GET /health is 503 when DynamoDB fails, so Route 53 withdraws the region', async () => {
    ddb.on(GetItemCommand).rejects(new Error('ServiceUnavailable'));
    const res = await handler(event('GET', '/health'));
    expect(res.statusCode).toBe(503);
  });

  test('PUT then GET an item through the local replica', async () => {
    ddb.on(PutItemCommand).resolves({});
    const put = await handler(
      event('PUT', '/items/{id}', 'order-1', JSON.stringify({ total: 10 })),
    );
    expect(put.statusCode).toBe(200);
    const item = ddb.commandCalls(PutItemCommand)[0].args[0].input.Item!;
    expect(item.pk).toEqual({ S: 'order-1' });
    expect(item.writtenInRegion).toEqual({ S: 'eu-west-1' });
    expect(JSON.parse(item.data.S!)).toEqual({ total: 10 });

    ddb.on(GetItemCommand).resolves({
      Item: {
        pk: { S: 'order-1' },
        data: item.data,
        updatedAt: item.updatedAt,
        writtenInRegion: item.writtenInRegion,
      },
    });
    const get = await handler(event('GET', '/items/{id}', 'order-1'));
    expect(get.statusCode).toBe(200);
    expect(JSON.parse(get.body)).toMatchObject({
      id: 'order-1',
      data: { total: 10 },
      writtenInRegion: 'eu-west-1',
    });
  });

  test('GET of a missing item is 404', async () => {
    ddb.on(GetItemCommand).resolves({});
    expect(
      (await handler(event('GET', '/items/{id}', 'nope'))).statusCode,
    ).toBe(404);
  });

  test.each([
    ['invalid id', event('GET', '/items/{id}', '../etc')],
    ['non-JSON body', event('PUT', '/items/{id}', 'a', '{oops')],
    ['array body', event('PUT', '/items/{id}', 'a', '[1]')],
    ['empty body', event('PUT', '/items/{id}', 'a')],
  ])('rejects %s with 400 without touching DynamoDB', async (_n, e) => {
    const res = await handler(e);
    expect(res.statusCode).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });

  test('unknown routes are 404 and unexpected errors are 500 without leaking details', async () => {
    expect(
      (await handler(event('DELETE', '/items/{id}', 'a'))).statusCode,
    ).toBe(404);
    ddb.on(GetItemCommand).rejects(new Error('secret internals'));
    const res = await handler(event('GET', '/items/{id}', 'a'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internals');
  });
});
