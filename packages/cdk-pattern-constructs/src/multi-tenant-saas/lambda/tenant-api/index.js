'use strict';
/**
 * Tenant-scoped API of the MultiTenantSaas pattern (API Gateway Lambda proxy behind the pattern's
 * Lambda authorizer, which verifies the Cognito ID token and binds the tenant's API key).
 *
 * Tenant isolation rules enforced here:
 *  - The tenant id comes ONLY from the verified JWT claim `custom:tenant_id`, passed by the
 *    authorizer as requestContext.authorizer.tenantId. Headers, query strings, path and body are
 *    never consulted for it. A missing or malformed claim is rejected with 403 before any data access.
 *  - Database: the handler connects with its OWN login role `tenant_api` (SECRET_ARN / the silo
 *    map hold that role's secret, never the master secret): not a table owner, NOBYPASSRLS, so
 *    no statement (RESET ROLE, SET ROLE ...) can leave row-level security. Every request runs in
 *    its own Data API transaction that enters the tenant with control.enter_tenant() (once per
 *    transaction; the RLS policies read it, set_config cannot change it) and sets the
 *    tenant's search_path (bridge: schema t_<tenant>), and every statement additionally filters
 *    on `tenant_id = :tenant_id`.
 *  - Silo: the tenant's own cluster is looked up from TENANT_DATABASES; unknown tenant => 403.
 *  - S3: objects are read/written with credentials of a role assumed WITH the session tag
 *    tenant_id=<tenant>; IAM (ABAC) and the bucket policy only allow the `<tenant>/` prefix.
 *  - Metrics: one CloudWatch EMF record per request with the TenantId dimension.
 */
const {
  RDSDataClient,
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RollbackTransactionCommand,
} = require('@aws-sdk/client-rds-data');
const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts');
const {
  S3Client,
  GetObjectCommand,
  PutObjectCommand,
} = require('@aws-sdk/client-s3');

const rds = new RDSDataClient({});
const sts = new STSClient({});

const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOCUMENT_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_BODY_BYTES = 256 * 1024;

class HttpError extends Error {
  constructor(statusCode, message) {
    super(message);
    this.statusCode = statusCode;
  }
}

