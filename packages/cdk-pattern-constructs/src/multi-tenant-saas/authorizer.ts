import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledgeControl } from '../common/control-tower';
import { SecureFunction } from '../common/secure-function';
import type { TenantDefinition } from './multi-tenant-saas';

/**
 * One API key per tenant (`ApiKey-<tenant>` in `scope`, added to `apiKeys`) and the Lambda
 * authorizer (`TenantAuthorizer`, `Authorizer`) that verifies the Cognito ID token and returns
 * the API key of the token's tenant, so a client cannot pick another tenant's usage plan.
 */
export function createTenantAuthorizer(
  scope: Construct,
  options: {
    tenants: TenantDefinition[];
    encryptionKey: kms.IKey;
    userPool: cognito.IUserPool;
    userPoolClient: cognito.IUserPoolClient;
    apiKeys: { [tenantId: string]: apigw.IApiKey };
  },
): { authorizer: apigw.TokenAuthorizer; authorizerFunction: SecureFunction } {
  const { tenants, encryptionKey, userPool, userPoolClient, apiKeys } = options;
  // Lambda (TOKEN) authorizer: verifies the Cognito ID token and returns the API key of the
  // token's tenant (usageIdentifierKey). Keys are created without stages (their usage plan
  // binds them), so the function can name them without a dependency cycle.
  for (const t of tenants) {
    apiKeys[t.tenantId] = new apigw.ApiKey(scope, `ApiKey-${t.tenantId}`, {
      description: `API key of tenant ${t.tenantId} (${t.tier ?? 'basic'})`,
    });
  }
  const stack = Stack.of(scope);
  const authorizerFn = new SecureFunction(scope, 'TenantAuthorizer', {
    codePath: path.join(__dirname, 'lambda', 'authorizer'),
    description:
      "Verifies the Cognito ID token and binds the request to its tenant's API key",
    timeout: Duration.seconds(5),
    logEncryptionKey: encryptionKey,
    environment: {
      ISSUER: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`,
      JWKS_URL: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}/.well-known/jwks.json`,
      CLIENT_ID: userPoolClient.userPoolClientId,
      TENANT_API_KEYS: stack.toJsonString(
        Object.fromEntries(
          Object.entries(apiKeys).map(([t, k]) => [t, k.keyId]),
        ),
      ),
    },
  });
  if (tenants.length > 0) {
    authorizerFn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['apigateway:GET'],
        resources: Object.values(apiKeys).map(
          k =>
            `arn:${stack.partition}:apigateway:${stack.region}::/apikeys/${k.keyId}`,
        ),
      }),
    );
  }
  const authorizer = new apigw.TokenAuthorizer(scope, 'Authorizer', {
    handler: authorizerFn.function,
    identitySource: apigw.IdentitySource.header('Authorization'),
    resultsCacheTtl: Duration.minutes(5),
  });
  acknowledgeControl(
    authorizerFn.function,
    'CT.LAMBDA.PR.2',
    "API Gateway's permission to invoke the authorizer carries a SourceArn limited to this API's authorizers; it is built with Fn::Join (partition, region, account), which the rule cannot evaluate in an environment-agnostic template.",
  );
  return { authorizer, authorizerFunction: authorizerFn };
}
