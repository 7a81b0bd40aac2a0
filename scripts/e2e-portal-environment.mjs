// What the production and two-replica end-to-end portals run with besides
// their own settings: this machine's PostgreSQL (POSTGRES_HOST, POSTGRES_PORT,
// POSTGRES_USER and POSTGRES_PASSWORD override it) and Redis (REDIS_URL), a
// test OpenID provider, and the clean-up of the databases a run made.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startTestOidcProvider } from './test-oidc-provider.mjs';

const postgres = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? 'unused-with-trust-auth',
};

/**
 * Starts a test OpenID provider with `users` for the portal at `baseUrl`, and
 * returns it with the environment app-config.production.yaml reads: base URL,
 * PostgreSQL, Redis, a fresh session secret and the OpenID client.
 */
export async function startPortalEnvironment({ baseUrl, oidcPort, users }) {
  const clientId = 'architecture-portal';
  const clientSecret = randomBytes(24).toString('hex');
  const provider = await startTestOidcProvider({
    port: oidcPort,
    clientId,
    clientSecret,
    redirectUris: [`${baseUrl}/api/auth/oidc/handler/frame`],
    users,
  });
  const env = {
    PORTAL_BASE_URL: baseUrl,
    POSTGRES_HOST: postgres.host,
    POSTGRES_PORT: String(postgres.port),
    POSTGRES_USER: postgres.user,
    POSTGRES_PASSWORD: postgres.password,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
    AUTH_OIDC_METADATA_URL: provider.metadataUrl,
    AUTH_OIDC_CLIENT_ID: clientId,
    AUTH_OIDC_CLIENT_SECRET: clientSecret,
  };
  return { provider, env };
}

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
