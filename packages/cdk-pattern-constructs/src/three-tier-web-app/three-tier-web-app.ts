import { Aws, Duration, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { allowAutoScalingServiceLinkedRole } from '../common/autoscaling';
import {
  createLogBucket,
  SERVER_ACCESS_LOGS_USE_BUCKET_POLICY,
} from '../common/buckets';
import {
  acknowledgeCdkProviderOutsideVpc,
  acknowledgeControl,
  acknowledgeExistingAdminName,
  acknowledgeMonitoringRole,
  RESTRICT_DEFAULT_SG_PROVIDER_ID,
} from '../common/control-tower';
import { createServiceKey } from '../common/kms';
import {
  databaseRemovalPolicyOf,
  PatternProps,
  removalPolicyOf,
  wafEnabled,
} from '../common/pattern-props';
import {
  validateIntegerRange,
  validateMinMax,
  validateNumberRange,
  validateOneOf,
  validatePattern,
} from '../common/validation';
import { createRegionalWebAcl, stackMetricName } from '../common/waf';

/** Which data stores the data tier gets. */
export type ThreeTierDatabaseEngine = 'aurora-postgresql' | 'dynamodb' | 'both';

const DATABASE_ENGINES: readonly ThreeTierDatabaseEngine[] = [
  'aurora-postgresql',
  'dynamodb',
  'both',
];

/** Sizing and image of one compute tier (web or app). */
export interface TierProps {
  /**
   * Minimum number of instances (also the initial desired capacity).
   * @default 2 (one per AZ)
   */
  readonly minCapacity?: number;
  /**
   * Maximum number of instances.
   * @default 6
   */
  readonly maxCapacity?: number;
  /**
   * EC2 instance type. Must match the architecture of `machineImage`.
   * @default t3.small
   */
  readonly instanceType?: ec2.InstanceType;
  /**
   * Average CPU utilisation (percent, 10-90) the target-tracking policy keeps the tier at.
   * @default 60
   */
  readonly targetCpuUtilizationPercent?: number;
  /**
   * AMI. Resolved at deploy time (SSM public parameter), never via a context lookup.
   * @default Amazon Linux 2023 (x86_64)
   */
  readonly machineImage?: ec2.IMachineImage;
  /**
   * User data. Must make the instance answer `GET /health` with 200 on the tier port.
   * @default web: nginx reverse proxy to the internal ALB; app: a tiny JSON HTTP service.
   */
  readonly userData?: ec2.UserData;
}

/**
 * Properties of {@link ThreeTierWebApp}. `enableWaf` protects the public ALB; `removalPolicy`
 * covers the database, table, buckets, key and log groups.
 */
export interface ThreeTierWebAppProps extends PatternProps {
  /**
   * IPv4 CIDR of the VPC (a /16 to /20).
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * Explicit Availability Zones (2-6). Required when the stack has both an explicit
   * account and region (it avoids the AZ context lookup CDK would otherwise perform).
   * @default - the first 2 AZs of the region (Fn::GetAZs; stack stays env-agnostic)
   */
  readonly availabilityZones?: string[];
  /**
   * NAT gateways (1 .. number of AZs). One per AZ keeps egress zonal-failure tolerant.
   * @default one per AZ
   */
  readonly natGateways?: number;
  /** Web tier (behind the internet-facing ALB). */
  readonly webTier?: TierProps;
  /** App tier (behind the internal ALB). */
  readonly appTier?: TierProps;
  /**
   * Port the app tier listens on (1024-65535).
   * @default 8080
   */
  readonly appPort?: number;
  /**
   * Data tier: Aurora PostgreSQL, a DynamoDB table, or both.
   * @default 'aurora-postgresql'
   */
  readonly databaseEngine?: ThreeTierDatabaseEngine;
  /**
   * Aurora PostgreSQL engine version.
   * @default rds.AuroraPostgresEngineVersion.VER_17_5
   */
  readonly auroraEngineVersion?: rds.AuroraPostgresEngineVersion;
  /**
   * Aurora Serverless v2 minimum ACUs (0-256, step 0.5).
   * @default 0.5
   */
  readonly auroraMinCapacity?: number;
  /**
   * Aurora Serverless v2 maximum ACUs (1-256, step 0.5).
   * @default 4
   */
  readonly auroraMaxCapacity?: number;
  /**
   * Name of the Aurora administrator. Clusters created before template 1.2.0 use "postgres":
   * renaming the administrator replaces the cluster, so their upgrade keeps it (and
   * acknowledges Control Tower's CT.RDS.PR.21 for it).
   * @default 'app_admin'
   */
  readonly databaseAdminUsername?: string;
  /**
   * Database port. A non-default port is used on purpose (AwsSolutions-RDS11).
   * @default 5433
   */
  readonly databasePort?: number;
  /**
   * ARN of an ACM certificate (same region) for the public ALB. When given, the public
   * listener is HTTPS (TLS 1.2+ policy) and port 80 only redirects to 443.
   * @default - HTTP only (no certificate can be created without a domain)
   */
  readonly certificateArn?: string;
  /**
   * CIDR allowed to reach the public ALB.
   * @default '0.0.0.0/0'
   */
  readonly publicIngressCidr?: string;
  /**
   * Largest request body (bytes, 1 KB - 100 MB) the application accepts: nginx's
   * `client_max_body_size` and the WAF's `BodySizeLimit` rule both use it.
   * @default 1048576 (1 MiB, nginx's default)
   */
  readonly maxRequestBodyBytes?: number;
  /**
   * Deletion protection on the Aurora cluster and the ALBs.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Must be placed in a region-specific stack (`env: { region }`); the account may be
 * left unresolved (then no context lookup is ever needed).
 *
 * Classic three-tier web application:
 * internet -> public ALB -> web ASG -> internal ALB -> app ASG -> Aurora PostgreSQL (and/or DynamoDB).
 *
 * Security groups form a strict chain (each tier only accepts traffic from the
 * security group of the tier in front of it). VPC flow logs, ALB access logs
 * (SSE-S3 bucket, TLS-only), KMS encryption of the database, table, EBS volumes,
 * notifications and logs, IMDSv2, detailed monitoring and target-tracking
 * scaling on CPU are on by default.
 */
export class ThreeTierWebApp extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly encryptionKey: kms.Key;
  public readonly flowLogGroup: logs.LogGroup;
  public readonly accessLogsBucket: s3.Bucket;
  public readonly publicLoadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly internalLoadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly webAutoScalingGroup: autoscaling.AutoScalingGroup;
  public readonly appAutoScalingGroup: autoscaling.AutoScalingGroup;
  public readonly publicAlbSecurityGroup: ec2.SecurityGroup;
  public readonly webSecurityGroup: ec2.SecurityGroup;
  public readonly internalAlbSecurityGroup: ec2.SecurityGroup;
  public readonly appSecurityGroup: ec2.SecurityGroup;
  /** Security group of the Aurora cluster (undefined when databaseEngine is 'dynamodb'). */
  public readonly databaseSecurityGroup?: ec2.SecurityGroup;
  /** Aurora PostgreSQL cluster (undefined when databaseEngine is 'dynamodb'). */
  public readonly databaseCluster?: rds.DatabaseCluster;
  /** RDS-managed, automatically rotated master secret in Secrets Manager. */
  public readonly databaseSecret?: rds.DatabaseCluster['secret'];
  /** DynamoDB table (only when databaseEngine is 'dynamodb' or 'both'). */
  public readonly table?: dynamodb.Table;
  /** Topic receiving all Auto Scaling launch/terminate notifications. */
  public readonly scalingNotificationsTopic: sns.Topic;
  /** Web ACL protecting the public ALB (undefined when enableWaf is false). */
  public readonly webAcl?: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ThreeTierWebAppProps = {}) {
    super(scope, id);
    // ---------------------------------------------------------------- validation
    validateOneOf('databaseEngine', props.databaseEngine, DATABASE_ENGINES);
    validatePattern(
      'vpcCidr',
      props.vpcCidr,
      /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|20)$/,
      'must be an IPv4 CIDR with a prefix length between /16 and /20',
    );
    validatePattern(
      'publicIngressCidr',
      props.publicIngressCidr,
      /^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12][0-9]|3[0-2])$/,
      'must be an IPv4 CIDR such as 0.0.0.0/0 or 203.0.113.0/24',
    );
    if (
      props.availabilityZones !== undefined &&
      (props.availabilityZones.length < 2 || props.availabilityZones.length > 6)
    ) {
      throw new Error(
        `Invalid availabilityZones: ${props.availabilityZones.length} given, must list between 2 and 6 Availability Zones.`,
      );
    }
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region)) {
      throw new Error(
        'ThreeTierWebApp requires a region-specific stack (env: { region: ... }): ALB access logging needs the regional Elastic Load Balancing account. The account may stay unresolved.',
      );
    }
    if (
      !Token.isUnresolved(stack.account) &&
      props.availabilityZones === undefined
    ) {
      throw new Error(
        'Invalid availabilityZones: required when the stack has an explicit account and region, otherwise CDK would perform an Availability Zone context lookup. Pass e.g. ["eu-west-1a", "eu-west-1b"] or leave the account unresolved.',
      );
    }
    const azCount = props.availabilityZones?.length ?? 2;
    validateIntegerRange('natGateways', props.natGateways, 1, azCount);
    validateIntegerRange('appPort', props.appPort, 1024, 65535);
    validateIntegerRange(
      'maxRequestBodyBytes',
      props.maxRequestBodyBytes,
      1024,
      100 * 1024 * 1024,
    );
    const maxRequestBodyBytes = props.maxRequestBodyBytes ?? 1024 * 1024;
    validateIntegerRange('databasePort', props.databasePort, 1150, 65535);
    validateTier('webTier', props.webTier);
    validateTier('appTier', props.appTier);
    validateNumberRange('auroraMinCapacity', props.auroraMinCapacity, 0, 256);
    validateNumberRange('auroraMaxCapacity', props.auroraMaxCapacity, 1, 256);
    for (const [name, v] of [
      ['auroraMinCapacity', props.auroraMinCapacity],
      ['auroraMaxCapacity', props.auroraMaxCapacity],
    ] as const) {
      if (v !== undefined && (v * 2) % 1 !== 0) {
        throw new Error(`Invalid ${name} ${v}: must be a multiple of 0.5 ACU.`);
      }
    }
    validateMinMax(
      'auroraMinCapacity',
      props.auroraMinCapacity ?? 0.5,
      'auroraMaxCapacity',
      props.auroraMaxCapacity ?? 4,
    );
    if (
      props.certificateArn !== undefined &&
      !Token.isUnresolved(props.certificateArn) &&
      !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(
        props.certificateArn,
      )
    ) {
      throw new Error(
        `Invalid certificateArn "${props.certificateArn}": must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>).`,
      );
    }

    this.node.setContext(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const engine = props.databaseEngine ?? 'aurora-postgresql';
    const appPort = props.appPort ?? 8080;
    const dbPort = props.databasePort ?? 5433;
    const removalPolicy = removalPolicyOf(props);
    const deletionProtection = props.deletionProtection ?? true;

    this.encryptionKey = createServiceKey(
      this,
      'Key',
      `Three-tier web app ${this.node.path}: data, EBS, logs and notifications`,
      removalPolicy,
    );

    // ---------------------------------------------------------------- network
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr ?? '10.0.0.0/16'),
      availabilityZones: props.availabilityZones,
      maxAzs: props.availabilityZones ? undefined : 2,
      natGateways: props.natGateways ?? azCount,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        {
          name: 'public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: false,
        },
        {
          name: 'private',
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
          cidrMask: 22,
        },
        {
          name: 'isolated',
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 24,
        },
      ],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(
            this.flowLogGroup,
          ),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });

    acknowledgeCdkProviderOutsideVpc(
      this,
      RESTRICT_DEFAULT_SG_PROVIDER_ID,
      "aws-cdk-lib's provider for restrictDefaultSecurityGroup: runs only during deployment and calls only the EC2 API to remove the default security group's rules.",
    );

    // ---------------------------------------------------------------- security groups (strict chain)
    this.publicAlbSecurityGroup = new ec2.SecurityGroup(this, 'PublicAlbSg', {
      vpc: this.vpc,
      description:
        'Internet-facing ALB: accepts client traffic, forwards only to the web tier',
      allowAllOutbound: false,
    });
    this.webSecurityGroup = new ec2.SecurityGroup(this, 'WebSg', {
      vpc: this.vpc,
      description: 'Web tier: accepts traffic only from the public ALB',
      allowAllOutbound: false,
    });
    this.internalAlbSecurityGroup = new ec2.SecurityGroup(
      this,
      'InternalAlbSg',
      {
        vpc: this.vpc,
        description: 'Internal ALB: accepts traffic only from the web tier',
        allowAllOutbound: false,
      },
    );
    this.appSecurityGroup = new ec2.SecurityGroup(this, 'AppSg', {
      vpc: this.vpc,
      description: 'App tier: accepts traffic only from the internal ALB',
      allowAllOutbound: false,
    });
    const publicPorts = props.certificateArn ? [80, 443] : [80];
    for (const port of publicPorts) {
      this.publicAlbSecurityGroup.addIngressRule(
        ec2.Peer.ipv4(props.publicIngressCidr ?? '0.0.0.0/0'),
        ec2.Port.tcp(port),
        `Clients to the public ALB on ${port}`,
      );
    }
    if ((props.publicIngressCidr ?? '0.0.0.0/0') === '0.0.0.0/0') {
      Validations.of(this.publicAlbSecurityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'Internet-facing ALB of a public web application: 0.0.0.0/0 on the listener port(s) is the intended single entry point (WAF-protected); every other tier only accepts its upstream security group.',
      });
    }
    // Instances need outbound HTTPS for OS packages and AWS APIs (via NAT).
    for (const sg of [this.webSecurityGroup, this.appSecurityGroup]) {
      sg.addEgressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(443),
        'HTTPS to package repositories and AWS APIs via NAT',
      );
    }

    // ---------------------------------------------------------------- logging + notifications
    this.accessLogsBucket = createLogBucket(this, 'AccessLogs', {
      removalPolicy,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Terminal log bucket that receives the ALB access logs; logging it to another bucket would only recurse the problem. Public access is blocked, TLS enforced, SSE-S3, versioned, lifecycle-expired.',
    });
    this.scalingNotificationsTopic = new sns.Topic(
      this,
      'ScalingNotifications',
      {
        masterKey: this.encryptionKey,
        enforceSSL: true,
      },
    );
    // Auto Scaling publishes notifications and encrypts EBS volumes with its service-linked role,
    // so that role must be able to use the CMK.
    allowAutoScalingServiceLinkedRole(this.encryptionKey);

    // ---------------------------------------------------------------- load balancers
    this.publicLoadBalancer = new elbv2.ApplicationLoadBalancer(
      this,
      'PublicAlb',
      {
        vpc: this.vpc,
        internetFacing: true,
        vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
        securityGroup: this.publicAlbSecurityGroup,
        dropInvalidHeaderFields: true,
        deletionProtection,
      },
    );
    this.publicLoadBalancer.logAccessLogs(this.accessLogsBucket, 'public-alb');

    this.internalLoadBalancer = new elbv2.ApplicationLoadBalancer(
      this,
      'InternalAlb',
      {
        vpc: this.vpc,
        internetFacing: false,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        securityGroup: this.internalAlbSecurityGroup,
        dropInvalidHeaderFields: true,
        deletionProtection,
      },
    );
    this.internalLoadBalancer.logAccessLogs(
      this.accessLogsBucket,
      'internal-alb',
    );

    // ---------------------------------------------------------------- compute tiers
    // Where the app tier finds its data stores; filled by the data tier below and written to
    // /etc/app/env by the default app user data (rendered lazily at synthesis).
    const appEnvironment: Record<string, string> = {};
    this.webAutoScalingGroup = this.createTier(
      'Web',
      props.webTier,
      this.webSecurityGroup,
      props.webTier?.userData ??
        defaultWebUserData(
          this.internalLoadBalancer.loadBalancerDnsName,
          vpcResolverAddress(props.vpcCidr ?? '10.0.0.0/16'),
          maxRequestBodyBytes,
        ),
      // The web target group's health check reaches the app tier (see renderWebNginxConfig). The
      // web ASG therefore replaces instances on EC2 status checks only: an app-tier outage must
      // not make it terminate every healthy web instance in a loop.
      false,
    );
    this.appAutoScalingGroup = this.createTier(
      'App',
      props.appTier,
      this.appSecurityGroup,
      props.appTier?.userData ?? defaultAppUserData(appPort, appEnvironment),
      true,
    );

    // Public listener(s) -> web tier (port 80).
    const webTargets = {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.webAutoScalingGroup],
      healthCheck: {
        path: '/health',
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
      },
      deregistrationDelay: Duration.seconds(30),
    };
    if (props.certificateArn) {
      const https = this.publicLoadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        open: false,
      });
      https.addTargets('Web', webTargets);
      this.publicLoadBalancer.addListener('HttpRedirect', {
        port: 80,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({
          protocol: 'HTTPS',
          port: '443',
          permanent: true,
        }),
      });
    } else {
      const http = this.publicLoadBalancer.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
      });
      http.addTargets('Web', webTargets);
      acknowledgeControl(
        http,
        'CT.ELASTICLOADBALANCING.PR.1',
        'No certificateArn was given, so there is no HTTPS listener to redirect to (a certificate needs a domain). With certificateArn, port 80 only redirects to 443.',
      );
      // No AwsSolutions rule flags an ALB HTTP listener (ELB5 is CLB-only), so nothing to acknowledge;
      // the construct's docs state that production traffic should set `certificateArn`.
    }

    // Internal listener -> app tier.
    const internalListener = this.internalLoadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
    });
    acknowledgeControl(
      internalListener,
      'CT.ELASTICLOADBALANCING.PR.1',
      'Internal ALB between the web and app tiers inside the VPC: TLS from clients ends at the public ALB, and only the web tier security group reaches this listener.',
    );
    internalListener.addTargets('App', {
      port: appPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.appAutoScalingGroup],
      healthCheck: {
        path: '/health',
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
      },
      deregistrationDelay: Duration.seconds(30),
    });
    this.internalAlbSecurityGroup.connections.allowFrom(
      this.webSecurityGroup,
      ec2.Port.tcp(80),
      'Web tier to internal ALB',
    );

    if (wafEnabled(props)) {
      this.webAcl = createRegionalWebAcl(this, 'WebAcl', {
        // the same limit as nginx's client_max_body_size
        maxRequestBodyBytes,
        resourceArn: this.publicLoadBalancer.loadBalancerArn,
        metricName: stackMetricName(this, 'alb', 'three-tier-alb'),
      });
    }

    // ---------------------------------------------------------------- data tier
    if (engine === 'aurora-postgresql' || engine === 'both') {
      this.databaseSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSg', {
        vpc: this.vpc,
        description:
          'Aurora PostgreSQL: accepts traffic only from the app tier',
        allowAllOutbound: false,
      });
      const adminUsername = props.databaseAdminUsername ?? 'app_admin';
      this.databaseCluster = new rds.DatabaseCluster(this, 'Database', {
        engine: rds.DatabaseClusterEngine.auroraPostgres({
          version:
            props.auroraEngineVersion ??
            rds.AuroraPostgresEngineVersion.VER_17_5,
        }),
        // Not a default name such as "postgres" (CT.RDS.PR.21), unless an existing cluster has it.
        credentials: rds.Credentials.fromUsername(adminUsername, {
          encryptionKey: this.encryptionKey,
        }),
        manageMasterUserPassword: true,
        writer: rds.ClusterInstance.serverlessV2('Writer', {
          enablePerformanceInsights: true,
          performanceInsightEncryptionKey: this.encryptionKey,
        }),
        readers: [
          rds.ClusterInstance.serverlessV2('Reader', {
            scaleWithWriter: true,
            enablePerformanceInsights: true,
            performanceInsightEncryptionKey: this.encryptionKey,
          }),
        ],
        serverlessV2MinCapacity: props.auroraMinCapacity ?? 0.5,
        serverlessV2MaxCapacity: props.auroraMaxCapacity ?? 4,
        vpc: this.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [this.databaseSecurityGroup],
        port: dbPort,
        storageEncrypted: true,
        storageEncryptionKey: this.encryptionKey,
        iamAuthentication: true,
        // Enhanced monitoring (CT.RDS.PR.2): OS metrics every minute.
        monitoringInterval: Duration.seconds(60),
        deletionProtection,
        defaultDatabaseName: 'app',
        backup: { retention: Duration.days(7) },
        cloudwatchLogsExports: ['postgresql'],
        removalPolicy: databaseRemovalPolicyOf(props),
      });
      this.databaseSecret = this.databaseCluster.secret;
      acknowledgeMonitoringRole(this.databaseCluster);
      acknowledgeExistingAdminName(this.databaseCluster, adminUsername);
      // The app tier reads the (RDS-managed, rotated) credentials from Secrets Manager: the
      // secret, and the CMK only through Secrets Manager.
      this.databaseSecret!.grantRead(this.appAutoScalingGroup.role);
      this.appAutoScalingGroup.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [this.encryptionKey.keyArn],
          conditions: {
            StringEquals: {
              'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
            },
          },
        }),
      );
      appEnvironment.DB_SECRET_ARN = this.databaseSecret!.secretArn;
      appEnvironment.DB_HOST = this.databaseCluster.clusterEndpoint.hostname;
      appEnvironment.DB_PORT = String(dbPort);
      appEnvironment.DB_NAME = 'app';
      this.databaseCluster.connections.allowFrom(
        this.appSecurityGroup,
        ec2.Port.tcp(dbPort),
        'App tier to Aurora',
      );
    }
    if (engine === 'dynamodb' || engine === 'both') {
      this.table = new dynamodb.Table(this, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.encryptionKey,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection,
        removalPolicy,
      });
      // App instances get explicit item-level actions on this table only (no wildcards).
      this.appAutoScalingGroup.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [
            'dynamodb:GetItem',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:Query',
            'dynamodb:BatchGetItem',
            'dynamodb:BatchWriteItem',
          ],
          resources: [this.table.tableArn],
        }),
      );
      appEnvironment.TABLE_NAME = this.table.tableName;
      this.appAutoScalingGroup.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [this.encryptionKey.keyArn],
        }),
      );
    }
    // App tier -> database egress is created by allowFrom above (appSg has allowAllOutbound=false).
  }

  private createTier(
    name: string,
    tier: TierProps | undefined,
    securityGroup: ec2.SecurityGroup,
    userData: ec2.UserData,
    elbHealthChecks: boolean,
  ): autoscaling.AutoScalingGroup {
    const role = new iam.Role(this, `${name}InstanceRole`, {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `${name} tier instances (no managed policies; add least-privilege statements as needed)`,
    });
    const launchTemplate = new ec2.LaunchTemplate(
      this,
      `${name}LaunchTemplate`,
      {
        instanceType:
          tier?.instanceType ??
          ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
        machineImage:
          tier?.machineImage ?? ec2.MachineImage.latestAmazonLinux2023(),
        userData,
        role,
        securityGroup,
        requireImdsv2: true,
        detailedMonitoring: true,
        blockDevices: [
          {
            deviceName: '/dev/xvda',
            volume: ec2.BlockDeviceVolume.ebs(20, {
              encrypted: true,
              kmsKey: this.encryptionKey,
              volumeType: ec2.EbsDeviceVolumeType.GP3,
              deleteOnTermination: true,
            }),
          },
        ],
      },
    );
    const min = tier?.minCapacity ?? 2;
    const asg = new autoscaling.AutoScalingGroup(this, `${name}Asg`, {
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: min,
      maxCapacity: tier?.maxCapacity ?? 6,
      cooldown: Duration.seconds(300),
      healthChecks: elbHealthChecks
        ? autoscaling.HealthChecks.withAdditionalChecks({
            additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
            gracePeriod: Duration.minutes(5),
          })
        : autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(5) }),
      notifications: [{ topic: this.scalingNotificationsTopic }],
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({
        minInstancesInService: min > 1 ? 1 : 0,
      }),
    });
    // CT.AUTOSCALING.PR.1: name the Availability Zones of its subnets explicitly too.
    (
      asg.node.defaultChild as autoscaling.CfnAutoScalingGroup
    ).availabilityZones = this.vpc.selectSubnets({
      subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
    }).availabilityZones;
    acknowledgeControl(
      asg,
      'CT.AUTOSCALING.PR.6',
      'One instance type per tier (TierProps.instanceType), matched to its AMI architecture and tested; several types would need a mixed-instances policy and an AMI for each architecture.',
    );
    if (!elbHealthChecks) {
      acknowledgeControl(
        asg,
        'CT.AUTOSCALING.PR.4',
        "The web target group's health check goes through nginx to the app tier; replacing web instances on it would recycle the whole healthy web tier during an app-tier outage. EC2 status checks replace broken web instances; the ALB still stops routing to unhealthy ones.",
      );
    }
    asg.scaleOnCpuUtilization(`${name}CpuScaling`, {
      targetUtilizationPercent: tier?.targetCpuUtilizationPercent ?? 60,
    });
    return asg;
  }
}

