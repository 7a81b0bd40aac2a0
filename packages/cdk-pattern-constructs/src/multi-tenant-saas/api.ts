import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  acknowledgeApiInvokePermissions,
  createHardenedRestApi,
} from '../common/rest-api';
import { createTenantAuthorizer } from './authorizer';
import type {
  IsolationModel,
  MultiTenantSaasProps,
  TenantDefinition,
  TenantTier,
  TierThrottleSettings,
} from './multi-tenant-saas';
import { TIERS } from './validation';

const DEFAULT_TIERS: Record<TenantTier, TierThrottleSettings> = {
  basic: { rateLimit: 10, burstLimit: 20, quotaPerDay: 10_000 },
  standard: { rateLimit: 50, burstLimit: 100, quotaPerDay: 100_000 },
  premium: { rateLimit: 200, burstLimit: 400 },
};

/**
 * The tenant API (`Api` in `scope`, with its `ApiAccessLogs`): every method goes through the
 * tenant authorizer (see {@link createTenantAuthorizer}) and requires the tenant's API key,
 * proxied to the handler; `/items`, `/items/{id}` and `/documents/{name}`. Per-tenant
 * throttling: one usage plan per tier (`UsagePlan-<tier>`, added to `usagePlans`) holding the
 * keys of that tier's tenants.
 */
export function createTenantApi(
  scope: Construct,
  props: MultiTenantSaasProps,
  options: {
    model: IsolationModel;
    tenants: TenantDefinition[];
    encryptionKey: kms.IKey;
    removalPolicy: RemovalPolicy;
    userPool: cognito.IUserPool;
    userPoolClient: cognito.IUserPoolClient;
    handler: lambda.IFunction;
    apiKeys: { [tenantId: string]: apigw.IApiKey };
    usagePlans: { [tier: string]: apigw.UsagePlan };
  },
): { api: apigw.RestApi; tenantAuthorizer: lambda.Function } {
  const {
    model,
    tenants,
    encryptionKey,
    removalPolicy,
    handler,
    apiKeys,
    usagePlans,
  } = options;
  const api = createHardenedRestApi(scope, 'Api', {
    description: `Multi-tenant SaaS API (${model})`,
    encryptionKey,
    removalPolicy,
    apiGatewayCloudWatchRole: props.apiGatewayCloudWatchRole,
    // The authorizer returns the token's tenant's own key: a client cannot pick another
    // tenant's (or a premium) usage plan with x-api-key.
    apiKeySourceType: apigw.ApiKeySourceType.AUTHORIZER,
    accessLogFormat: apigw.AccessLogFormat.custom(
      JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        requestTime: '$context.requestTime',
        httpMethod: '$context.httpMethod',
        resourcePath: '$context.resourcePath',
        status: '$context.status',
        responseLength: '$context.responseLength',
        tenantId: '$context.authorizer.tenantId',
        apiKeyId: '$context.identity.apiKeyId',
      }),
    ),
    throttlingRateLimit: 1000,
    throttlingBurstLimit: 2000,
  }).api;
  const { authorizer, authorizerFunction } = createTenantAuthorizer(scope, {
    tenants,
    encryptionKey,
    userPool: options.userPool,
    userPoolClient: options.userPoolClient,
    apiKeys,
  });
  acknowledgeApiInvokePermissions(api);

  Validations.of(api).acknowledge({
    id: 'AwsSolutions-COG4',
    reason:
      "Every method uses the pattern's Lambda authorizer, which verifies the Cognito user pool's ID token (RS256 signature against the pool's JWKS, issuer, audience, token_use, expiry) and also binds the tenant's API key; a Cognito authorizer cannot return a usage-plan key.",
  });
  const validator = api.addRequestValidator('Validator', {
    validateRequestBody: true,
    validateRequestParameters: true,
  });
  const methodOptions: apigw.MethodOptions = {
    authorizationType: apigw.AuthorizationType.CUSTOM,
    authorizer,
    apiKeyRequired: true,
    requestValidator: validator,
  };
  const integration = new apigw.LambdaIntegration(handler, {
    proxy: true,
  });
  const itemModel = api.addModel('CreateItemModel', {
    contentType: 'application/json',
    schema: {
      schema: apigw.JsonSchemaVersion.DRAFT4,
      title: 'CreateItem',
      type: apigw.JsonSchemaType.OBJECT,
      required: ['name'],
      properties: {
        name: {
          type: apigw.JsonSchemaType.STRING,
          minLength: 1,
          maxLength: 200,
        },
        attributes: { type: apigw.JsonSchemaType.OBJECT },
      },
    },
  });
  const items = api.root.addResource('items');
  items.addMethod('GET', integration, methodOptions);
  items.addMethod('POST', integration, {
    ...methodOptions,
    requestModels: { 'application/json': itemModel },
  });
  items.addResource('{id}').addMethod('GET', integration, {
    ...methodOptions,
    requestParameters: { 'method.request.path.id': true },
  });
  const doc = api.root.addResource('documents').addResource('{name}');
  for (const m of ['GET', 'PUT']) {
    doc.addMethod(m, integration, {
      ...methodOptions,
      requestParameters: { 'method.request.path.name': true },
    });
  }

  // Per-tenant throttling: one usage plan per tier, one API key per tenant.
  for (const tier of TIERS) {
    const settings = props.tierThrottling?.[tier] ?? DEFAULT_TIERS[tier];
    usagePlans[tier] = api.addUsagePlan(`UsagePlan-${tier}`, {
      name: `${Stack.of(scope).stackName}-${scope.node.id}-${tier}`,
      description: `Tenant tier ${tier}`,
      throttle: {
        rateLimit: settings.rateLimit,
        burstLimit: settings.burstLimit,
      },
      quota: settings.quotaPerDay
        ? { limit: settings.quotaPerDay, period: apigw.Period.DAY }
        : undefined,
      apiStages: [{ api: api, stage: api.deploymentStage }],
    });
  }
  for (const t of tenants) {
    usagePlans[t.tier ?? 'basic'].addApiKey(apiKeys[t.tenantId]);
  }
  return { api, tenantAuthorizer: authorizerFunction.function };
}
