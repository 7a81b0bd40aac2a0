import { ConfigReader } from '@backstage/config';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import {
  checkProductionSettings,
  describeProblems,
} from './checkProductionSettings';

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A stand-in PostgreSQL server that answers every start-up with the error a
 * real one sends for a wrong password (SQLSTATE 28P01). The machine's real
 * server trusts 127.0.0.1, so it accepts any password.
 */
async function rejectingPostgres(): Promise<{ port: number; close(): void }> {
  const server = createTcpServer(socket => {
    socket.once('data', () => {
      const fields = Buffer.concat([
        Buffer.from('SFATAL\0'),
        Buffer.from('C28P01\0'),
        Buffer.from('Mpassword authentication failed for user "portal"\0'),
        Buffer.from('\0'),
      ]);
      const header = Buffer.alloc(5);
      header.write('E', 0);
      header.writeInt32BE(fields.length + 4, 1);
      socket.end(Buffer.concat([header, fields]));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => server.close(),
  };
}

describe('checkProductionSettings', () => {
  let issuer: Server;
  let metadataUrl: string;

  beforeAll(async () => {
    issuer = createServer((_req, res) => {
      const base = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          issuer: base,
          authorization_endpoint: `${base}/auth`,
          token_endpoint: `${base}/token`,
          userinfo_endpoint: `${base}/me`,
        }),
      );
    });
    await new Promise<void>(resolve => issuer.listen(0, '127.0.0.1', resolve));
    metadataUrl = `http://127.0.0.1:${
      (issuer.address() as AddressInfo).port
    }/.well-known/openid-configuration`;
  });

  afterAll(() => issuer.close());

  const production = (overrides: object = {}) => ({
    backend: {
      database: {
        client: 'pg',
        connection: {
          host: '127.0.0.1',
          port: 5432,
          user: 'postgres',
          password: 'x',
        },
      },
      cache: { store: 'redis', connection: 'redis://127.0.0.1:6379' },
    },
    auth: {
      environment: 'production',
      session: { secret: 'test-secret' },
      providers: {
        oidc: {
          production: { metadataUrl, clientId: 'portal', clientSecret: 's' },
        },
      },
    },
    ...overrides,
  });

  it('finds nothing to fix in the local development config', async () => {
    const config = new ConfigReader({
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      auth: { providers: { guest: {} } },
    });
    await expect(checkProductionSettings(config)).resolves.toEqual([]);
  });

  it('accepts a production config whose services answer (PostgreSQL and Redis on this machine)', async () => {
    const config = new ConfigReader(production());
    await expect(checkProductionSettings(config)).resolves.toEqual([]);
  });

  it('names the OIDC issuer setting when it is missing', async () => {
    const settings = production();
    delete (settings.auth.providers.oidc.production as any).metadataUrl;
    const problems = await checkProductionSettings(new ConfigReader(settings));
    expect(problems).toEqual([
      {
        setting:
          'auth.providers.oidc.production.metadataUrl (AUTH_OIDC_METADATA_URL)',
        message: expect.stringContaining('is not set'),
      },
    ]);
    expect(describeProblems(problems)).toContain('The backend cannot start');
  });

  it('names the OIDC issuer setting when the issuer does not answer', async () => {
    const settings = production();
    settings.auth.providers.oidc.production.metadataUrl = `http://127.0.0.1:${await closedPort()}/.well-known/openid-configuration`;
    const problems = await checkProductionSettings(new ConfigReader(settings));
    expect(problems).toEqual([
      {
        setting:
          'auth.providers.oidc.production.metadataUrl (AUTH_OIDC_METADATA_URL)',
        message: expect.stringContaining('ECONNREFUSED'),
      },
    ]);
  });

  it('names the cache connection when Redis is unreachable', async () => {
    const settings = production();
    settings.backend.cache.connection = `redis://127.0.0.1:${await closedPort()}`;
    const problems = await checkProductionSettings(new ConfigReader(settings));
    expect(problems).toEqual([
      {
        setting: 'backend.cache.connection (REDIS_URL)',
        message: expect.stringMatching(
          /cannot reach Redis at 127\.0\.0\.1:\d+/,
        ),
      },
    ]);
  });

  it('names the database password when PostgreSQL rejects it', async () => {
    const server = await rejectingPostgres();
    try {
      const settings = production();
      settings.backend.database.connection.port = server.port;
      const problems = await checkProductionSettings(
        new ConfigReader(settings),
      );
      expect(problems).toEqual([
        {
          setting: 'backend.database.connection.password (POSTGRES_PASSWORD)',
          message: `PostgreSQL at 127.0.0.1:${server.port} rejected the password for user "postgres".`,
        },
      ]);
    } finally {
      server.close();
    }
  });

  it('names the database user when the real PostgreSQL does not know it', async () => {
    const settings = production();
    settings.backend.database.connection.user = 'no_such_portal_user';
    const problems = await checkProductionSettings(new ConfigReader(settings));
    expect(problems).toEqual([
      {
        setting: 'backend.database.connection.user (POSTGRES_USER)',
        message: expect.stringContaining('no_such_portal_user'),
      },
    ]);
  });

  it('names every unset production setting at once', async () => {
    const problems = await checkProductionSettings(
      new ConfigReader({
        backend: {
          database: { client: 'pg', connection: { host: '127.0.0.1' } },
          cache: { store: 'redis' },
        },
        auth: { environment: 'production' },
      }),
    );
    expect(problems.map(p => p.setting)).toEqual([
      'backend.database.connection.user (POSTGRES_USER)',
      'backend.database.connection.password (POSTGRES_PASSWORD)',
      'backend.cache.connection (REDIS_URL)',
      'auth.session.secret (AUTH_SESSION_SECRET)',
      'auth.providers.oidc.production.clientId (AUTH_OIDC_CLIENT_ID)',
      'auth.providers.oidc.production.clientSecret (AUTH_OIDC_CLIENT_SECRET)',
      'auth.providers.oidc.production.metadataUrl (AUTH_OIDC_METADATA_URL)',
    ]);
  });
});
