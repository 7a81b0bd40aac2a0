#!/usr/bin/env node
// A real OpenID Connect provider for tests, on 127.0.0.1 only: the certified
// `oidc-provider` package with its development login form (any password),
// one confidential client, and the accounts the caller names. Nothing here is
// for production use.
//
//   node scripts/test-oidc-provider.mjs --port 7190 \
//     --client-id portal --client-secret "$SECRET" \
//     --redirect-uri http://localhost:7107/api/auth/oidc/handler/frame \
//     --user ada=ada@example.com --user grace=grace@example.com
//
// Prints "ready <issuer>" when it listens. The issuer's metadata is at
// <issuer>/.well-known/openid-configuration.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

/**
 * Starts the provider. `users` maps a login name to its email address; a
 * login not in the map is refused by the provider.
 */
export async function startTestOidcProvider({
  port,
  clientId,
  clientSecret,
  redirectUris,
  users,
}) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: true } },
    // Backstage asks for a refresh token with offline access; grant it.
    issueRefreshToken: async () => true,
    async findAccount(_ctx, id) {
      const email = users[id];
      if (!email) {
        return undefined;
      }
      return {
        accountId: id,
        async claims() {
          return { sub: id, email, email_verified: true, name: id };
        },
      };
    },
    async loadExistingGrant(ctx) {
      // Consent is implied for the one test client: grant what it asks.
      const grantId =
        ctx.oidc.result?.consent?.grantId ||
        ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        return ctx.oidc.provider.Grant.find(grantId);
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addOIDCClaims(['email', 'email_verified', 'name']);
      await grant.save();
      return grant;
    },
  });
  // Silence the development-only warnings about in-memory keys and storage.
  provider.on('server_error', (_ctx, error) => {
    process.stderr.write(`oidc-provider: ${error.stack}\n`);
  });
  const server = await new Promise((resolve, reject) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7190' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      user: { type: 'string', multiple: true },
    },
  });
  const users = Object.fromEntries(
    (values.user ?? []).map(entry => entry.split('=')),
  );
  const { issuer } = await startTestOidcProvider({
    port: Number(values.port),
    clientId: values['client-id'] ?? process.env.AUTH_OIDC_CLIENT_ID,
    clientSecret:
      values['client-secret'] ?? process.env.AUTH_OIDC_CLIENT_SECRET,
    redirectUris: values['redirect-uri'] ?? [],
    users,
  });
  process.stdout.write(`ready ${issuer}\n`);
}