function respond(statusCode, body) {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** The ONLY source of the tenant id: the authorizer's context (from the verified JWT). */
function tenantFromClaims(event) {
  const authorizer =
    event && event.requestContext && event.requestContext.authorizer;
  const tenantId = authorizer ? authorizer.tenantId : undefined;
  if (typeof tenantId !== 'string' || !TENANT_ID_PATTERN.test(tenantId)) {
    return undefined;
  }
  return tenantId;
}

function searchPathFor(tenantId) {
  return process.env.ISOLATION_MODEL === 'bridge'
    ? `t_${tenantId.replace(/-/g, '_')}`
    : 'app';
}

function databaseFor(tenantId) {
  if (process.env.ISOLATION_MODEL === 'silo') {
    const map = JSON.parse(process.env.TENANT_DATABASES || '{}');
    const target = Object.prototype.hasOwnProperty.call(map, tenantId)
      ? map[tenantId]
      : undefined;
    if (!target) throw new HttpError(403, 'tenant is not provisioned');
    return target;
  }
  return {
    clusterArn: process.env.CLUSTER_ARN,
    secretArn: process.env.SECRET_ARN,
  };
}

const param = (name, value, typeHint) => ({
  name,
  value: { stringValue: value },
  ...(typeHint ? { typeHint } : {}),
});

async function inTenantTransaction(tenantId, work) {
  const target = databaseFor(tenantId);
  const base = { resourceArn: target.clusterArn, secretArn: target.secretArn };
  const { transactionId } = await rds.send(
    new BeginTransactionCommand({
      ...base,
      database: process.env.DATABASE_NAME,
    }),
  );
  const exec = async (sql, parameters = []) => {
    const res = await rds.send(
      new ExecuteStatementCommand({
        ...base,
        database: process.env.DATABASE_NAME,
        transactionId,
        sql,
        parameters,
        formatRecordsAs: 'JSON',
      }),
    );
    return res.formattedRecords ? JSON.parse(res.formattedRecords) : [];
  };
  try {
    await exec('SELECT control.enter_tenant(:tenant_id)', [
      param('tenant_id', tenantId),
    ]);
    await exec("SELECT set_config('search_path', :search_path, true)", [
      param('search_path', searchPathFor(tenantId)),
    ]);
    if (process.env.ISOLATION_MODEL === 'bridge') {
      // A valid token for a tenant whose schema was never provisioned is a client problem
      // (403), not a server error: see the README, "Onboarding a tenant after deployment".
      const [row] = await exec(
        'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = :schema) AS provisioned',
        [param('schema', searchPathFor(tenantId))],
      );
      if (!row || row.provisioned !== true) {
        throw new HttpError(403, 'tenant is not provisioned');
      }
    }
    const result = await work(exec);
    await rds.send(new CommitTransactionCommand({ ...base, transactionId }));
    return result;
  } catch (err) {
    await rds
      .send(new RollbackTransactionCommand({ ...base, transactionId }))
      .catch(() => undefined);
    throw err;
  }
}

async function listItems(tenantId) {
  const rows = await inTenantTransaction(tenantId, exec =>
    exec(
      'SELECT id, name, attributes, created_at FROM items WHERE tenant_id = :tenant_id ORDER BY created_at DESC, id LIMIT 100',
      [param('tenant_id', tenantId)],
    ),
  );
  return respond(200, { items: rows });
}

async function getItem(tenantId, id) {
  if (!UUID_PATTERN.test(id || ''))
    throw new HttpError(400, 'id must be a UUID');
  const rows = await inTenantTransaction(tenantId, exec =>
    exec(
      'SELECT id, name, attributes, created_at FROM items WHERE tenant_id = :tenant_id AND id = :id',
      [param('tenant_id', tenantId), param('id', id, 'UUID')],
    ),
  );
  if (rows.length === 0) throw new HttpError(404, 'item not found');
  return respond(200, rows[0]);
}

async function createItem(tenantId, body) {
  const input = parseJsonObject(body);
  if (
    typeof input.name !== 'string' ||
    input.name.length < 1 ||
    input.name.length > 200
  ) {
    throw new HttpError(400, 'name must be a string of 1-200 characters');
  }
  const attributes =
    input.attributes &&
    typeof input.attributes === 'object' &&
    !Array.isArray(input.attributes)
      ? input.attributes
      : {};
  // tenant_id is always the caller's (any tenant_id in the body is ignored).
  const rows = await inTenantTransaction(tenantId, exec =>
    exec(
      'INSERT INTO items (tenant_id, name, attributes) VALUES (:tenant_id, :name, :attributes) RETURNING id, name, attributes, created_at',
      [
        param('tenant_id', tenantId),
        param('name', input.name),
        param('attributes', JSON.stringify(attributes), 'JSON'),
      ],
    ),
  );
  return respond(201, rows[0]);
}

// ------------------------------------------------------------------ S3 via ABAC session tags
const credentialCache = new Map();

async function s3ForTenant(tenantId) {
  const cached = credentialCache.get(tenantId);
  if (cached && cached.expiresAt > Date.now() + 60000) return cached.client;
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: process.env.TENANT_ACCESS_ROLE_ARN,
      RoleSessionName: `tenant-${tenantId}`.slice(0, 64),
      DurationSeconds: 900,
      Tags: [{ Key: 'tenant_id', Value: tenantId }],
    }),
  );
  const client = new S3Client({
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    },
  });
  credentialCache.set(tenantId, {
    client,
    expiresAt: new Date(Credentials.Expiration).getTime(),
  });
  return client;
}

function documentKey(tenantId, name) {
  if (
    !DOCUMENT_NAME_PATTERN.test(name || '') ||
    name === '.' ||
    name === '..'
  ) {
    throw new HttpError(
      400,
      'document name must match ^[A-Za-z0-9._-]{1,128}$',
    );
  }
  return `${tenantId}/documents/${name}`;
}