function validateTier(propName: string, tier: TierProps | undefined): void {
  if (!tier) {
    return;
  }
  validateIntegerRange(`${propName}.minCapacity`, tier.minCapacity, 1, 100);
  validateIntegerRange(`${propName}.maxCapacity`, tier.maxCapacity, 1, 100);
  validateMinMax(
    `${propName}.minCapacity`,
    tier.minCapacity ?? 2,
    `${propName}.maxCapacity`,
    tier.maxCapacity ?? 6,
  );
  validateNumberRange(
    `${propName}.targetCpuUtilizationPercent`,
    tier.targetCpuUtilizationPercent,
    10,
    90,
  );
}

/**
 * Address of the Amazon-provided DNS resolver of a VPC: the base of its primary CIDR plus two
 * (for example 10.0.0.2 for 10.0.0.0/16). It answers on every instance type, unlike 169.254.169.253
 * which only Nitro instances reach.
 */
export function vpcResolverAddress(vpcCidr: string): string {
  const [base] = vpcCidr.split('/');
  const octets = base.split('.').map(Number);
  const value =
    ((octets[0] << 24) >>> 0) +
    (octets[1] << 16) +
    (octets[2] << 8) +
    octets[3] +
    2;
  return [24, 16, 8, 0].map(shift => (value >>> shift) & 255).join('.');
}

