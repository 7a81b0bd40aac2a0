import * as path from 'path';
import {
  Aws,
  CfnOutput,
  Duration,
  Stack,
  StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  createLogBucket,
  createSecureBucket,
  SERVER_ACCESS_LOGS_USE_BUCKET_POLICY,
} from '../common/buckets';
import {
  acknowledgeCdkProviderOutsideVpc,
  acknowledgeControl,
} from '../common/control-tower';
import { createServiceKey } from '../common/kms';
import {
  removalPolicyOf,
  RestApiPatternProps,
  wafEnabled,
} from '../common/pattern-props';
import { createHardenedRestApi } from '../common/rest-api';
import { SecureFunction } from '../common/secure-function';
import { createRegionalWebAcl } from '../common/waf';

/** DNS routing between the two regions. */
export type ActiveActiveRoutingPolicy = 'latency' | 'weighted';

/** Properties of one {@link ActiveActiveRegionalStack}. Normally built by {@link MultiRegionActiveActive}. */
export interface ActiveActiveRegionalStackProps
  extends StackProps,
    RestApiPatternProps {
  /** Region of this stack (also set as `env.region`). */
  readonly region: string;
  /** The other region of the pair. */
  readonly peerRegion: string;
  /**
   * The primary stack owns the DynamoDB global table (with a replica in `peerRegion`) and
   * replicates its S3 bucket to the peer region's bucket.
   */
  readonly isPrimary: boolean;
  /** Lower-case name used for physical names (table `<serviceName>-items`, buckets `<serviceName>-data-<account>-<region>`). */
  readonly serviceName: string;
  /** Public DNS name of the API, e.g. api.example.com. */
  readonly domainName: string;
  /** Hosted zone (public) containing `domainName`. */
  readonly hostedZoneId: string;
  /** Name of that hosted zone, e.g. example.com. */
  readonly hostedZoneName: string;
  /** @default 'latency' */
  readonly routingPolicy?: ActiveActiveRoutingPolicy;
  /**
   * Requests per second of the WHOLE workload. Each region is sized (stage throttling) to
   * serve all of it, so either region can take 100 % of traffic when the other fails.
   */
  readonly fullLoadRequestsPerSecond: number;
  /**
   * Existing ACM certificate (in this region) for `domainName`.
   * @default - a DNS-validated certificate is created in the hosted zone
   */
  readonly certificateArn?: string;
}

/**
 * One region of the active-active pair: regional REST API (custom domain, WAF, access logs,
 * throttled to full load) -> Lambda -> local replica of a DynamoDB global table; versioned S3
 * bucket (primary replicates to the peer); Route 53 HTTPS health check and a latency (or
 * weighted) alias record for `domainName` that is withdrawn when the health check fails.
 *
 * No cross-region references are used: the peer's table/bucket are addressed by their
 * deterministic names, so the stacks only need deployment ordering (see MultiRegionActiveActive).
 */
export class ActiveActiveRegionalStack extends Stack {
  public readonly encryptionKey: kms.Key;
  public readonly api: apigw.RestApi;
  public readonly handler: lambda.Function;
  public readonly bucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;
  /** The global table (only in the primary stack; the peer holds a replica with the same name). */
  public readonly globalTable?: dynamodb.TableV2;
  /** Name of the global table (same in both regions). */
  public readonly tableName: string;
  /** Role S3 uses to replicate this region's bucket into the peer region's bucket. */
  public readonly replicationRole: iam.Role;
  /**
   * Primary only: configures the peer (secondary) bucket's replication back into this
   * region's bucket once both buckets exist (S3 refuses a replication rule whose destination
   * bucket does not exist yet, and the secondary deploys first).
   */
  public readonly peerReplication?: cr.AwsCustomResource;
  public readonly healthCheck: route53.HealthCheck;
  public readonly record: route53.ARecord;
  public readonly domainName: apigw.DomainName;