async function putDocument(tenantId, name, body) {
  const key = documentKey(tenantId, name);
  if (typeof body !== 'string' || Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw new HttpError(
      400,
      `document body must be at most ${MAX_BODY_BYTES} bytes`,
    );
  }
  const s3 = await s3ForTenant(tenantId);
  await s3.send(
    new PutObjectCommand({
      Bucket: process.env.BUCKET_NAME,
      Key: key,
      Body: body,
      ContentType: 'text/plain; charset=utf-8',
    }),
  );
  return respond(200, { name, key });
}

async function getDocument(tenantId, name) {
  const key = documentKey(tenantId, name);
  const s3 = await s3ForTenant(tenantId);
  try {
    const res = await s3.send(
      new GetObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key }),
    );
    return respond(200, { name, content: await res.Body.transformToString() });
  } catch (err) {
    if (err.name === 'NoSuchKey' || err.name === 'AccessDenied')
      throw new HttpError(404, 'document not found');
    throw err;
  }
}

// ------------------------------------------------------------------ helpers
function parseJsonObject(body) {
  if (typeof body !== 'string' || Buffer.byteLength(body) > MAX_BODY_BYTES)
    throw new HttpError(400, 'body must be a JSON object');
  let value;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'body must be a JSON object');
  return value;
}

function emitMetrics(tenantId, route, statusCode, latencyMs) {
  // CloudWatch Embedded Metric Format, written raw to stdout so it is a pure JSON log event.
  process.stdout.write(
    `${JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: process.env.METRIC_NAMESPACE || 'MultiTenantSaas',
            Dimensions: [['TenantId']],
            Metrics: [
              { Name: 'Requests', Unit: 'Count' },
              { Name: 'Errors', Unit: 'Count' },
              { Name: 'ClientErrors', Unit: 'Count' },
              { Name: 'Latency', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      TenantId: tenantId,
      Route: route,
      StatusCode: statusCode,
      Requests: 1,
      Errors: statusCode >= 500 ? 1 : 0,
      ClientErrors: statusCode >= 400 && statusCode < 500 ? 1 : 0,
      Latency: latencyMs,
    })}\n`,
  );
}

async function route(tenantId, event) {
  const key = `${event.httpMethod} ${event.resource}`;
  const params = event.pathParameters || {};
  const body =
    event.isBase64Encoded && event.body
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body;
  switch (key) {
    case 'GET /items':
      return listItems(tenantId);
    case 'POST /items':
      return createItem(tenantId, body);
    case 'GET /items/{id}':
      return getItem(tenantId, params.id);
    case 'PUT /documents/{name}':
      return putDocument(tenantId, params.name, body);
    case 'GET /documents/{name}':
      return getDocument(tenantId, params.name);
    default:
      throw new HttpError(404, 'route not found');
  }
}

exports.handler = async event => {
  const started = Date.now();
  const tenantId = tenantFromClaims(event);
  if (!tenantId) {
    console.error(
      JSON.stringify({
        level: 'WARN',
        message: 'rejected request without a valid tenant claim',
        path: event && event.path,
      }),
    );
    return respond(403, {
      message: 'forbidden: missing or invalid tenant claim',
    });
  }
  let response;
  try {
    response = await route(tenantId, event);
  } catch (err) {
    if (err instanceof HttpError) {
      response = respond(err.statusCode, { message: err.message });
    } else {
      console.error(
        JSON.stringify({
          level: 'ERROR',
          message: 'request failed',
          tenantId,
          error: err.message,
        }),
      );
      response = respond(500, { message: 'internal error' });
    }
  }
  emitMetrics(
    tenantId,
    `${event.httpMethod} ${event.resource}`,
    response.statusCode,
    Date.now() - started,
  );
  return response;
};

// Exposed for unit tests only.
exports._internals = { tenantFromClaims, searchPathFor, credentialCache };
