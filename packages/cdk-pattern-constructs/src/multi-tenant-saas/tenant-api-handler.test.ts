import * as fs from 'fs';
import * as path from 'path';
import {
  ExecuteStatementCommand,
  RDSDataClient,
} from '@aws-sdk/client-rds-data';
import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { PGlite } from '@electric-sql/pglite';
import { mockClient } from 'aws-sdk-client-mock';
import { backDataApiWithPglite } from '../test-utils/fake-data-api';

/* eslint-disable @typescript-eslint/no-require-imports */
const { handler, _internals } = require('./lambda/tenant-api/index.js');
const migration = require('./lambda/migration/index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const rds = mockClient(RDSDataClient);
const sts = mockClient(STSClient);
const s3 = mockClient(S3Client);

const CLUSTER = 'arn:aws:rds:eu-west-1:111111111111:cluster:shared';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:shared';

/** An API Gateway proxy event as produced behind the pattern's Lambda authorizer. */
function apiEvent(opts: {
  tenant?: string | null;
  method: string;
  resource: string;
  pathParameters?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}) {
  const authorizer: Record<string, string> = { sub: 'user-1' };
  if (opts.tenant !== null && opts.tenant !== undefined)
    authorizer.tenantId = opts.tenant;
  return {
    httpMethod: opts.method,
    resource: opts.resource,
    path: opts.resource,
    headers: opts.headers ?? {},
    queryStringParameters: opts.query ?? null,
    pathParameters: opts.pathParameters ?? null,
    body:
      opts.body === undefined
        ? null
        : typeof opts.body === 'string'
        ? opts.body
        : JSON.stringify(opts.body),
    isBase64Encoded: false,
    requestContext: { authorizer },
  };
}

let stdout: string[];
function setEnv(
  model: 'bridge' | 'pool' | 'silo',
  extra: Record<string, string> = {},
) {
  for (const k of ['CLUSTER_ARN', 'SECRET_ARN', 'TENANT_DATABASES'])
    delete process.env[k];
  Object.assign(process.env, {
    ISOLATION_MODEL: model,
    DATABASE_NAME: 'saas',
    METRIC_NAMESPACE: 'TestSaas',
    BUCKET_NAME: 'tenant-bucket',
    TENANT_ACCESS_ROLE_ARN: 'arn:aws:iam::111111111111:role/tenant-access',
    ...(model === 'silo' ? {} : { CLUSTER_ARN: CLUSTER, SECRET_ARN: SECRET }),
    ...extra,
  });
}

beforeEach(() => {
  rds.reset();
  sts.reset();
  s3.reset();
  _internals.credentialCache.clear();
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((line: string) => {
    stdout.push(line);
    return true;
  }) as any);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('tenant API: tenant identity comes only from the JWT', () => {
  beforeEach(() => setEnv('pool'));

  test.each([
    [
      'no tenant claim',
      apiEvent({ tenant: null, method: 'GET', resource: '/items' }),
    ],
    [
      'malformed tenant claim',
      apiEvent({
        tenant: "acme' OR 1=1 --",
        method: 'GET',
        resource: '/items',
      }),
    ],
    [
      'no authorizer context at all',
      { httpMethod: 'GET', resource: '/items', requestContext: {} },
    ],
  ])('%s -> 403 and no data access whatsoever', async (_name, event) => {
    const res = await handler(event);
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).message).toMatch(/tenant claim/);
    expect(rds.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  test('a tenant id in headers, query string or body is ignored: every SQL parameter is the JWT tenant', async () => {
    rds
      .onAnyCommand()
      .resolves({ transactionId: 'tx', formattedRecords: '[]' });
    const res = await handler(
      apiEvent({
        tenant: 'acme',
        method: 'POST',
        resource: '/items',
        headers: { 'x-tenant-id': 'globex' },
        query: { tenantId: 'globex' },
        body: { name: 'widget', tenant_id: 'globex', tenantId: 'globex' },
      }),
    );
    expect(res.statusCode).toBe(201);
    const exec = rds
      .commandCalls(ExecuteStatementCommand)
      .map(c => c.args[0].input);
    // The handler connects as its own login role: it never switches roles.
    expect(exec.some(e => /\bROLE\b/i.test(e.sql ?? ''))).toBe(false);
    expect(exec[0].parameters).toEqual([
      { name: 'tenant_id', value: { stringValue: 'acme' } },
    ]);
    const tenantParams = exec
      .flatMap(e => e.parameters ?? [])
      .filter(p => p.name === 'tenant_id');
    expect(tenantParams.length).toBeGreaterThanOrEqual(2);
    expect(tenantParams.every(p => p.value?.stringValue === 'acme')).toBe(true);
    expect(JSON.stringify(exec)).not.toContain('globex');
  });

  test("bridge: the search_path is the caller's tenant schema", async () => {
    setEnv('bridge');
    rds
      .onAnyCommand()
      .resolves({ transactionId: 'tx', formattedRecords: '[]' });
    await handler(
      apiEvent({ tenant: 'globex-corp', method: 'GET', resource: '/items' }),
    );
    const exec = rds
      .commandCalls(ExecuteStatementCommand)
      .map(c => c.args[0].input);
    expect(exec[1]).toMatchObject({
      sql: "SELECT set_config('search_path', :search_path, true)",
      parameters: [
        { name: 'search_path', value: { stringValue: 't_globex_corp' } },
      ],
    });
  });

  test("silo: the tenant's own cluster is used; a tenant without a silo is rejected with 403", async () => {
    setEnv('silo', {
      TENANT_DATABASES: JSON.stringify({
        acme: { clusterArn: 'arn:acme-cluster', secretArn: 'arn:acme-secret' },
      }),
    });
    rds
      .onAnyCommand()
      .resolves({ transactionId: 'tx', formattedRecords: '[]' });
    expect(
      (
        await handler(
          apiEvent({ tenant: 'acme', method: 'GET', resource: '/items' }),
        )
      ).statusCode,
    ).toBe(200);
    expect(
      rds
        .commandCalls(ExecuteStatementCommand)
        .every(c => c.args[0].input.resourceArn === 'arn:acme-cluster'),
    ).toBe(true);
    rds.resetHistory();
    expect(
      (
        await handler(
          apiEvent({ tenant: 'globex', method: 'GET', resource: '/items' }),
        )
      ).statusCode,
    ).toBe(403);
    expect(rds.calls()).toHaveLength(0);
  });

  test('emits one EMF record per request with the TenantId dimension', async () => {
    rds
      .onAnyCommand()
      .resolves({ transactionId: 'tx', formattedRecords: '[]' });
    await handler(
      apiEvent({ tenant: 'acme', method: 'GET', resource: '/items' }),
    );
    const emf = stdout.map(l => JSON.parse(l)).find(l => l._aws);
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'TestSaas',
      Dimensions: [['TenantId']],
    });
    expect(emf).toMatchObject({ TenantId: 'acme', Requests: 1, Errors: 0 });
  });
});

describe('tenant API: S3 documents via ABAC session tags', () => {
  beforeEach(() => {
    setEnv('pool');
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'AKIA',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(Date.now() + 900_000),
      },
    });
    s3.on(PutObjectCommand).resolves({});
  });

  test('assumes the tenant role tagged with the JWT tenant and writes under <tenant>/ only', async () => {
    const res = await handler(
      apiEvent({
        tenant: 'acme',
        method: 'PUT',
        resource: '/documents/{name}',
        pathParameters: { name: 'report.txt' },
        body: 'hello',
        headers: { 'x-tenant-id': 'globex' },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toMatchObject({
      RoleArn: 'arn:aws:iam::111111111111:role/tenant-access',
      Tags: [{ Key: 'tenant_id', Value: 'acme' }],
    });
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      Bucket: 'tenant-bucket',
      Key: 'acme/documents/report.txt',
    });
  });

  test.each(['../globex/documents/x', 'a/b', '..'])(
    'rejects the path-escaping document name %p with 400',
    async name => {
      const res = await handler(
        apiEvent({
          tenant: 'acme',
          method: 'GET',
          resource: '/documents/{name}',
          pathParameters: { name },
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(s3.calls()).toHaveLength(0);
    },
  );

  test('a denied/missing object is reported as 404', async () => {
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    const res = await handler(
      apiEvent({
        tenant: 'acme',
        method: 'GET',
        resource: '/documents/{name}',
        pathParameters: { name: 'x.txt' },
      }),
    );
    expect(res.statusCode).toBe(404);
    expect(s3.commandCalls(GetObjectCommand)[0].args[0].input.Key).toBe(
      'acme/documents/x.txt',
    );
  });
});

describe('tenant API end-to-end on real PostgreSQL (PGlite) with the shipped migration SQL', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = new PGlite();
    const dir = path.join(__dirname, 'lambda', 'migration', 'sql');
    for (const file of ['common.sql', 'pool.sql']) {
      for (const statement of migration.splitSql(
        fs.readFileSync(path.join(dir, file), 'utf8'),
      )) {
        await db.exec(statement);
      }
    }
  });
  afterAll(async () => db.close());
  beforeEach(() => {
    setEnv('pool');
    // SECRET_ARN is the handler's tenant_api login (as deployed): every transaction runs as it.
    backDataApiWithPglite(rds, db, { [SECRET]: 'tenant_api' });
  });

  const create = async (tenant: string, name: string) =>
    JSON.parse(
      (
        await handler(
          apiEvent({
            tenant,
            method: 'POST',
            resource: '/items',
            body: { name },
          }),
        )
      ).body,
    );

  test("a tenant cannot read another tenant's item even when it knows the id", async () => {
    const globexItem = await create('globex', 'globex-secret');
    const acmeItem = await create('acme', 'acme-item');
    expect(globexItem.id).toMatch(/^[0-9a-f-]{36}$/);

    const own = await handler(
      apiEvent({
        tenant: 'acme',
        method: 'GET',
        resource: '/items/{id}',
        pathParameters: { id: acmeItem.id },
      }),
    );
    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body).name).toBe('acme-item');

    const cross = await handler(
      apiEvent({
        tenant: 'acme',
        method: 'GET',
        resource: '/items/{id}',
        pathParameters: { id: globexItem.id },
        headers: { 'x-tenant-id': 'globex' },
      }),
    );
    expect(cross.statusCode).toBe(404);

    const list = JSON.parse(
      (
        await handler(
          apiEvent({
            tenant: 'acme',
            method: 'GET',
            resource: '/items',
            query: { tenantId: 'globex' },
          }),
        )
      ).body,
    );
    expect(list.items.map((i: any) => i.name)).toEqual(['acme-item']);
  });

  test('RLS is the backstop: stored rows always belong to the JWT tenant', async () => {
    await create('acme', 'spoof-attempt');
    const rows = (
      await db.query<{ tenant_id: string }>(
        "SELECT tenant_id FROM app.items WHERE name = 'spoof-attempt'",
      )
    ).rows;
    expect(rows).toEqual([{ tenant_id: 'acme' }]);
  });

  test('the handler runs as tenant_api: RESET ROLE and SET ROLE cannot leave row-level security', async () => {
    await create('globex', 'globex-only');
    await db.exec('BEGIN');
    try {
      await db.exec('SET SESSION AUTHORIZATION tenant_api');
      await db.query("SELECT control.enter_tenant('acme')");
      await db.exec('RESET ROLE');
      const seen = await db.query<{ name: string }>(
        'SELECT name FROM app.items',
      );
      expect(seen.rows.map(r => r.name)).not.toContain('globex-only');
      await expect(db.exec('SET ROLE postgres')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await db.exec('ROLLBACK');
      await db.exec('SET SESSION AUTHORIZATION postgres');
    }
    const role = (
      await db.query<any>(
        "SELECT rolcanlogin, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'tenant_api'",
      )
    ).rows;
    expect(role).toEqual([
      { rolcanlogin: true, rolbypassrls: false, rolsuper: false },
    ]);
    const owned = (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname IN ('tenant_api', 'tenant_app')",
      )
    ).rows[0].n;
    expect(owned).toBe(0);
  });
});