/**
 * nginx configuration of the default web tier. The internal ALB's DNS name is put in a variable
 * so that nginx resolves it per request through the VPC resolver (`resolver ... valid=10s`): a
 * literal `proxy_pass http://<name>` is resolved once at start, and every request would fail
 * with 502 once the ALB's addresses change. `/health` is proxied to the app tier's `/health`,
 * so the public ALB only marks a web instance healthy when the whole path to the app tier works.
 */
export function renderWebNginxConfig(
  internalAlbDns: string,
  resolverAddress: string,
  maxRequestBodyBytes: number = 1024 * 1024,
): string {
  return [
    'user nginx;',
    'worker_processes auto;',
    'events { worker_connections 1024; }',
    'http {',
    '  server_tokens off;',
    `  client_max_body_size ${maxRequestBodyBytes};`,
    `  resolver ${resolverAddress} valid=10s ipv6=off;`,
    '  resolver_timeout 5s;',
    '  server {',
    '    listen 80 default_server;',
    `    set $app_upstream ${internalAlbDns};`,
    '    location = /health {',
    '      proxy_pass http://$app_upstream/health;',
    '      proxy_connect_timeout 2s;',
    '      proxy_read_timeout 4s;',
    '    }',
    '    location / {',
    '      proxy_pass http://$app_upstream;',
    '      proxy_set_header Host $host;',
    '      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '      proxy_set_header X-Forwarded-Proto $scheme;',
    '    }',
    '  }',
    '}',
  ].join('\n');
}

