import { Aws, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keyEncryptStatement } from '../common/kms';
import { createHardenedRestApi } from '../common/rest-api';
import type { EventDrivenServiceProps } from './event-driven-service';

/**
 * The request API (`Api`, with its `ApiAccessLogs`), in `scope`: `POST /requests` sends the
 * validated body to the request queue and answers `202 {"requestId"}`; `GET /requests/{id}`
 * reads the caller's own request status from the table. Both are AWS integrations (no Lambda)
 * through `ApiIntegrationRole`, with IAM (SigV4) or Cognito authorization.
 */
export function createRequestApi(
  scope: Construct,
  props: EventDrivenServiceProps,
  options: {
    encryptionKey: kms.Key;
    removalPolicy: RemovalPolicy;
    queue: sqs.Queue;
    table: dynamodb.Table;
  },
): {
  api: apigw.RestApi;
  accessLogGroup: logs.LogGroup;
  apiIntegrationRole: iam.Role;
} {
  const { encryptionKey, queue, table } = options;
  const fifo = props.queueType === 'fifo';
  const { api, accessLogGroup } = createHardenedRestApi(scope, 'Api', {
    description:
      'Asynchronous request API (POST /requests, GET /requests/{id})',
    encryptionKey,
    removalPolicy: options.removalPolicy,
    apiGatewayCloudWatchRole: props.apiGatewayCloudWatchRole,
    throttlingRateLimit: props.throttlingRateLimit ?? 100,
    throttlingBurstLimit: props.throttlingBurstLimit ?? 200,
  });
  const validator = api.addRequestValidator('RequestValidator', {
    validateRequestBody: true,
    validateRequestParameters: true,
  });
  const authOptions = authorizationOptions(scope, api, props.userPool);
  // Who made a request: the Cognito subject, or the caller's IAM identity (an assumed-role
  // session is reduced to its role, so every session of one role owns the same requests).
  const ownerExpression = props.userPool
    ? '$context.authorizer.claims.sub'
    : "$context.identity.userArn.replaceAll('^arn:(aws[a-z-]*):sts::([0-9]+):assumed-role/([^/]+)/.*$', 'arn:$1:iam::$2:role/$3')";

  const apiIntegrationRole = new iam.Role(scope, 'ApiIntegrationRole', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    description:
      'API Gateway integration role: SendMessage to the request queue, GetItem on the status table',
  });
  apiIntegrationRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
    }),
  );
  apiIntegrationRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [table.tableArn],
    }),
  );
  apiIntegrationRole.addToPrincipalPolicy(keyEncryptStatement(encryptionKey));

  const requests = api.root.addResource('requests');
  const requestModel = api.addModel('RequestModel', {
    contentType: 'application/json',
    modelName: 'CreateRequest',
    schema: {
      schema: apigw.JsonSchemaVersion.DRAFT4,
      title: 'CreateRequest',
      type: apigw.JsonSchemaType.OBJECT,
      properties: {
        type: {
          type: apigw.JsonSchemaType.STRING,
          minLength: 1,
          maxLength: 128,
          pattern: '^[A-Za-z0-9._-]+$',
        },
      },
      minProperties: 1,
    },
  });
  const sendParams = [
    'Action=SendMessage',
    'MessageBody=$util.urlEncode($input.body)',
    'MessageAttribute.1.Name=requestId',
    'MessageAttribute.1.Value.DataType=String',
    'MessageAttribute.1.Value.StringValue=$util.urlEncode($context.requestId)',
    'MessageAttribute.2.Name=owner',
    'MessageAttribute.2.Value.DataType=String',
    'MessageAttribute.2.Value.StringValue=$util.urlEncode($owner)',
  ];
  // VTL directives are kept on the same line as the form body so they emit no stray newline.
  let directives = `#set($owner = ${ownerExpression})`;
  if (fifo) {
    const group = props.defaultMessageGroupId ?? 'requests';
    directives += `#set($group = $input.params('X-Message-Group-Id'))#if("$!group" == "")#set($group = "${group}")#end`;
    sendParams.push('MessageGroupId=$util.urlEncode($group)');
    if (!(props.contentBasedDeduplication ?? false)) {
      sendParams.push(
        'MessageDeduplicationId=$util.urlEncode($context.requestId)',
      );
    }
  }
  const sendTemplate = directives + sendParams.join('&');
  requests.addMethod(
    'POST',
    new apigw.AwsIntegration({
      service: 'sqs',
      path: `${Aws.ACCOUNT_ID}/${queue.queueName}`,
      integrationHttpMethod: 'POST',
      options: {
        credentialsRole: apiIntegrationRole,
        passthroughBehavior: apigw.PassthroughBehavior.NEVER,
        requestParameters: {
          'integration.request.header.Content-Type':
            "'application/x-www-form-urlencoded'",
        },
        requestTemplates: { 'application/json': sendTemplate },
        integrationResponses: [
          {
            statusCode: '202',
            selectionPattern: '2\\d{2}',
            responseTemplates: {
              'application/json':
                '{"requestId":"$context.requestId","status":"ACCEPTED"}',
            },
          },
          {
            // SQS rejected the message (e.g. invalid characters or too large): the client's fault.
            statusCode: '400',
            selectionPattern: '4\\d{2}',
            responseTemplates: {
              'application/json':
                '{"message":"request rejected by the queue","requestId":"$context.requestId"}',
            },
          },
          {
            statusCode: '500',
            selectionPattern: '5\\d{2}',
            responseTemplates: {
              'application/json':
                '{"message":"request could not be queued","requestId":"$context.requestId"}',
            },
          },
        ],
      },
    }),
    {
      ...authOptions,
      requestValidator: validator,
      requestModels: { 'application/json': requestModel },
      methodResponses: [
        { statusCode: '202' },
        { statusCode: '400' },
        { statusCode: '500' },
      ],
    },
  );

  const byId = requests.addResource('{id}');
  // JSON string escaping in VTL: $util.escapeJavaScript also escapes ' as \' which is not
  // valid JSON, so that one escape is undone.
  const json = (expr: string) =>
    `$util.escapeJavaScript(${expr}).replaceAll("\\\\'", "'")`;
  byId.addMethod(
    'GET',
    new apigw.AwsIntegration({
      service: 'dynamodb',
      action: 'Query',
      options: {
        credentialsRole: apiIntegrationRole,
        passthroughBehavior: apigw.PassthroughBehavior.NEVER,
        requestTemplates: {
          // Only the caller's own requests: the owner recorded at POST time must match.
          'application/json': [
            `#set($owner = ${ownerExpression})`,
            // VTL expressions go in after JSON.stringify (which would escape their quotes).
            JSON.stringify({
              TableName: table.tableName,
              KeyConditionExpression: 'requestId = :id',
              // (no #names: VTL would read "#name" as a directive)
              FilterExpression: 'requestedBy = :owner',
              ExpressionAttributeValues: {
                ':id': { S: '@ID@' },
                ':owner': { S: '@OWNER@' },
              },
              ConsistentRead: true,
            })
              .replace('@ID@', json("$input.params('id')"))
              .replace('@OWNER@', json('$owner')),
          ].join('\n'),
        },
        integrationResponses: [
          {
            statusCode: '200',
            selectionPattern: '2\\d{2}',
            responseTemplates: {
              'application/json': [
                "#set($item = $input.path('$.Items[0]'))",
                '#if(!$item || !$item.requestId)',
                '#set($context.responseOverride.status = 404)',
                `{"message":"request not found (it may still be queued)","requestId":"${json(
                  "$input.params('id')",
                )}"}`,
                '#else',
                `{"requestId":"${json('$item.requestId.S')}","status":"${json(
                  '$item.status.S',
                )}","eventType":"${json(
                  '$item.eventType.S',
                )}","attempts":#if($item.attempts.N)$item.attempts.N#{else}0#end,"updatedAt":"${json(
                  '$item.updatedAt.S',
                )}"}`,
                '#end',
              ].join('\n'),
            },
          },
          {
            statusCode: '400',
            selectionPattern: '4\\d{2}',
            responseTemplates: {
              'application/json': '{"message":"invalid request id"}',
            },
          },
          {
            statusCode: '500',
            selectionPattern: '5\\d{2}',
            responseTemplates: {
              'application/json': '{"message":"status lookup failed"}',
            },
          },
        ],
      },
    }),
    {
      ...authOptions,
      requestValidator: validator,
      requestParameters: { 'method.request.path.id': true },
      methodResponses: [
        { statusCode: '200' },
        { statusCode: '400' },
        { statusCode: '404' },
        { statusCode: '500' },
      ],
    },
  );
  return { api, accessLogGroup, apiIntegrationRole };
}

/**
 * Cognito authorization (`Authorizer` in `scope`) when a user pool is given, otherwise IAM
 * (SigV4) authorization.
 */
function authorizationOptions(
  scope: Construct,
  api: apigw.RestApi,
  userPool?: cognito.IUserPool,
): apigw.MethodOptions {
  if (userPool) {
    const authorizer = new apigw.CognitoUserPoolsAuthorizer(
      scope,
      'Authorizer',
      { cognitoUserPools: [userPool] },
    );
    return { authorizationType: apigw.AuthorizationType.COGNITO, authorizer };
  }
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-COG4',
    reason:
      'Service-to-service API: every method requires AWS_IAM (SigV4) authorization instead of a Cognito user pool authorizer. Pass userPool to use Cognito.',
  });
  return { authorizationType: apigw.AuthorizationType.IAM };
}
