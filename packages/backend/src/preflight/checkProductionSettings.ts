import { Config } from '@backstage/config';
import { Socket } from 'node:net';
import { Client } from 'pg';

/** One setting the backend cannot start with, and why. */
export type SettingProblem = {
  /** The config key (and the environment variable the shipped config reads). */
  setting: string;
  message: string;
};

export type CheckOptions = {
  /** Milliseconds to wait for each service before calling it unreachable. */
  timeoutMs?: number;
};

/** The environment variables `app-config.production.yaml` reads, by key. */
const ENV_NAMES: Record<string, string> = {
  'backend.database.connection.host': 'POSTGRES_HOST',
  'backend.database.connection.port': 'POSTGRES_PORT',
  'backend.database.connection.user': 'POSTGRES_USER',
  'backend.database.connection.password': 'POSTGRES_PASSWORD',
  'backend.cache.connection': 'REDIS_URL',
  'auth.session.secret': 'AUTH_SESSION_SECRET',
  'auth.providers.oidc.production.metadataUrl': 'AUTH_OIDC_METADATA_URL',
  'auth.providers.oidc.production.clientId': 'AUTH_OIDC_CLIENT_ID',
  'auth.providers.oidc.production.clientSecret': 'AUTH_OIDC_CLIENT_SECRET',
};

function problem(setting: string, message: string): SettingProblem {
  const env = ENV_NAMES[setting];
  return { setting: env ? `${setting} (${env})` : setting, message };
}

/** Whether the config asks for the production set-up (OIDC, no guest). */
export function isProductionAuth(config: Config): boolean {
  return config.getOptionalString('auth.environment') === 'production';
}

/**
 * Checks, before any plugin starts, the settings a production portal cannot
 * run without: the database accepts the configured credentials, the Redis
 * cache answers, and sign-in has an OpenID provider with its client
 * credentials. Returns every problem found, each naming its setting; an
 * empty list means the backend may start. A local development config
 * (SQLite, memory cache, guest sign-in) has nothing to check.
 */
export async function checkProductionSettings(
  config: Config,
  options: CheckOptions = {},
): Promise<SettingProblem[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const checks = await Promise.all([
    checkDatabase(config, timeoutMs),
    checkCache(config, timeoutMs),
    checkSignIn(config, timeoutMs),
  ]);
  return checks.flat();
}

/** Formats the problems as the message the backend prints before it exits. */
export function describeProblems(problems: SettingProblem[]): string {
  return [
    'The backend cannot start: fix these settings (see README, "Running in production").',
    ...problems.map(p => `  - ${p.setting}: ${p.message}`),
  ].join('\n');
}