function defaultWebUserData(
  internalAlbDns: string,
  resolverAddress: string,
  maxRequestBodyBytes: number,
): ec2.UserData {
  const ud = ec2.UserData.forLinux();
  ud.addCommands(
    'set -euo pipefail',
    'dnf install -y nginx',
    // Quoted delimiter: the shell expands nothing, nginx sees its own $variables.
    "cat > /etc/nginx/nginx.conf <<'EOF'",
    renderWebNginxConfig(internalAlbDns, resolverAddress, maxRequestBodyBytes),
    'EOF',
    'nginx -t',
    'systemctl enable --now nginx',
  );
  return ud;
}

function defaultAppUserData(
  port: number,
  environment: Record<string, string>,
): ec2.UserData {
  const ud = ec2.UserData.forLinux();
  ud.addCommands(
    'set -euo pipefail',
    'mkdir -p /opt/app /etc/app',
    "cat > /etc/app/env <<'EOF'",
    Lazy.string({
      produce: () =>
        Object.entries(environment)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n') || '# no data store',
    }),
    'EOF',
    "cat > /opt/app/server.py <<'EOF'",
    'import json, socket',
    'from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer',
    'class Handler(BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    '        body = json.dumps({"tier": "app", "host": socket.gethostname(), "path": self.path}).encode()',
    '        self.send_response(200)',
    '        self.send_header("Content-Type", "application/json")',
    '        self.end_headers()',
    '        self.wfile.write(body)',
    `ThreadingHTTPServer(("", ${port}), Handler).serve_forever()`,
    'EOF',
    "cat > /etc/systemd/system/app.service <<'EOF'",
    '[Unit]',
    'Description=App tier service',
    '[Service]',
    'EnvironmentFile=/etc/app/env',
    'ExecStart=/usr/bin/python3 /opt/app/server.py',
    'DynamicUser=yes',
    'Restart=always',
    '[Install]',
    'WantedBy=multi-user.target',
    'EOF',
    'systemctl daemon-reload',
    'systemctl enable --now app',
  );
  return ud;
}
