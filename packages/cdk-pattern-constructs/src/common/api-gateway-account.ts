import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * Context key that opts a generated app into its `ApiGatewayAccount` stack
 * (`npx cdk deploy -c apiGatewayAccountRole=true <name>-ApiGatewayAccount`).
 */
export const API_GATEWAY_ACCOUNT_CONTEXT = 'apiGatewayAccountRole';

/** True when `scope`'s app opted in with `-c apiGatewayAccountRole=true`. */
export function apiGatewayAccountRequested(scope: Construct): boolean {
  const value = scope.node.tryGetContext(API_GATEWAY_ACCOUNT_CONTEXT);
  return value === true || value === 'true';
}

/**
 * The account-level CloudWatch Logs role of API Gateway (`AWS::ApiGateway::Account`).
 *
 * There is ONE such setting per account and region: every stack that creates it overwrites the
 * previous one (and deleting that stack can leave the account without a role). API logging of
 * every REST API in the account and region needs it, so deploy this exactly once per account
 * and region (a platform team's account baseline usually already does) and leave the patterns'
 * `apiGatewayCloudWatchRole` at its default (false).
 */
export class ApiGatewayAccountLogging extends Construct {
  public readonly role: iam.Role;
  public readonly account: apigw.CfnAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description:
        'Account-level role API Gateway assumes to write access and execution logs to CloudWatch Logs',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName(
          'service-role/AmazonAPIGatewayPushToCloudWatchLogs',
        ),
      ],
    });
    // Other stacks' APIs keep logging through this role after this stack is deleted.
    this.role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'Account-level role API Gateway itself assumes to deliver access/execution logs; this AWS managed policy is the documented, log-only permission set.',
    });
    this.account = new apigw.CfnAccount(this, 'Account', {
      cloudWatchRoleArn: this.role.roleArn,
    });
  }
}

/**
 * What a generated app adds when asked with `-c apiGatewayAccountRole=true`:
 * a stack that sets API Gateway's account-level logging role, to deploy once
 * per account and region, first. One `<service>-ApiGatewayAccount` stack for a
 * service whose region comes from the deploying credentials, or one
 * `<service>-ApiGatewayAccount-<region>` stack per region it names. Without the
 * context, nothing.
 */
export function addApiGatewayAccountStacks(
  app: App,
  serviceName: string,
  regions?: string[],
): Stack[] {
  if (!apiGatewayAccountRequested(app)) return [];
  const stacks = regions
    ? regions.map(
        region =>
          new Stack(app, `${serviceName}-ApiGatewayAccount-${region}`, {
            env: { region },
          }),
      )
    : [new Stack(app, `${serviceName}-ApiGatewayAccount`)];
  for (const stack of stacks) new ApiGatewayAccountLogging(stack, 'Logging');
  return stacks;
}