async function checkDatabase(
  config: Config,
  timeoutMs: number,
): Promise<SettingProblem[]> {
  if (config.getOptionalString('backend.database.client') !== 'pg') {
    return [];
  }
  const connection = config.getOptional('backend.database.connection');
  if (connection === undefined) {
    return [
      problem(
        'backend.database.connection',
        'PostgreSQL is selected but no connection is configured.',
      ),
    ];
  }
  const settings =
    typeof connection === 'string'
      ? { connectionString: connection }
      : (connection as Record<string, unknown>);
  const missing = ['host', 'user', 'password']
    .filter(
      key =>
        typeof connection !== 'string' &&
        (settings[key] === undefined || settings[key] === ''),
    )
    .map(key =>
      problem(
        `backend.database.connection.${key}`,
        'is not set (an unset environment variable leaves it empty).',
      ),
    );
  if (missing.length > 0) {
    return missing;
  }
  const where =
    typeof connection === 'string'
      ? 'the configured server'
      : `${settings.host}:${settings.port ?? 5432}`;
  const client = new Client({
    ...(settings as object),
    port: settings.port ? Number(settings.port) : undefined,
    database: (settings.database as string | undefined) ?? 'postgres',
    connectionTimeoutMillis: timeoutMs,
  });
  // A failed connection also reports on the client; never let it go unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return [];
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === '28P01') {
      return [
        problem(
          'backend.database.connection.password',
          `PostgreSQL at ${where} rejected the password for user "${settings.user}".`,
        ),
      ];
    }
    if (code === '28000') {
      return [
        problem(
          'backend.database.connection.user',
          `PostgreSQL at ${where} refused user "${settings.user}": ${message}`,
        ),
      ];
    }
    return [
      problem(
        'backend.database.connection.host',
        `cannot reach PostgreSQL at ${where}: ${message || code}`,
      ),
    ];
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkCache(
  config: Config,
  timeoutMs: number,
): Promise<SettingProblem[]> {
  if (config.getOptionalString('backend.cache.store') !== 'redis') {
    return [];
  }
  const connection = config.getOptional('backend.cache.connection');
  const url =
    typeof connection === 'string'
      ? connection
      : (connection as { url?: string } | undefined)?.url;
  if (!url) {
    return [
      problem(
        'backend.cache.connection',
        'the Redis cache is selected but no connection URL is set.',
      ),
    ];
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [
      problem(
        'backend.cache.connection',
        'is not a URL (expected redis://host:port).',
      ),
    ];
  }
  const host = parsed.hostname;
  const port = Number(parsed.port || 6379);
  try {
    const reply = await redisPing(
      host,
      port,
      decodeURIComponent(parsed.password),
      decodeURIComponent(parsed.username),
      timeoutMs,
    );
    if (reply.startsWith('+PONG')) {
      return [];
    }
    return [
      problem(
        'backend.cache.connection',
        `Redis at ${host}:${port} answered PING with ${reply.trim()}.`,
      ),
    ];
  } catch (error) {
    return [
      problem(
        'backend.cache.connection',
        `cannot reach Redis at ${host}:${port}: ${(error as Error).message}`,
      ),
    ];
  }
}

/** Sends (AUTH and) PING over the Redis protocol; resolves with the last reply. */
function redisPing(
  host: string,
  port: number,
  password: string,
  username: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const expected = password ? 2 : 1;
    let replies: string[] = [];
    let buffer = '';
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    });
    socket.once('error', reject);
    socket.on('data', data => {
      buffer += data.toString('utf8');
      const lines = buffer.split('\r\n');
      buffer = lines.pop() ?? '';
      replies = replies.concat(lines);
      if (replies.length >= expected) {
        socket.end();
        const failed = replies.find(r => r.startsWith('-'));
        resolve(failed ?? replies[replies.length - 1]);
      }
    });
    socket.connect(port, host, () => {
      const auth = password
        ? `AUTH ${username ? `${username} ` : ''}${password}\r\n`
        : '';
      socket.write(`${auth}PING\r\n`);
    });
  });
}

async function checkSignIn(
  config: Config,
  timeoutMs: number,
): Promise<SettingProblem[]> {
  if (!isProductionAuth(config)) {
    return [];
  }
  const problems: SettingProblem[] = [];
  if (!config.getOptionalString('auth.session.secret')) {
    problems.push(
      problem(
        'auth.session.secret',
        'is not set; OpenID Connect sign-in keeps its state in a session.',
      ),
    );
  }
  const base = 'auth.providers.oidc.production';
  for (const key of ['clientId', 'clientSecret']) {
    if (!config.getOptionalString(`${base}.${key}`)) {
      problems.push(problem(`${base}.${key}`, 'is not set.'));
    }
  }
  const metadataUrl = config.getOptionalString(`${base}.metadataUrl`);
  if (!metadataUrl) {
    problems.push(
      problem(
        `${base}.metadataUrl`,
        'is not set: production sign-in needs the OpenID issuer (its /.well-known/openid-configuration URL).',
      ),
    );
    return problems;
  }
  try {
    const response = await fetch(metadataUrl, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const metadata = (await response.json()) as Record<string, unknown>;
    const absent = [
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
    ].filter(field => typeof metadata[field] !== 'string');
    if (absent.length > 0) {
      throw new Error(`the document has no ${absent.join(', ')}`);
    }
  } catch (error) {
    problems.push(
      problem(
        `${base}.metadataUrl`,
        `cannot read the OpenID issuer's metadata at ${metadataUrl}: ${describeError(
          error,
        )}`,
      ),
    );
  }
  return problems;
}

function describeError(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: unknown };
  const detail = (cause as { message?: string; code?: string } | undefined)
    ?.message;
  return detail ? `${message} (${detail})` : String(message ?? error);
}
