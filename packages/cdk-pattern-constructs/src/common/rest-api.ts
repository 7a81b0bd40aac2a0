import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeControl } from './control-tower';

/** Construct id of the access log group {@link createHardenedRestApi} adds next to the API. */
export const API_ACCESS_LOGS_ID = 'ApiAccessLogs';

export interface HardenedRestApiOptions {
  readonly description: string;
  /** Key that encrypts the access log group. */
  readonly encryptionKey: kms.IKey;
  /** Removal policy of the access log group. */
  readonly removalPolicy: RemovalPolicy;
  /** Steady-state requests per second of the `prod` stage. */
  readonly throttlingRateLimit: number;
  /** Burst of the `prod` stage. */
  readonly throttlingBurstLimit: number;
  /**
   * Create the account-level API Gateway CloudWatch Logs role (see
   * `RestApiPatternProps.apiGatewayCloudWatchRole`).
   * @default false
   */
  readonly apiGatewayCloudWatchRole?: boolean;
  /** @default apigw.AccessLogFormat.jsonWithStandardFields() */
  readonly accessLogFormat?: apigw.AccessLogFormat;
  /** @default - API Gateway's default (the `x-api-key` header) */
  readonly apiKeySourceType?: apigw.ApiKeySourceType;
}

/**
 * The REST API every pattern fronts itself with, with its secure defaults: a regional endpoint
 * and one `prod` stage with JSON access logs (to a KMS-encrypted, one-year log group created in
 * `scope` as `ApiAccessLogs`), INFO execution logs without request data, metrics, X-Ray tracing
 * and stage throttling. The account-level CloudWatch Logs role is only created on request (its
 * AWS managed policy is acknowledged for cdk-nag, AwsSolutions-IAM4).
 */
export function createHardenedRestApi(
  scope: Construct,
  id: string,
  options: HardenedRestApiOptions,
): { api: apigw.RestApi; accessLogGroup: logs.LogGroup } {
  const accessLogGroup = new logs.LogGroup(scope, API_ACCESS_LOGS_ID, {
    retention: logs.RetentionDays.ONE_YEAR,
    encryptionKey: options.encryptionKey,
    removalPolicy: options.removalPolicy,
  });
  const createCloudWatchRole = options.apiGatewayCloudWatchRole ?? false;
  const api = new apigw.RestApi(scope, id, {
    description: options.description,
    endpointTypes: [apigw.EndpointType.REGIONAL],
    apiKeySourceType: options.apiKeySourceType,
    cloudWatchRole: createCloudWatchRole,
    cloudWatchRoleRemovalPolicy: createCloudWatchRole
      ? RemovalPolicy.RETAIN
      : undefined,
    deployOptions: {
      stageName: 'prod',
      accessLogDestination: new apigw.LogGroupLogDestination(accessLogGroup),
      accessLogFormat:
        options.accessLogFormat ??
        apigw.AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: apigw.MethodLoggingLevel.INFO,
      dataTraceEnabled: false,
      metricsEnabled: true,
      tracingEnabled: true,
      throttlingRateLimit: options.throttlingRateLimit,
      throttlingBurstLimit: options.throttlingBurstLimit,
    },
  });
  if (createCloudWatchRole) {
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'Account-level role API Gateway itself assumes to deliver access/execution logs; this AWS managed policy is the documented, log-only permission set. Disable with apiGatewayCloudWatchRole: false.',
    });
  }
  return { api, accessLogGroup };
}

/**
 * Acknowledges Control Tower's CT.LAMBDA.PR.2 for the Lambda invoke permissions of `api`'s
 * integrations, which the rule cannot evaluate in an environment-agnostic template.
 */
export function acknowledgeApiInvokePermissions(api: apigw.IRestApi): void {
  acknowledgeControl(
    api,
    'CT.LAMBDA.PR.2',
    "API Gateway's invoke permissions carry a SourceArn limited to this API's execute-api ARN; it is built with Fn::Join (partition, region, account), which the rule cannot evaluate in an environment-agnostic template.",
  );
}
