import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { mockClient } from 'aws-sdk-client-mock';
import { Client, ClientConfig } from 'pg';

/* eslint-disable @typescript-eslint/no-require-imports */
const migration = require('./multi-tenant-saas/lambda/migration/index.js');
const { handler } = require('./multi-tenant-saas/lambda/tenant-api/index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

/*
 * Tenant isolation on a real PostgreSQL server (127.0.0.1:5432 unless PGHOST/PGPORT say
 * otherwise; CI starts it). Like Aurora's master user, the migration runs as an ordinary
 * login role with CREATEROLE that is NOT a superuser and owns the database; the handler runs as
 * its own login role tenant_api. Each model gets its own, uniquely named database(s), dropped
 * afterwards. This file (at the library root) is not copied into generated repositories (they stay offline).
 */
const SERVER: ClientConfig = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD,
};
const SUFFIX = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
const MASTER = `aurora_master_${SUFFIX}`;
const SQL_DIR = path.join(
  __dirname,
  'multi-tenant-saas',
  'lambda',
  'migration',
  'sql',
);
const API_SECRET = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:api';
const MASTER_SECRET =
  'arn:aws:secretsmanager:eu-west-1:111111111111:secret:master';

async function connect(user: string, database: string): Promise<Client> {
  const client = new Client({ ...SERVER, user, database });
  await client.connect();
  return client;
}

const created: string[] = [];
let admin: Client;

beforeAll(async () => {
  admin = await connect(SERVER.user!, 'postgres');
  await admin.query(
    `CREATE ROLE ${MASTER} LOGIN CREATEROLE CREATEDB NOSUPERUSER NOBYPASSRLS`,
  );
}, 60_000);

