// The PostgreSQL server the production and two-replica end-to-end portals
// use (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD
// override this machine's), and the clean-up of the databases a run made.
import pg from 'pg';

export const postgres = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? 'unused-with-trust-auth',
};

/** The backend's environment for that server (app-config.production.yaml reads it). */
export const postgresEnvironment = {
  POSTGRES_HOST: postgres.host,
  POSTGRES_PORT: String(postgres.port),
  POSTGRES_USER: postgres.user,
  POSTGRES_PASSWORD: postgres.password,
};

/** Drops every database whose name starts with `prefix` (the plugins' databases of one run). */
export async function dropDatabases(prefix) {
  const client = new pg.Client({ ...postgres, database: 'postgres' });
  try {
    await client.connect();
    const { rows } = await client.query(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await client.end().catch(() => {});
  }
}
