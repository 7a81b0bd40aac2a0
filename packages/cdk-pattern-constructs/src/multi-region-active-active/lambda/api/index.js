'use strict';
/**
 * Regional API handler of the MultiRegionActiveActive pattern (API Gateway Lambda proxy).
 *
 *   GET /health        -> 200 when this region's DynamoDB replica answers, else 503 (Route 53 health check target)
 *   GET /items/{id}    -> item from the local global-table replica (404 when absent)
 *   PUT /items/{id}    -> upsert into the local replica; DynamoDB global tables replicate it to the peer region
 *
 * Every response carries the serving region so clients/operators can see latency routing and failover.
 */
const {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_BODY_BYTES = 64 * 1024;

function respond(statusCode, body) {
  return {
    statusCode,
    headers: {
      'Content-Type': 'application/json',
      'X-Served-By-Region': process.env.AWS_REGION || 'unknown',
    },
    body: JSON.stringify({ ...body, region: process.env.AWS_REGION }),
  };
}

async function health() {
  try {
    await ddb.send(
      new GetItemCommand({
        TableName: process.env.TABLE_NAME,
        Key: { pk: { S: '__health__' } },
      }),
    );
    return respond(200, { status: 'ok' });
  } catch (err) {
    console.error(
      JSON.stringify({
        level: 'ERROR',
        message: 'health check failed',
        error: err.message,
      }),
    );
    return respond(503, { status: 'unhealthy' });
  }
}

async function getItem(id) {
  const res = await ddb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: { S: id } },
      ConsistentRead: true,
    }),
  );
  if (!res.Item) return respond(404, { message: 'item not found', id });
  return respond(200, {
    id,
    data: JSON.parse(res.Item.data.S),
    updatedAt: res.Item.updatedAt.S,
    writtenInRegion: res.Item.writtenInRegion.S,
  });
}

async function putItem(id, rawBody) {
  if (!rawBody || Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
    return respond(400, {
      message: `body must be a JSON object of at most ${MAX_BODY_BYTES} bytes`,
    });
  }
  let data;
  try {
    data = JSON.parse(rawBody);
  } catch (e) {
    return respond(400, { message: 'body is not valid JSON' });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return respond(400, { message: 'body must be a JSON object' });
  }
  const updatedAt = new Date().toISOString();
  await ddb.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: {
        pk: { S: id },
        data: { S: JSON.stringify(data) },
        updatedAt: { S: updatedAt },
        writtenInRegion: { S: process.env.AWS_REGION || 'unknown' },
      },
    }),
  );
  return respond(200, { id, updatedAt });
}

exports.handler = async event => {
  const method = event.httpMethod;
  const resource = event.resource;
  try {
    if (resource === '/health' && method === 'GET') return await health();
    if (resource === '/items/{id}') {
      const id = event.pathParameters && event.pathParameters.id;
      if (!id || !ID_PATTERN.test(id))
        return respond(400, {
          message: 'id must match ^[A-Za-z0-9_-]{1,128}$',
        });
      if (method === 'GET') return await getItem(id);
      if (method === 'PUT')
        return await putItem(
          id,
          event.isBase64Encoded
            ? Buffer.from(event.body || '', 'base64').toString('utf8')
            : event.body,
        );
    }
    return respond(404, { message: 'route not found' });
  } catch (err) {
    console.error(
      JSON.stringify({
        level: 'ERROR',
        message: 'request failed',
        error: err.message,
      }),
    );
    return respond(500, { message: 'internal error' });
  }
};
