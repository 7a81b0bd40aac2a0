import * as fs from 'fs';
import * as path from 'path';
import {
  ExecuteStatementCommand,
  RDSDataClient,
} from '@aws-sdk/client-rds-data';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PGlite } from '@electric-sql/pglite';
import { mockClient } from 'aws-sdk-client-mock';
import { backDataApiWithPglite } from '../test-utils/fake-data-api';

/* eslint-disable @typescript-eslint/no-require-imports */
// The real CommonJS module objects (spy-able, unlike TS namespace imports).
const https = require('https');
const migration = require('./lambda/migration/index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const SQL_DIR = path.join(__dirname, 'lambda', 'migration', 'sql');
const sql = (f: string) => fs.readFileSync(path.join(SQL_DIR, f), 'utf8');
const rds = mockClient(RDSDataClient);
const secretsManager = mockClient(SecretsManagerClient);
const API_SECRET = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:api';

/** Captures the custom-resource response the handler PUTs to CloudFormation. */
function captureCfnResponse(): { bodies: any[] } {
  const bodies: any[] = [];
  jest.spyOn(https, 'request').mockImplementation(((_opts: any, cb: any) => {
    let body = '';
    const res = {
      on: (ev: string, fn: () => void) => {
        if (ev === 'end') setImmediate(fn);
        return res;
      },
    };
    return {
      on: () => undefined,
      write: (chunk: string) => {
        body += chunk;
      },
      end: () => {
        bodies.push(JSON.parse(body));
        cb(res);
      },
    };
  }) as any);
  return { bodies };
}

const cfnEvent = (model: string, tenants: string[]) => ({
  RequestType: 'Create',
  ResponseURL:
    'https://cloudformation-custom-resource-response.example.com/path?sig=1',
  StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/s/1',
  RequestId: 'req-1',
  LogicalResourceId: 'SchemaMigration',
  ResourceProperties: {
    IsolationModel: model,
    Database: 'saas',
    Targets: [
      {
        ClusterArn: 'arn:aws:rds:eu-west-1:111111111111:cluster:c',
        SecretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:s',
        Tenants: tenants,
      },
    ],
  },
});

describe('tenant-isolation SQL (static checks)', () => {
  test('pool.sql creates a tenant_id column, enables + forces RLS and a policy keyed on control.current_tenant()', () => {
    const s = sql('pool.sql');
    expect(s).toMatch(/tenant_id\s+text\s+NOT NULL/);
    expect(s).toMatch(/ALTER TABLE app\.items ENABLE ROW LEVEL SECURITY/);
    expect(s).toMatch(/ALTER TABLE app\.items FORCE ROW LEVEL SECURITY/);
    expect(s).toMatch(
      /CREATE POLICY tenant_isolation ON app\.items[\s\S]*USING \(tenant_id = \(SELECT control\.current_tenant\(\)\)\)[\s\S]*WITH CHECK \(tenant_id = \(SELECT control\.current_tenant\(\)\)\)/,
    );
  });

  test('bridge.sql provisions a schema per tenant with RLS + policy on the tenant table', () => {
    const s = sql('bridge.sql');
    expect(s).toMatch(/CREATE OR REPLACE FUNCTION control\.provision_tenant/);
    expect(s).toMatch(/CREATE SCHEMA IF NOT EXISTS %I/);
    expect(s).toMatch(/ENABLE ROW LEVEL SECURITY/);
    expect(s).toMatch(/FORCE ROW LEVEL SECURITY/);
    expect(s).toMatch(
      /CREATE POLICY tenant_isolation ON %I\.items[\s\S]*\(SELECT control\.current_tenant\(\)\)/,
    );
  });

  test('common.sql creates the non-login, NOBYPASSRLS application role and the handler login that inherits it', () => {
    const s = sql('common.sql');
    expect(s).toMatch(/CREATE ROLE tenant_app NOLOGIN NOBYPASSRLS/);
    expect(s).toMatch(
      /CREATE ROLE tenant_api LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT/,
    );
    expect(s).toMatch(/GRANT tenant_app TO tenant_api;/);
    // The master user is no longer made a member of tenant_app: nobody needs SET ROLE.
    expect(s).not.toMatch(/GRANT tenant_app TO CURRENT_USER/);
  });

  test('the statement splitter keeps dollar-quoted bodies, strings and comments intact', () => {
    const parts: string[] = migration.splitSql(sql('bridge.sql'));
    const fn = parts.find(p => p.startsWith('CREATE OR REPLACE FUNCTION'));
    expect(fn).toContain('RETURN v_schema;');
    expect(fn!.trim().endsWith('$fn$')).toBe(true);
    expect(
      migration.splitSql(
        'SELECT \'a;b\'; -- c;d\nSELECT "x;y" FROM t; /* ; */ SELECT $$;$$',
      ),
    ).toEqual(["SELECT 'a;b'", 'SELECT "x;y" FROM t', 'SELECT $$;$$']);
  });
});

describe('tenant-isolation SQL applied by the migration custom resource (real PostgreSQL via PGlite)', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => db.close());
  beforeEach(() => {
    rds.reset();
    secretsManager.reset();
    secretsManager
      .on(GetSecretValueCommand, { SecretId: API_SECRET })
      .resolves({
        SecretString: JSON.stringify({
          username: 'tenant_api',
          password: 'Abcdefgh12345678-api',
        }),
      });
    backDataApiWithPglite(rds, db);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  async function asTenant<T>(
    tenantId: string,
    fn: () => Promise<T>,
    searchPath?: string,
  ): Promise<T> {
    await db.exec('BEGIN');
    try {
      await db.exec('SET LOCAL ROLE tenant_app');
      await db.query('SELECT control.enter_tenant($1)', [tenantId]);
      if (searchPath)
        await db.query("SELECT set_config('search_path', $1, true)", [
          searchPath,
        ]);
      return await fn();
    } finally {
      await db.exec('ROLLBACK');
    }
  }

  test('pool: migration succeeds (twice: idempotent) and RLS isolates tenants in the shared table', async () => {
    const { bodies } = captureCfnResponse();
    await migration.handler(cfnEvent('pool', []));
    await migration.handler({
      ...cfnEvent('pool', []),
      RequestType: 'Update',
      PhysicalResourceId: 'p',
    });
    expect(bodies.map(b => b.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(bodies[0].Data.StatementsExecuted).toBeGreaterThan(5);

    await db.exec(
      "INSERT INTO app.items (tenant_id, name) VALUES ('acme', 'a1'), ('acme', 'a2'), ('globex', 'g1')",
    );
    // No WHERE clause at all: RLS alone limits what the tenant sees.
    const acme = await asTenant('acme', async () =>
      (
        await db.query<{ name: string }>(
          'SELECT name FROM app.items ORDER BY name',
        )
      ).rows.map(r => r.name),
    );
    expect(acme).toEqual(['a1', 'a2']);
    const globex = await asTenant(
      'globex',
      async () =>
        (
          await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM app.items',
          )
        ).rows[0].n,
    );
    expect(globex).toBe(1);
    // Writing a row for another tenant is rejected by the WITH CHECK clause.
    await expect(
      asTenant('acme', () =>
        db.query(
          "INSERT INTO app.items (tenant_id, name) VALUES ('globex', 'evil')",
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // Without a tenant entered nothing is visible.
    await db.exec('BEGIN; SET LOCAL ROLE tenant_app;');
    expect(
      (
        await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM app.items',
        )
      ).rows[0].n,
    ).toBe(0);
    await db.exec('ROLLBACK');
  });

  test("bridge: one schema per tenant; RLS still blocks a tenant reading another tenant's schema", async () => {
    const { bodies } = captureCfnResponse();
    await migration.handler(cfnEvent('bridge', ['acme', 'globex-corp']));
    expect(bodies[0].Status).toBe('SUCCESS');

    const schemas = (
      await db.query<{ schema_name: string }>(
        'SELECT schema_name FROM control.tenants ORDER BY 1',
      )
    ).rows.map(r => r.schema_name);
    expect(schemas).toEqual(['t_acme', 't_globex_corp']);
    await db.exec(
      "INSERT INTO t_acme.items (name) VALUES ('a-secret'); INSERT INTO t_globex_corp.items (name) VALUES ('g-secret');",
    );

    const own = await asTenant(
      'acme',
      async () =>
        (
          await db.query<{ name: string }>('SELECT name FROM items')
        ).rows,
      't_acme',
    );
    expect(own).toEqual([{ name: 'a-secret' }]);
    // Even pointed at the other tenant's schema, acme sees nothing (defence in depth).
    const cross = await asTenant(
      'acme',
      async () => (await db.query('SELECT name FROM t_globex_corp.items')).rows,
    );
    expect(cross).toEqual([]);
    // The tenant table's CHECK pins tenant_id to its owner.
    await expect(
      db.query(
        "INSERT INTO t_acme.items (tenant_id, name) VALUES ('globex-corp', 'x')",
      ),
    ).rejects.toThrow(/check constraint/);
  });

  test('bridge: provisioning rejects malformed tenant ids', async () => {
    await expect(
      db.query(
        "SELECT control.provision_tenant('Robert''); DROP TABLE x; --')",
      ),
    ).rejects.toThrow(/invalid tenant id/);
  });

  test('a failing statement reports FAILED to CloudFormation with the reason', async () => {
    const { bodies } = captureCfnResponse();
    await migration.handler(cfnEvent('bridge', ['BAD TENANT']));
    expect(bodies[0].Status).toBe('FAILED');
    expect(bodies[0].Reason).toMatch(/invalid tenant id/);
  });

  test('Delete never drops tenant data', async () => {
    const { bodies } = captureCfnResponse();
    await migration.handler({
      ...cfnEvent('pool', []),
      RequestType: 'Delete',
      PhysicalResourceId: 'p',
    });
    expect(bodies[0].Status).toBe('SUCCESS');
    expect(rds.calls()).toHaveLength(0);
  });

  test("the migration sets the handler login's password from the handler's secret (and only the migration reads it)", async () => {
    const { bodies } = captureCfnResponse();
    const event = cfnEvent('pool', []);
    (event.ResourceProperties.Targets[0] as any).ApiSecretArn = API_SECRET;
    await migration.handler(event);
    expect(bodies[0].Status).toBe('SUCCESS');
    const alter = rds
      .commandCalls(ExecuteStatementCommand)
      .map(c => c.args[0].input.sql!)
      .filter(q => q.startsWith('ALTER ROLE'));
    expect(alter).toEqual([
      "ALTER ROLE tenant_api WITH LOGIN PASSWORD 'Abcdefgh12345678-api'",
    ]);
    const role = (
      await db.query<any>(
        "SELECT rolcanlogin, rolbypassrls, rolsuper, rolinherit FROM pg_roles WHERE rolname = 'tenant_api'",
      )
    ).rows;
    expect(role).toEqual([
      {
        rolcanlogin: true,
        rolbypassrls: false,
        rolsuper: false,
        rolinherit: true,
      },
    ]);
  });

  test('a password that could break out of the SQL literal is refused', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        username: 'tenant_api',
        password: "x' SUPERUSER; --aaaaaaaaaaa",
      }),
    });
    const { bodies } = captureCfnResponse();
    const event = cfnEvent('pool', []);
    (event.ResourceProperties.Targets[0] as any).ApiSecretArn = API_SECRET;
    await migration.handler(event);
    expect(bodies[0].Status).toBe('FAILED');
    expect(bodies[0].Reason).toMatch(/without quotes or backslashes/);
  });
});
