import * as crypto from 'crypto';
import {
  APIGatewayClient,
  GetApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';

// The authorizer is plain CommonJS JavaScript shipped as the Lambda asset.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const authorizer = require('./lambda/authorizer/index.js');

const apigw = mockClient(APIGatewayClient);
const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const METHOD_ARN =
  'arn:aws:execute-api:eu-west-1:111111111111:abc123/prod/GET/items';
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
});
const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWKS = {
  keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256' }],
};

function token(
  claims: Record<string, unknown>,
  opts: { key?: crypto.KeyObject; kid?: string } = {},
): string {
  const b64 = (o: unknown) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'RS256', kid: opts.kid ?? 'k1' });
  const body = b64({
    iss: ISSUER,
    aud: 'client-1',
    token_use: 'id',
    sub: 'user-1',
    exp: Math.floor(Date.now() / 1000) + 600,
    ...claims,
  });
  const sig = crypto
    .sign('RSA-SHA256', Buffer.from(`${head}.${body}`), opts.key ?? privateKey)
    .toString('base64url');
  return `${head}.${body}.${sig}`;
}

const call = (t: string, headers: Record<string, string> = {}) =>
  authorizer.handler({
    type: 'TOKEN',
    authorizationToken: `Bearer ${t}`,
    methodArn: METHOD_ARN,
    headers,
  });

beforeEach(() => {
  authorizer._internals.reset();
  jest
    .spyOn(authorizer._internals, 'fetchJwks')
    .mockImplementation(async () => JWKS);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  apigw.reset();
  apigw
    .on(GetApiKeyCommand, { apiKey: 'key-acme' })
    .resolves({ value: 'acme-secret-key-value' });
  apigw
    .on(GetApiKeyCommand, { apiKey: 'key-globex' })
    .resolves({ value: 'globex-premium-key-value' });
  Object.assign(process.env, {
    ISSUER,
    CLIENT_ID: 'client-1',
    JWKS_URL: `${ISSUER}/.well-known/jwks.json`,
    TENANT_API_KEYS: JSON.stringify({ acme: 'key-acme', globex: 'key-globex' }),
  });
});
afterEach(() => jest.restoreAllMocks());

describe('tenant authorizer: the usage-plan key is always the token tenant’s own', () => {
  test("a valid token gets its tenant's key, whatever x-api-key the client sends", async () => {
    const res = await call(token({ 'custom:tenant_id': 'acme' }), {
      'x-api-key': 'globex-premium-key-value',
    });
    expect(res.usageIdentifierKey).toBe('acme-secret-key-value');
    expect(res.context).toEqual({ tenantId: 'acme', sub: 'user-1' });
    expect(res.policyDocument.Statement[0]).toEqual({
      Action: 'execute-api:Invoke',
      Effect: 'Allow',
      Resource: 'arn:aws:execute-api:eu-west-1:111111111111:abc123/prod/*/*',
    });
  });

  test('a tenant without a provisioned key is denied (403)', async () => {
    const res = await call(token({ 'custom:tenant_id': 'newco' }));
    expect(res.policyDocument.Statement[0].Effect).toBe('Deny');
    expect(res.usageIdentifierKey).toBeUndefined();
  });

  test.each([
    [
      'signed by another key',
      () => token({ 'custom:tenant_id': 'acme' }, { key: other.privateKey }),
    ],
    ['expired', () => token({ 'custom:tenant_id': 'acme', exp: 1 })],
    [
      'another client',
      () => token({ 'custom:tenant_id': 'acme', aud: 'client-2' }),
    ],
    [
      'another pool',
      () => token({ 'custom:tenant_id': 'acme', iss: 'https://evil' }),
    ],
    [
      'an access token',
      () => token({ 'custom:tenant_id': 'acme', token_use: 'access' }),
    ],
    [
      'unknown key id',
      () => token({ 'custom:tenant_id': 'acme' }, { kid: 'k9' }),
    ],
    ['not a JWT', () => 'abc'],
  ])('a token %s is rejected with 401', async (_name, make) => {
    await expect(call(make())).rejects.toThrow('Unauthorized');
    expect(apigw.calls()).toHaveLength(0);
  });

  test('a token with alg none is rejected', async () => {
    const b64 = (o: unknown) =>
      Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = `${b64({ alg: 'none', kid: 'k1' })}.${b64({
      iss: ISSUER,
      aud: 'client-1',
      token_use: 'id',
      'custom:tenant_id': 'globex',
      exp: 9999999999,
    })}.`;
    await expect(call(forged)).rejects.toThrow('Unauthorized');
  });
});
