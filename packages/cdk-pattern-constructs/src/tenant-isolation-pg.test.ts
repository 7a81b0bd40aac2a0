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

/**
 * How the request handler reaches the database. `protected` is the generated design.
 * The other two each remove one protection, to prove that every attack below would
 * succeed without it: `without-rls` disables row-level security on every tenant
 * table; `without-role-separation` is the design the defect report described (the
 * handler logs in as the master user, the tables' owner, and narrows itself with
 * `SET LOCAL ROLE tenant_app`).
 */
type Variant = 'protected' | 'without-rls' | 'without-role-separation';
const VARIANTS: Variant[] = [
  'protected',
  'without-rls',
  'without-role-separation',
];

const handlerLogin = (variant: Variant) =>
  variant === 'without-role-separation' ? MASTER : 'tenant_api';

/** Every item table of a migrated database, schema-qualified. */
async function itemTables(database: string): Promise<string[]> {
  const c = await connect(SERVER.user!, database);
  try {
    const r = await c.query(
      "SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE tablename = 'items'",
    );
    return r.rows.map(row => row.t);
  } finally {
    await c.end();
  }
}

/** Applies the variant's weakening, as the server's superuser. */
async function weaken(database: string, variant: Variant) {
  if (variant === 'protected') return;
  const c = await connect(SERVER.user!, database);
  try {
    if (variant === 'without-role-separation') {
      // As the old migration did, so the master can narrow itself to tenant_app.
      await c.query(`GRANT tenant_app TO ${MASTER}`);
      return;
    }
    for (const table of await itemTables(database)) {
      await c.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await c.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  } finally {
    await c.end();
  }
}

/** A transaction as the handler opens it: its login, the tenant entered, search_path set. */
async function asTenant<T>(
  database: string,
  variant: Variant,
  tenant: string,
  searchPath: string,
  fn: (c: Client) => Promise<T>,
): Promise<T> {
  const client = await connect(handlerLogin(variant), database);
  try {
    await client.query('BEGIN');
    await client.query('SELECT control.enter_tenant($1)', [tenant]);
    await client.query("SELECT set_config('search_path', $1, true)", [
      searchPath,
    ]);
    if (variant === 'without-role-separation') {
      await client.query('SET LOCAL ROLE tenant_app');
    }
    return await fn(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/** Runs a statement the attacker hopes works; a refusal leaves the transaction usable. */
async function attempt(c: Client, sql: string, params: unknown[] = []) {
  await c.query('SAVEPOINT attempt');
  try {
    await c.query(sql, params);
    await c.query('RELEASE SAVEPOINT attempt');
    return true;
  } catch {
    await c.query('ROLLBACK TO SAVEPOINT attempt');
    return false;
  }
}

/**
 * What SQL injected into (or a bug in) the handler would try first: leave the narrowed
 * role, switch row-level security off for the tables, and rewrite the tenant context.
 * Each attack starts with this, so isolation must not rest on the handler's own SQL.
 */
async function escalate(c: Client, tables: string[]) {
  await attempt(c, 'RESET ROLE');
  for (const table of tables) {
    await attempt(c, `ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
  }
  await attempt(
    c,
    "UPDATE pg_temp.transaction_tenant SET tenant_id = 'globex'",
  );
}

/** Names of the rows `client` can see in `table`. */
const names = async (client: Client, table: string) =>
  (await client.query(`SELECT name FROM ${table} ORDER BY name`)).rows.map(
    r => r.name,
  );

type Model = 'pool' | 'bridge';
interface Scenario {
  model: Model;
  variant: Variant;
  db: string;
  acmePath: string;
  acmeTable: string;
  globexTable: string;
}

const searchPathOf = (model: Model, tenant: string) =>
  model === 'bridge' ? `t_${tenant}` : 'app';
const tableOf = (model: Model, tenant: string) =>
  `${searchPathOf(model, tenant)}.items`;

/** A migrated database holding one secret row per tenant, weakened per variant. */
async function scenario(model: Model, variant: Variant): Promise<Scenario> {
  const db = await migratedDatabase(model, ['acme', 'globex']);
  for (const tenant of ['acme', 'globex']) {
    const client = await connect('tenant_api', db);
    await client.query('BEGIN');
    await client.query('SELECT control.enter_tenant($1)', [tenant]);
    await client.query("SELECT set_config('search_path', $1, true)", [
      searchPathOf(model, tenant),
    ]);
    await client.query(
      "INSERT INTO items (tenant_id, name) VALUES ($1, $1 || '-secret')",
      [tenant],
    );
    await client.query('COMMIT');
    await client.end();
  }
  await weaken(db, variant);
  return {
    model,
    variant,
    db,
    acmePath: searchPathOf(model, 'acme'),
    acmeTable: tableOf(model, 'acme'),
    globexTable: tableOf(model, 'globex'),
  };
}

const asAcme = <T>(s: Scenario, fn: (c: Client) => Promise<T>) =>
  asTenant(s.db, s.variant, 'acme', s.acmePath, async c => {
    await escalate(c, [...new Set([s.acmeTable, s.globexTable])]);
    return fn(c);
  });

/** Attacks by tenant acme on tenant globex; each asserts that isolation held. */
const attacks: Array<[string, (s: Scenario) => Promise<void>]> = [
  [
    'reads: only its own rows, also naming the other table directly',
    s =>
      asAcme(s, async c => {
        expect(await names(c, s.acmeTable)).toEqual(['acme-secret']);
        const other = (await c.query(`SELECT name FROM ${s.globexTable}`)).rows;
        expect(other.map((r: any) => r.name)).not.toContain('globex-secret');
      }),
  ],
  [
    'RESET ROLE and SET ROLE do not leave row-level security',
    s =>
      asAcme(s, async c => {
        await c.query('RESET ROLE');
        expect(await names(c, s.globexTable)).not.toContain('globex-secret');
        expect(await attempt(c, `SET ROLE ${MASTER}`)).toBe(false);
        expect(await attempt(c, 'SET ROLE postgres')).toBe(false);
        await c.query('SET ROLE tenant_app');
        expect(await names(c, s.acmeTable)).toEqual(['acme-secret']);
      }),
  ],
  [
    'set_config, entering a second tenant or rewriting the tenant context cannot switch the tenant',
    s =>
      asAcme(s, async c => {
        await c.query("SELECT set_config('app.tenant_id', 'globex', true)");
        await c.query("SELECT set_config('app.tenant_id', 'globex', false)");
        expect(await attempt(c, "SELECT control.enter_tenant('globex')")).toBe(
          false,
        );
        expect(
          await attempt(
            c,
            "UPDATE pg_temp.transaction_tenant SET tenant_id = 'globex'",
          ),
        ).toBe(false);
        expect(await names(c, s.acmeTable)).toEqual(['acme-secret']);
        expect(await names(c, s.globexTable)).not.toContain('globex-secret');
      }),
  ],
  [
    'no tenant entered: nothing visible, and a forged tenant context table is refused',
    async s => {
      const c = await connect(handlerLogin(s.variant), s.db);
      try {
        await c.query('BEGIN');
        await escalate(c, [s.acmeTable, s.globexTable]);
        const visible = await c.query(
          `SELECT count(*)::int AS n FROM ${s.globexTable}`,
        );
        expect(visible.rows[0].n).toBe(0);
        expect(
          await attempt(
            c,
            'CREATE TEMPORARY TABLE transaction_tenant (tenant_id text)',
          ),
        ).toBe(false);
      } finally {
        await c.query('ROLLBACK');
        await c.end();
      }
    },
  ],
  [
    "writes: a forged tenant_id is refused; globex's rows cannot be updated or deleted",
    s =>
      asAcme(s, async c => {
        expect(
          await attempt(
            c,
            `INSERT INTO ${s.acmeTable} (tenant_id, name) VALUES ('globex', 'forged')`,
          ),
        ).toBe(false);
        expect(
          await attempt(c, `UPDATE ${s.acmeTable} SET tenant_id = 'globex'`),
        ).toBe(false);
        const updated = await c.query(
          `UPDATE ${s.globexTable} SET name = 'overwritten' WHERE tenant_id = 'globex'`,
        );
        expect(updated.rowCount).toBe(0);
        const deleted = await c.query(
          `DELETE FROM ${s.globexTable} WHERE tenant_id = 'globex'`,
        );
        expect(deleted.rowCount).toBe(0);
      }),
  ],
];

/** True when `run` failed on an assertion (a breach), not on an unrelated error. */
async function breached(run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (error: any) {
    if (!error?.matcherResult) throw error;
    return true;
  }
}

describe.each(['pool', 'bridge'] as const)(
  '%s model on real PostgreSQL: acme cannot read or write globex',
  model => {
    const scenarios = new Map<Variant, Scenario>();
    beforeAll(async () => {
      for (const variant of VARIANTS) {
        scenarios.set(variant, await scenario(model, variant));
      }
    }, 120_000);

    test('the handler role is a non-owner NOBYPASSRLS login, the master is not a superuser', async () => {
      const c = await connect('tenant_api', scenarios.get('protected')!.db);
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
      const member = await c.query(
        `SELECT pg_has_role(current_user, '${MASTER}', 'MEMBER') AS m`,
      );
      expect(member.rows[0].m).toBe(false);
      await c.end();
    });

    test.each(attacks)('%s', async (_name, attack) => {
      await attack(scenarios.get('protected')!);
    });

    test.each(attacks)(
      'the attack succeeds once row-level security or role separation is removed: %s',
      async (_name, attack) => {
        expect(
          await breached(() => attack(scenarios.get('without-rls')!)),
        ).toBe(true);
        expect(
          await breached(() =>
            attack(scenarios.get('without-role-separation')!),
          ),
        ).toBe(true);
      },
    );

    test("the handler's own SQL: a forged tenant_id in the body is stored as the caller's, another tenant's item is 404", async () => {
      process.env.ISOLATION_MODEL = model;
      const { db, acmeTable } = scenarios.get('protected')!;
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
  /** In acme's own silo, a forged globex row after the usual escalation attempts. */
  async function forgeInAcmeSilo(variant: Variant) {
    const acmeDb = await migratedDatabase('pool', []);
    await weaken(acmeDb, variant);
    await asTenant(acmeDb, variant, 'acme', 'app', async c => {
      await c.query("INSERT INTO items (tenant_id, name) VALUES ('acme', 'a')");
      expect(await names(c, 'app.items')).toEqual(['a']);
      await escalate(c, ['app.items']);
      await c.query("SELECT set_config('app.tenant_id', 'globex', true)");
      expect(
        await attempt(
          c,
          "INSERT INTO items (tenant_id, name) VALUES ('globex', 'forged')",
        ),
      ).toBe(false);
    });
  }

  test("acme's silo holds only acme rows; a forged globex row is refused", async () => {
    const globexDb = await migratedDatabase('pool', []);
    await asTenant(globexDb, 'protected', 'globex', 'app', c =>
      c.query("INSERT INTO items (tenant_id, name) VALUES ('globex', 'g')"),
    );
    await forgeInAcmeSilo('protected');
  });

  test('the forged row gets in once row-level security or role separation is removed', async () => {
    expect(await breached(() => forgeInAcmeSilo('without-rls'))).toBe(true);
    expect(
      await breached(() => forgeInAcmeSilo('without-role-separation')),
    ).toBe(true);
  });
});
