import * as path from 'path';
import { Aws, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  acknowledgeApiInvokePermissions,
  createHardenedRestApi,
} from '../common/rest-api';
import { SecureFunction } from '../common/secure-function';
import type { ActiveActiveRegionalStackProps } from './active-active-regional-stack';

/**
 * The regional API, in `scope`: the handler (`Api`), which reads and writes this region's replica
 * of the global table, behind a REST API (`RestApi`) throttled to the whole workload's load:
 * anonymous `GET /health` for the Route 53 health checks, IAM-authorized `GET`/`PUT
 * /items/{id}`.
 */
export function createRegionalApi(
  scope: Construct,
  props: ActiveActiveRegionalStackProps,
  options: {
    encryptionKey: kms.IKey;
    removalPolicy: RemovalPolicy;
    tableName: string;
  },
): { handler: lambda.Function; api: apigw.RestApi } {
  const { encryptionKey, removalPolicy, tableName } = options;
  const fn = new SecureFunction(scope, 'Api', {
    codePath: path.join(__dirname, 'lambda', 'api'),
    description: `${props.serviceName} regional API (${props.region})`,
    environment: { TABLE_NAME: tableName },
    logEncryptionKey: encryptionKey,
  });
  const handler = fn.function;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      // This region's replica of the global table (same name in both regions).
      resources: [
        `arn:${Aws.PARTITION}:dynamodb:${props.region}:${Aws.ACCOUNT_ID}:table/${tableName}`,
      ],
    }),
  );

  // API (sized for full load)
  const api = createHardenedRestApi(scope, 'RestApi', {
    description: `${props.serviceName} (${props.region}) active-active API`,
    encryptionKey: encryptionKey,
    removalPolicy,
    apiGatewayCloudWatchRole: props.apiGatewayCloudWatchRole,
    throttlingRateLimit: props.fullLoadRequestsPerSecond,
    throttlingBurstLimit: Math.min(5000, props.fullLoadRequestsPerSecond * 2),
  }).api;
  acknowledgeApiInvokePermissions(api);
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-COG4',
    reason:
      'Machine-to-machine regional API: item methods use AWS_IAM (SigV4) authorization; /health is deliberately anonymous for Route 53 health checkers.',
  });
  const validator = api.addRequestValidator('Validator', {
    validateRequestBody: true,
    validateRequestParameters: true,
  });
  const integration = new apigw.LambdaIntegration(handler, {
    proxy: true,
  });

  const healthMethod = api.root
    .addResource('health')
    .addMethod('GET', integration, {
      authorizationType: apigw.AuthorizationType.NONE,
      requestValidator: validator,
    });
  Validations.of(healthMethod).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'GET /health must be reachable anonymously by Route 53 health checkers; it returns only {status, region} and touches a single fixed health key.',
  });
  const item = api.root.addResource('items').addResource('{id}');
  const itemModel = api.addModel('ItemModel', {
    contentType: 'application/json',
    schema: {
      schema: apigw.JsonSchemaVersion.DRAFT4,
      title: 'Item',
      type: apigw.JsonSchemaType.OBJECT,
    },
  });
  for (const method of ['GET', 'PUT']) {
    item.addMethod(method, integration, {
      authorizationType: apigw.AuthorizationType.IAM,
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true },
      requestModels:
        method === 'PUT' ? { 'application/json': itemModel } : undefined,
    });
  }
  return { handler, api };
}
