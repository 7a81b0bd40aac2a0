import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeControl } from './control-tower';

/**
 * Runtime used by every handler in this library. Node.js 22 is what the
 * handlers are written and unit-tested against (CommonJS + the AWS SDK v3 that
 * the managed runtime ships).
 */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_22_X;

export interface SecureFunctionProps {
  /** Directory containing ONLY the handler code (index.js and its data files). */
  readonly codePath: string;
  /** @default 'index.handler' */
  readonly handler?: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** Key used to encrypt the function's CloudWatch log group. */
  readonly logEncryptionKey?: kms.IKey;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** @default - unreserved */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Why this function runs outside a VPC (Control Tower CT.LAMBDA.PR.3 acknowledgement).
   * @default - it calls only AWS service APIs (IAM-authorised, TLS), no private network resource
   */
  readonly outsideVpcReason?: string;
}

/**
 * A Lambda function with a hand-built least-privilege execution role:
 * - its own log group (retention + optional KMS), write access granted to that log group only
 *   (no AWSLambdaBasicExecutionRole managed policy => no AwsSolutions-IAM4);
 * - active X-Ray tracing, whose two write actions live in a dedicated policy so that the
 *   unavoidable `Resource::*` acknowledgement cannot hide any other wildcard;
 * - JSON structured logging.
 */
export class SecureFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SecureFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: props.logEncryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role: ${props.description}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const xrayPolicy = new iam.Policy(this, 'XRayWritePolicy', {
      statements: [
        new iam.PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    xrayPolicy.attachToRole(this.role);
    Validations.of(xrayPolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions; this policy contains nothing else.',
    });

    this.function = new lambda.Function(this, 'Function', {
      runtime: HANDLER_RUNTIME,
      handler: props.handler ?? 'index.handler',
      code: lambda.Code.fromAsset(props.codePath),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      architecture: lambda.Architecture.ARM_64,
      environment: props.environment,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    });
    // Tracing is set on the L1 so the L2 does not add the X-Ray statement to the default policy.
    (this.function.node.defaultChild as lambda.CfnFunction).tracingConfig = {
      mode: 'Active',
    };
    this.function.node.addDependency(xrayPolicy);

    acknowledgeControl(
      this.function,
      'CT.LAMBDA.PR.3',
      props.outsideVpcReason ??
        'The function calls only AWS service APIs (IAM-authorised, over TLS) and reaches no private network resource; a VPC would only add NAT gateways or interface endpoints to reach the same public endpoints.',
    );
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Handlers are pinned to the Node.js 22 LTS runtime they are written and tested against (Lambda support runs to 2027); moving to nodejs24.x is a deliberate, tested upgrade.',
    });
  }

  /** Adds a statement to the execution role's (default) policy. */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }
}
