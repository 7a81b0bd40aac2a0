#!/usr/bin/env node
// Two replicas of the production backend behind one address, for the
// two-replica integration test: a round-robin reverse proxy on 127.0.0.1
// (REPLICAS_E2E_PORT, default 7207) in front of two backends (the next two
// ports), sharing one PostgreSQL database set and Redis (127.0.0.1:6379),
// with a test OpenID provider (REPLICAS_E2E_OIDC_PORT, default 7290).
//
//   node scripts/e2e-replicas.mjs [--build | --skip-build]
//
// With neither flag it waits for the production e2e portal (which builds the
// bundle) and unpacks that bundle into a folder of its own; --skip-build
// uses the bundle already in packages/backend/dist. Each replica's
// log goes to .cache/replicas/<name>.log; .cache/replicas/state.json names
// the replicas and the database prefix for the test. The proxy answers
// with an x-replica header naming the replica that served the request.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
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
const proxyPort = Number(process.env.REPLICAS_E2E_PORT ?? 7207);
const oidcPort = Number(process.env.REPLICAS_E2E_OIDC_PORT ?? 7290);
const baseUrl = `http://localhost:${proxyPort}`;
const stateDir = join(root, '.cache/replicas');
const databasePrefix = `portal_replicas_${process.pid}_`;
const replicas = [
  { name: 'replica-a', port: proxyPort + 1 },
  { name: 'replica-b', port: proxyPort + 2 },
];

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

if (process.argv.includes('--build')) {
  buildBackendBundle();
} else if (!process.argv.includes('--skip-build')) {
  const productionPort = Number(process.env.PRODUCTION_E2E_PORT ?? 7107);
  await waitFor(
    `http://localhost:${productionPort}/.backstage/health/v1/readiness`,
    900_000,
  );
}
const bundleDir = join(root, '.cache/production-bundle-replicas');
unpackBundle(bundleDir);
mkdirSync(stateDir, { recursive: true });

const { provider, env: portalEnvironment } = await startPortalEnvironment({
  baseUrl,
  oidcPort,
  users: { ada: 'ada@example.com', grace: 'grace@example.com' },
});

const env = {
  ...portalEnvironment,
  LOCAL_REPOSITORIES_DIR: join(stateDir, 'repositories'),
  APP_CONFIG_backend_database_prefix: databasePrefix,
  // Recount every 5 s, so the test sees several intervals.
  APP_CONFIG_architecturePatterns_adoption_summaryMaxAgeSeconds: '5',
  LOG_LEVEL: 'debug',
};

const children = [];
for (const replica of replicas) {
  const log = createWriteStream(join(stateDir, `${replica.name}.log`));
  const child = startBackend(
    [
      '--config',
      join(root, 'app-config.yaml'),
      '--config',
      join(root, 'app-config.production.yaml'),
    ],
    { env: { ...env, PORT: String(replica.port) }, stdio: 'pipe' },
    bundleDir,
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  replica.pid = child.pid;
  children.push(child);
  // The first replica creates the databases; let it finish its migrations.
  await waitFor(
    `http://localhost:${replica.port}/.backstage/health/v1/readiness`,
    300_000,
  );
}
writeFileSync(
  join(stateDir, 'state.json'),
  JSON.stringify({ replicas, databasePrefix, baseUrl }, null, 2),
);

let next = 0;
/**
 * Forwards a request to the next replica; a GET or HEAD whose replica cannot
 * be reached goes to one not yet tried, as a load balancer with health checks
 * would send it. (Round-robin alone could pick the stopped replica again when
 * other requests arrive in between.)
 */
function forward(req, res, tried = new Set()) {
  const candidates = replicas.filter(r => !tried.has(r.name));
  const target = candidates[next++ % candidates.length];
  tried.add(target.name);
  const upstream = request(
    {
      host: '127.0.0.1',
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent: false,
    },
    answer => {
      res.writeHead(answer.statusCode, {
        ...answer.headers,
        'x-replica': target.name,
      });
      answer.pipe(res);
    },
  );
  upstream.on('error', error => {
    const retriable = ['GET', 'HEAD'].includes(req.method);
    if (retriable && tried.size < replicas.length && !res.headersSent) {
      forward(req, res, tried);
      return;
    }
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
    }
    res.end(`${target.name}: ${error.message}`);
  });
  if (tried.size === 1) {
    req.pipe(upstream);
  } else {
    upstream.end();
  }
}
const proxy = createServer((req, res) => forward(req, res));
// All interfaces, so localhost answers on 127.0.0.1 and ::1 alike.
await new Promise(r => proxy.listen(proxyPort, r));

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  proxy.close();
  await Promise.all(
    children.map(child => {
      // Gone already (a test may have stopped one with a signal).
      if (child.exitCode !== null || child.signalCode !== null) {
        return undefined;
      }
      child.kill('SIGTERM');
      return new Promise(r => child.once('exit', r));
    }),
  );
  await provider.close();
  await dropDatabases(databasePrefix).catch(error =>
    process.stderr.write(`could not drop the replica databases: ${error}\n`),
  );
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stop(0));
}