  constructor(
    scope: Construct,
    id: string,
    props: ActiveActiveRegionalStackProps,
  ) {
    super(scope, id, {
      ...props,
      env: { account: props.env?.account, region: props.region },
    });
    this.node.setContext(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = removalPolicyOf(props);
    this.tableName = `${props.serviceName}-items`;

    this.encryptionKey = createServiceKey(
      this,
      'Key',
      `${props.serviceName} (${props.region}): logs`,
      removalPolicy,
    );

    // ---------------------------------------------------------------- data: global table + replicated bucket
    if (props.isPrimary) {
      this.globalTable = new dynamodb.TableV2(this, 'GlobalTable', {
        tableName: this.tableName,
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        billing: dynamodb.Billing.onDemand(),
        encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy,
        replicas: [{ region: props.peerRegion }],
      });
    }

    this.accessLogsBucket = createLogBucket(this, 'AccessLogs', {
      removalPolicy,
    });
    this.bucket = createSecureBucket(this, 'Data', {
      bucketName: ActiveActiveRegionalStack.bucketName(
        props.serviceName,
        props.region,
      ),
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'data-bucket/',
      versioned: true,
      removalPolicy,
    });
    this.replicationRole = this.createReplicationRole(props);
    if (props.isPrimary) {
      const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
      cfnBucket.replicationConfiguration = {
        role: this.replicationRole.roleArn,
        rules: [replicationRule(props.peerRegion, props.serviceName)],
      };
      this.peerReplication = this.configurePeerReplication(props);
    }

    // ---------------------------------------------------------------- compute
    const fn = new SecureFunction(this, 'Api', {
      codePath: path.join(__dirname, 'lambda', 'api'),
      description: `${props.serviceName} regional API (${props.region})`,
      environment: { TABLE_NAME: this.tableName },
      logEncryptionKey: this.encryptionKey,
    });
    this.handler = fn.function;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        // This region's replica of the global table (same name in both regions).
        resources: [
          `arn:${Aws.PARTITION}:dynamodb:${props.region}:${Aws.ACCOUNT_ID}:table/${this.tableName}`,
        ],
      }),
    );

    // ---------------------------------------------------------------- API (sized for full load)
    this.api = createHardenedRestApi(this, 'RestApi', {
      description: `${props.serviceName} (${props.region}) active-active API`,
      encryptionKey: this.encryptionKey,
      removalPolicy,
      apiGatewayCloudWatchRole: props.apiGatewayCloudWatchRole,
      throttlingRateLimit: props.fullLoadRequestsPerSecond,
      throttlingBurstLimit: Math.min(5000, props.fullLoadRequestsPerSecond * 2),
    }).api;
    acknowledgeControl(
      this.api,
      'CT.LAMBDA.PR.2',
      "API Gateway's invoke permissions carry a SourceArn limited to this API's execute-api ARN; it is built with Fn::Join (partition, region, account), which the rule cannot evaluate in an environment-agnostic template.",
    );
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Machine-to-machine regional API: item methods use AWS_IAM (SigV4) authorization; /health is deliberately anonymous for Route 53 health checkers.',
    });
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const integration = new apigw.LambdaIntegration(this.handler, {
      proxy: true,
    });

    const healthMethod = this.api.root
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
    const item = this.api.root.addResource('items').addResource('{id}');
    const itemModel = this.api.addModel('ItemModel', {
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
    if (wafEnabled(props)) {
      createRegionalWebAcl(this, 'WebAcl', {
        // the handler accepts up to 64 KB
        maxRequestBodyBytes: 64 * 1024,
        resourceArn: this.api.deploymentStage.stageArn,
        metricName: `${props.serviceName}-${props.region}`,
        // Per-IP limit must not cut below what one region has to absorb on failover.
        rateLimitPer5Minutes: Math.max(
          2000,
          props.fullLoadRequestsPerSecond * 300,
        ),
      });
    }

    // ---------------------------------------------------------------- custom domain + DNS
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.hostedZoneId,
      zoneName: props.hostedZoneName,
    });
    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(
          this,
          'Certificate',
          props.certificateArn,
        )
      : new acm.Certificate(this, 'Certificate', {
          domainName: props.domainName,
          validation: acm.CertificateValidation.fromDns(zone),
        });
    this.domainName = this.api.addDomainName('CustomDomain', {
      domainName: props.domainName,
      certificate,
      endpointType: apigw.EndpointType.REGIONAL,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });

    this.healthCheck = new route53.HealthCheck(this, 'HealthCheck', {
      type: route53.HealthCheckType.HTTPS,
      // The region-specific execute-api endpoint, so each check probes exactly one region.
      fqdn: `${this.api.restApiId}.execute-api.${props.region}.${Aws.URL_SUFFIX}`,
      port: 443,
      resourcePath: `/${this.api.deploymentStage.stageName}/health`,
      requestInterval: Duration.seconds(30),
      failureThreshold: 3,
      measureLatency: true,
    });
    const routing = props.routingPolicy ?? 'latency';
    this.record = new route53.ARecord(this, 'Record', {
      zone,
      recordName: props.domainName,
      target: route53.RecordTarget.fromAlias(
        new route53targets.ApiGatewayDomain(this.domainName),
      ),
      setIdentifier: `${props.serviceName}-${props.region}`,
      region: routing === 'latency' ? props.region : undefined,
      weight: routing === 'weighted' ? 50 : undefined,
      healthCheck: this.healthCheck,
    });

    new CfnOutput(this, 'RegionalEndpoint', { value: this.api.url });
    new CfnOutput(this, 'PerRegionCapacityRps', {
      value: String(props.fullLoadRequestsPerSecond),
    });
  }

  /** Deterministic name of the data bucket of `serviceName` in `region` (account resolved at deploy time). */
  public static bucketName(serviceName: string, region: string): string {
    return `${serviceName}-data-${Aws.ACCOUNT_ID}-${region}`;
  }

  /** Deterministic name of the replication role of `serviceName` in `region` (IAM names are account-wide). */
  public static replicationRoleName(
    serviceName: string,
    region: string,
  ): string {
    return `${serviceName}-s3-replication-${region}`;
  }

  /** Role S3 assumes to replicate this region's bucket into the peer region's bucket. */
  private createReplicationRole(
    props: ActiveActiveRegionalStackProps,
  ): iam.Role {
    const destinationBucketArn = `arn:${
      Aws.PARTITION
    }:s3:::${ActiveActiveRegionalStack.bucketName(
      props.serviceName,
      props.peerRegion,
    )}`;
    const role = new iam.Role(this, 'ReplicationRole', {
      roleName: ActiveActiveRegionalStack.replicationRoleName(
        props.serviceName,
        props.region,
      ),
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: `S3 replication ${props.region} -> ${props.peerRegion}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          's3:ReplicateObject',
          's3:ReplicateDelete',
          's3:ReplicateTags',
        ],
        resources: [`${destinationBucketArn}/*`],
      }),
    );
    const policy = role.node.findChild('DefaultPolicy');
    const bucketLogicalId = this.getLogicalId(
      this.bucket.node.defaultChild as s3.CfnBucket,
    );
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
      reason:
        'S3 replication reads every object version of the source bucket; object-level actions need the bucket/* resource (scoped to this one bucket).',
    });
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.serviceName}-data-<AWS::AccountId>-${props.peerRegion}/*]`,
      reason:
        'S3 replication writes object replicas into the peer-region bucket; object-level actions need the bucket/* resource (scoped to that one bucket).',
    });
    return role;
  }

  /**
   * Replication peer -> this region, applied to the peer bucket (in the peer region) by a
   * custom resource once this stack's bucket exists. Objects written in either region thus
   * reach the other one. S3 does not replicate replicas again, so the two rules do not loop.
   */
  private configurePeerReplication(
    props: ActiveActiveRegionalStackProps,
  ): cr.AwsCustomResource {
    const peerBucket = ActiveActiveRegionalStack.bucketName(
      props.serviceName,
      props.peerRegion,
    );
    const peerRoleArn = `arn:${Aws.PARTITION}:iam::${
      Aws.ACCOUNT_ID
    }:role/${ActiveActiveRegionalStack.replicationRoleName(
      props.serviceName,
      props.peerRegion,
    )}`;
    const rule = replicationRule(props.region, props.serviceName);
    const call = (action: string, parameters: object): cr.AwsSdkCall => ({
      service: 'S3',
      action,
      region: props.peerRegion,
      parameters,
      physicalResourceId: cr.PhysicalResourceId.of(`${peerBucket}-replication`),
    });
    const resource = new cr.AwsCustomResource(this, 'PeerReplication', {
      resourceType: 'Custom::PeerBucketReplication',
      installLatestAwsSdk: false,
      onUpdate: call('putBucketReplication', {
        Bucket: peerBucket,
        ReplicationConfiguration: {
          Role: peerRoleArn,
          Rules: [
            {
              ID: rule.id,
              Status: rule.status,
              Priority: rule.priority,
              Filter: { Prefix: '' },
              DeleteMarkerReplication: { Status: 'Enabled' },
              Destination: {
                Bucket: rule.destination.bucket,
                StorageClass: 'STANDARD',
                ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
                Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
              },
            },
          ],
        },
      }),
      onDelete: call('deleteBucketReplication', { Bucket: peerBucket }),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['s3:PutReplicationConfiguration'],
          resources: [`arn:${Aws.PARTITION}:s3:::${peerBucket}`],
        }),
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [peerRoleArn],
        }),
      ]),
    });
    // The destination (this region's bucket) must exist before the rule is put.
    resource.node.addDependency(this.bucket);
    acknowledgeCdkProviderOutsideVpc(
      this,
      AWS_CUSTOM_RESOURCE_PROVIDER_ID,
      "aws-cdk-lib's AwsCustomResource provider: runs only during deployment and calls only the S3 API (PutBucketReplication on the peer bucket).",
    );
    const provider = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "Provider function of CDK's AwsCustomResource (runs only on deployment, to put the peer bucket's replication rule); the AWS managed policy only lets it write its own CloudWatch logs.",
      });
    }
    return resource;
  }
}

/** Construct id of the singleton provider function CDK's AwsCustomResource adds to the stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** The replication rule into the data bucket of `serviceName` in region `to`. */
function replicationRule(
  to: string,
  serviceName: string,
): {
  id: string;
  status: string;
  priority: number;
  filter: { prefix: string };
  deleteMarkerReplication: { status: string };
  destination: {
    bucket: string;
    storageClass: string;
    replicationTime: { status: string; time: { minutes: number } };
    metrics: { status: string; eventThreshold: { minutes: number } };
  };
} {
  return {
    id: `to-${to}`,
    status: 'Enabled',
    priority: 1,
    filter: { prefix: '' },
    deleteMarkerReplication: { status: 'Enabled' },
    destination: {
      bucket: `arn:${Aws.PARTITION}:s3:::${ActiveActiveRegionalStack.bucketName(
        serviceName,
        to,
      )}`,
      storageClass: 'STANDARD',
      replicationTime: { status: 'Enabled', time: { minutes: 15 } },
      metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } },
    },
  };
}