describe('tenant API (bridge) on real PostgreSQL: a tenant onboarded after deployment', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = new PGlite();
    const dir = path.join(__dirname, 'lambda', 'migration', 'sql');
    for (const file of ['common.sql', 'bridge.sql']) {
      for (const statement of migration.splitSql(
        fs.readFileSync(path.join(dir, file), 'utf8'),
      )) {
        await db.exec(statement);
      }
    }
    await db.query("SELECT control.provision_tenant('acme')");
  });
  afterAll(async () => db.close());
  beforeEach(() => {
    setEnv('bridge');
    backDataApiWithPglite(rds, db, { [SECRET]: 'tenant_api' });
  });

  test('a valid token for a tenant that has no schema yet gets 403 (not 500) and does not count as an error', async () => {
    const own = await handler(
      apiEvent({ tenant: 'acme', method: 'GET', resource: '/items' }),
    );
    expect(own.statusCode).toBe(200);
    stdout.length = 0;
    const res = await handler(
      apiEvent({ tenant: 'newco', method: 'GET', resource: '/items' }),
    );
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).message).toBe('tenant is not provisioned');
    const emf = stdout.map(l => JSON.parse(l)).find(r => r.TenantId);
    expect(emf).toMatchObject({
      TenantId: 'newco',
      Errors: 0,
      ClientErrors: 1,
    });
    // Once provisioned (README: onboarding), the same token works.
    await db.query("SELECT control.provision_tenant('newco')");
    const after = await handler(
      apiEvent({
        tenant: 'newco',
        method: 'POST',
        resource: '/items',
        body: { name: 'n1' },
      }),
    );
    expect(after.statusCode).toBe(201);
  });
});
