'use strict';
/**
 * API Gateway TOKEN authorizer of the MultiTenantSaas pattern.
 *
 * 1. Verifies the Cognito ID token in `Authorization` (RS256 signature against the user pool's
 *    JWKS, issuer, audience = the app client, token_use = id, expiry).
 * 2. Takes the tenant ONLY from its `custom:tenant_id` claim.
 * 3. Returns that tenant's own API key value as `usageIdentifierKey` (the API's key source is
 *    AUTHORIZER): the usage plan, and so the throttling and quota, is always the token's
 *    tenant's. A client-sent `x-api-key` plays no part.
 * A tenant without a provisioned key is denied (403); an invalid token is 401.
 */
const crypto = require('crypto');
const https = require('https');
const {
  APIGatewayClient,
  GetApiKeyCommand,
} = require('@aws-sdk/client-api-gateway');

const apigw = new APIGatewayClient({});
const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const JWKS_TTL_MS = 60 * 60 * 1000;

let jwksCache;
const keyValues = new Map();

function getJson(url) {
  return new Promise((resolve, reject) => {
    https
      .get(url, res => {
        let body = '';
        res.on('data', c => (body += c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body));
          } catch (e) {
            reject(e);
          }
        });
      })
      .on('error', reject);
  });
}

async function signingKey(kid) {
  const fresh = jwksCache && Date.now() - jwksCache.at < JWKS_TTL_MS;
  let jwk = fresh && jwksCache.keys.find(k => k.kid === kid);
  if (!jwk) {
    // Unknown kid: the pool may have rotated its keys; refetch once.
    const jwks = await exports._internals.fetchJwks(process.env.JWKS_URL);
    jwksCache = { keys: jwks.keys || [], at: Date.now() };
    jwk = jwksCache.keys.find(k => k.kid === kid);
  }
  if (!jwk) throw new Error('unknown signing key');
  return crypto.createPublicKey({ key: jwk, format: 'jwk' });
}

const part = p => JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));

/** The verified claims of a Cognito ID token, or an exception. */
async function verify(token) {
  const parts = String(token || '').split('.');
  if (parts.length !== 3) throw new Error('malformed token');
  const header = part(parts[0]);
  if (header.alg !== 'RS256') throw new Error('unexpected algorithm');
  const key = await signingKey(header.kid);
  const valid = crypto.verify(
    'RSA-SHA256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    key,
    Buffer.from(parts[2], 'base64url'),
  );
  if (!valid) throw new Error('bad signature');
  const claims = part(parts[1]);
  const now = Math.floor(Date.now() / 1000);
  if (claims.iss !== process.env.ISSUER) throw new Error('wrong issuer');
  if (claims.token_use !== 'id') throw new Error('not an ID token');
  if (claims.aud !== process.env.CLIENT_ID) throw new Error('wrong audience');
  if (typeof claims.exp !== 'number' || claims.exp <= now)
    throw new Error('expired');
  return claims;
}

async function apiKeyValue(keyId) {
  if (!keyValues.has(keyId)) {
    const res = await apigw.send(
      new GetApiKeyCommand({ apiKey: keyId, includeValue: true }),
    );
    keyValues.set(keyId, res.value);
  }
  return keyValues.get(keyId);
}

function policy(principalId, effect, methodArn, extra = {}) {
  // Allow the whole stage (the decision is cached per token for every method).
  const [arn, stage] = methodArn.split('/');
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'execute-api:Invoke',
          Effect: effect,
          Resource: `${arn}/${stage}/*/*`,
        },
      ],
    },
    ...extra,
  };
}

exports.handler = async event => {
  const token = String(event.authorizationToken || '').replace(
    /^Bearer\s+/i,
    '',
  );
  let claims;
  try {
    claims = await verify(token);
  } catch (err) {
    console.log(
      JSON.stringify({
        level: 'WARN',
        message: 'token rejected',
        reason: err.message,
      }),
    );
    throw new Error('Unauthorized'); // API Gateway answers 401
  }
  const tenantId = claims['custom:tenant_id'];
  const keys = JSON.parse(process.env.TENANT_API_KEYS || '{}');
  const keyId =
    typeof tenantId === 'string' &&
    TENANT_ID_PATTERN.test(tenantId) &&
    Object.prototype.hasOwnProperty.call(keys, tenantId)
      ? keys[tenantId]
      : undefined;
  if (!keyId) {
    return policy(claims.sub || 'unknown', 'Deny', event.methodArn);
  }
  return policy(claims.sub, 'Allow', event.methodArn, {
    usageIdentifierKey: await apiKeyValue(keyId),
    context: { tenantId, sub: claims.sub },
  });
};

// Exposed for unit tests.
exports._internals = {
  fetchJwks: getJson,
  reset: () => {
    jwksCache = undefined;
    keyValues.clear();
  },
};