afterAll(async () => {
  for (const db of created) {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
  await admin.query(`DROP ROLE IF EXISTS ${MASTER}`);
  // tenant_app / tenant_api are cluster-wide; drop them unless another database still uses them.
  for (const role of ['tenant_api', 'tenant_app']) {
    await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  }
  await admin.end();
}, 60_000);

/** A new database owned by the (non-superuser) master, migrated like the custom resource does. */
async function migratedDatabase(
  model: 'pool' | 'bridge',
  tenants: string[],
): Promise<string> {
  const db = `tenant_iso_${SUFFIX}_${created.length}`;
  await admin.query(`CREATE DATABASE ${db} OWNER ${MASTER}`);
  created.push(db);
  const master = await connect(MASTER, db);
  try {
    const su = await master.query(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    expect(su.rows[0].rolsuper).toBe(false);
    for (const file of ['common.sql', `${model}.sql`]) {
      for (const statement of migration.splitSql(
        fs.readFileSync(path.join(SQL_DIR, file), 'utf8'),
      )) {
        await master.query(statement);
      }
    }
    for (const tenant of model === 'bridge' ? tenants : []) {
      await master.query('SELECT control.provision_tenant($1)', [tenant]);
    }
  } finally {
    await master.end();
  }
  return db;
}

/** RDS Data API backed by the real server: each transaction is a connection as the secret's user. */
function dataApiOn(database: string) {
  const rds = mockClient(RDSDataClient);
  const tx = new Map<string, Client>();
  const userOf = (secretArn?: string) =>
    secretArn === MASTER_SECRET ? MASTER : 'tenant_api';
  rds.on(BeginTransactionCommand).callsFake(async input => {
    const client = await connect(userOf(input.secretArn), database);
    await client.query('BEGIN');
    const id = crypto.randomUUID();
    tx.set(id, client);
    return { transactionId: id };
  });
  const finish = (sql: string) => async (input: any) => {
    const client = tx.get(input.transactionId)!;
    tx.delete(input.transactionId);
    await client.query(sql).finally(() => client.end());
    return {};
  };
  rds.on(CommitTransactionCommand).callsFake(finish('COMMIT'));
  rds.on(RollbackTransactionCommand).callsFake(finish('ROLLBACK'));
  rds.on(ExecuteStatementCommand).callsFake(async (input: any) => {
    const names: string[] = [];
    const sql = input.sql.replace(
      /(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g,
      (_m: string, name: string) => {
        if (!names.includes(name)) names.push(name);
        return `$${names.indexOf(name) + 1}`;
      },
    );
    const values = names.map(
      n =>
        (input.parameters ?? []).find((p: any) => p.name === n).value
          .stringValue,
    );
    const res = await tx.get(input.transactionId)!.query(sql, values);
    return {
      formattedRecords: JSON.stringify(res.rows ?? []),
      numberOfRecordsUpdated: res.rowCount ?? 0,
    };
  });
  return rds;
}

const event = (
  tenant: string,
  method: string,
  resource: string,
  extra: any = {},
) => ({
  httpMethod: method,
  resource,
  path: resource,
  headers: { 'x-tenant-id': 'globex', ...(extra.headers ?? {}) },
  queryStringParameters: { tenantId: 'globex' },
  pathParameters: extra.pathParameters ?? null,
  body: extra.body === undefined ? null : JSON.stringify(extra.body),
  isBase64Encoded: false,
  requestContext: { authorizer: { tenantId: tenant, sub: `user-${tenant}` } },
});

/** A transaction as the handler opens it: tenant_api, tenant entered, search_path set. */
async function asTenant<T>(
  database: string,
  tenant: string,
  searchPath: string,
  fn: (c: Client) => Promise<T>,
): Promise<T> {
  const client = await connect('tenant_api', database);
  try {
    await client.query('BEGIN');
    await client.query('SELECT control.enter_tenant($1)', [tenant]);
    await client.query("SELECT set_config('search_path', $1, true)", [
      searchPath,
    ]);
    return await fn(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/** Names of the rows `client` can see in `table`. */
const names = async (client: Client, table: string) =>
  (await client.query(`SELECT name FROM ${table} ORDER BY name`)).rows.map(
    r => r.name,
  );

describe.each([
  ['pool', 'pool', 'app', 'app.items', 'app.items'],
  ['bridge', 'bridge', 't_acme', 't_acme.items', 't_globex.items'],
] as const)(
  '%s model on real PostgreSQL: acme cannot read or write globex',
  (_label, model, acmePath, acmeTable, globexTable) => {
    let db: string;
    beforeAll(async () => {
      db = await migratedDatabase(model, ['acme', 'globex']);
      const globexPath = model === 'bridge' ? 't_globex' : 'app';
      for (const [tenant, p] of [
        ['acme', acmePath],
        ['globex', globexPath],
      ]) {
        const client = await connect('tenant_api', db);
        await client.query('BEGIN');
        await client.query('SELECT control.enter_tenant($1)', [tenant]);
        await client.query("SELECT set_config('search_path', $1, true)", [p]);
        await client.query(
          "INSERT INTO items (tenant_id, name) VALUES ($1, $1 || '-secret')",
          [tenant],
        );
        await client.query('COMMIT');
        await client.end();
      }
    }, 60_000);

    test('the handler role is a non-owner NOBYPASSRLS login, the master is not a superuser', async () => {
      const c = await connect('tenant_api', db);
      const r = await c.query(
        'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = current_user',
      );
      expect(r.rows[0]).toEqual({
        rolsuper: false,
        rolbypassrls: false,
        rolcanlogin: true,
      });
      const owned = await c.query(
        "SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = 'tenant_api')",
      );
      expect(owned.rows[0].n).toBe(0);
      await c.end();
    });

    test('reads: only its own rows, also naming the other table directly', async () => {
      await asTenant(db, 'acme', acmePath, async c => {
        expect(await names(c, acmeTable)).toEqual(['acme-secret']);
        const other = await c.query(`SELECT name FROM ${globexTable}`).then(
          r => r.rows,
          e => e.message,
        );
        if (model === 'bridge') {
          // tenant_app may use every tenant schema; row-level security hides the rows.
          expect(other).toEqual([]);
        } else {
          expect(other.map((r: any) => r.name)).toEqual(['acme-secret']);
        }
      });
    });

    test('RESET ROLE and SET ROLE do not leave row-level security', async () => {
      await asTenant(db, 'acme', acmePath, async c => {
        await c.query('RESET ROLE');
        expect(await names(c, acmeTable)).toEqual(['acme-secret']);
        await c.query('SAVEPOINT s');
        await expect(c.query(`SET ROLE ${MASTER}`)).rejects.toThrow(
          /permission denied/,
        );
        await c.query('ROLLBACK TO SAVEPOINT s');
        await expect(c.query('SET ROLE postgres')).rejects.toThrow(
          /permission denied/,
        );
        await c.query('ROLLBACK TO SAVEPOINT s');
        await c.query('SET ROLE tenant_app');
        expect(await names(c, acmeTable)).toEqual(['acme-secret']);
      });
    });

    test('set_config cannot switch the tenant, and the tenant can be entered only once', async () => {
      await asTenant(db, 'acme', acmePath, async c => {
        await c.query("SELECT set_config('app.tenant_id', 'globex', true)");
        await c.query("SELECT set_config('app.tenant_id', 'globex', false)");
        expect(await names(c, acmeTable)).toEqual(['acme-secret']);
        await expect(
          c.query("SELECT control.enter_tenant('globex')"),
        ).rejects.toThrow(/already set/);
      });
    });

    test('no tenant entered: nothing visible; a forged tenant context table is refused', async () => {
      const c = await connect('tenant_api', db);
      try {
        await c.query('BEGIN');
        expect(
          (await c.query(`SELECT count(*)::int AS n FROM ${acmeTable}`)).rows[0]
            .n,
        ).toBe(0);
        await expect(
          c.query('CREATE TEMPORARY TABLE transaction_tenant (tenant_id text)'),
        ).rejects.toThrow(/permission denied/);
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
    });

    test('writes: a forged tenant_id is rejected; globex rows cannot be updated or deleted', async () => {
      await asTenant(db, 'acme', acmePath, async c => {
        await c.query('SAVEPOINT s');
        await expect(
          c.query(
            `INSERT INTO ${acmeTable} (tenant_id, name) VALUES ('globex', 'forged')`,
          ),
        ).rejects.toThrow(/row-level security|check constraint/);
        await c.query('ROLLBACK TO SAVEPOINT s');
        await expect(
          c.query(`UPDATE ${acmeTable} SET tenant_id = 'globex'`),
        ).rejects.toThrow(/row-level security|check constraint/);
        await c.query('ROLLBACK TO SAVEPOINT s');
        if (model === 'pool') {
          expect(
            (
              await c.query(
                "UPDATE app.items SET name = 'x' WHERE tenant_id = 'globex'",
              )
            ).rowCount,
          ).toBe(0);
          expect(
            (await c.query("DELETE FROM app.items WHERE tenant_id = 'globex'"))
              .rowCount,
          ).toBe(0);
        }
      });
      // Checked as the server's superuser (FORCE ROW LEVEL SECURITY hides rows even from the owner).
      const check = await connect(SERVER.user!, db);
      const rows = await check.query(
        `SELECT name FROM ${globexTable} WHERE tenant_id = 'globex'`,
      );
      await check.end();
      expect(rows.rows.map((r: any) => r.name)).toEqual(['globex-secret']);
    });

    test("the handler's own SQL: a forged tenant_id in the body is stored as the caller's, another tenant's item is 404", async () => {
      process.env.ISOLATION_MODEL = model;
      process.env.DATABASE_NAME = db;
      process.env.CLUSTER_ARN = 'arn:aws:rds:eu-west-1:111111111111:cluster:c';
      process.env.SECRET_ARN = API_SECRET;
      const rds = dataApiOn(db);
      const log = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation(() => true);
      try {
        const created = await handler(
          event('acme', 'POST', '/items', {
            body: { name: 'via-api', tenant_id: 'globex' },
          }),
        );
        expect(created.statusCode).toBe(201);
        const globex = JSON.parse(
          (
            await handler(
              event('globex', 'POST', '/items', { body: { name: 'g-api' } }),
            )
          ).body,
        );
        const cross = await handler(
          event('acme', 'GET', '/items/{id}', {
            pathParameters: { id: globex.id },
          }),
        );
        expect(cross.statusCode).toBe(404);
        const list = JSON.parse(
          (await handler(event('acme', 'GET', '/items'))).body,
        );
        expect(list.items.map((i: any) => i.name).sort()).toEqual([
          'acme-secret',
          'via-api',
        ]);
      } finally {
        log.mockRestore();
        rds.restore();
      }
      const check = await connect(SERVER.user!, db);
      const owner = await check.query(
        `SELECT tenant_id FROM ${acmeTable} WHERE name = 'via-api'`,
      );
      await check.end();
      expect(owner.rows).toEqual([{ tenant_id: 'acme' }]);
    });
  },
);

describe('silo model on real PostgreSQL: one database per tenant, each isolated inside too', () => {
  test("acme's silo holds only acme rows; a forged globex row is rejected", async () => {
    const acmeDb = await migratedDatabase('pool', []);
    const globexDb = await migratedDatabase('pool', []);
    await asTenant(globexDb, 'globex', 'app', c =>
      c.query("INSERT INTO items (tenant_id, name) VALUES ('globex', 'g')"),
    );
    await asTenant(acmeDb, 'acme', 'app', async c => {
      await c.query("INSERT INTO items (tenant_id, name) VALUES ('acme', 'a')");
      expect(await names(c, 'app.items')).toEqual(['a']);
      await c.query('RESET ROLE');
      await c.query("SELECT set_config('app.tenant_id', 'globex', true)");
      await expect(
        c.query(
          "INSERT INTO items (tenant_id, name) VALUES ('globex', 'forged')",
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
