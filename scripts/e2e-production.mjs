#!/usr/bin/env node
// The production portal for the end-to-end tests: a test OpenID provider on
// 127.0.0.1 and the production build of the backend (yarn build:backend),
// started with app-config.production.yaml against this machine's PostgreSQL
// and Redis. Secrets are generated for each run; the plugin databases get a
// prefix of their own and are dropped again when the run stops.
//
//   node scripts/e2e-production.mjs [--skip-build]
//
// Ports: PRODUCTION_E2E_PORT (default 7107) for the portal, and
// PRODUCTION_E2E_OIDC_PORT (default 7190) for the OpenID provider.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dropDatabases,
  startPortalEnvironment,
} from './e2e-portal-environment.mjs';
import {
  buildBackendBundle,
  startBackend,
  unpackBundle,
} from './production-start.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PRODUCTION_E2E_PORT ?? 7107);
const oidcPort = Number(process.env.PRODUCTION_E2E_OIDC_PORT ?? 7190);
const baseUrl = `http://localhost:${port}`;
const databasePrefix = `portal_e2e_${process.pid}_`;

/** The accounts of the test OpenID provider: two are in examples/org.yaml. */
export const E2E_USERS = {
  ada: 'ada@example.com', // platform-team
  grace: 'grace@example.com', // orders-team
  mallory: 'mallory@example.org', // no User entity in the catalog
};

if (!process.argv.includes('--skip-build')) buildBackendBundle();
unpackBundle();

const { provider, env } = await startPortalEnvironment({
  baseUrl,
  oidcPort,
  users: E2E_USERS,
});

const backend = startBackend(
  [
    '--config',
    join(root, 'app-config.yaml'),
    '--config',
    join(root, 'app-config.production.yaml'),
  ],
  {
    env: {
      ...env,
      PORT: String(port),
      AUTH_OIDC_TITLE: 'Test SSO',
      LOCAL_REPOSITORIES_DIR: join(root, '.cache/e2e-production-repositories'),
      APP_CONFIG_backend_database_prefix: databasePrefix,
    },
  },
);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  backend.kill('SIGTERM');
  await new Promise(r =>
    backend.exitCode === null && backend.signalCode === null
      ? backend.once('exit', r)
      : r(),
  );
  await provider.close();
  await dropDatabases(databasePrefix).catch(error =>
    process.stderr.write(`could not drop the e2e databases: ${error}\n`),
  );
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stop(0));
}
backend.on('exit', code => {
  if (!stopping) {
    process.stderr.write(`the production backend exited (${code})\n`);
    stop(1);
  }
});
