import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from '../common/buckets';
import { createServiceKey } from '../common/kms';
import {
  PatternProps,
  removalPolicyOf,
  wafEnabled,
} from '../common/pattern-props';
import { createRegionalWebAcl, stackMetricName } from '../common/waf';
import { createScalingNotificationsTopic, createTier } from './compute';
import { createAuroraDatabase, createDynamoDbTable } from './data-tier';
import {
  addListeners,
  createAccessLogsBucket,
  createLoadBalancers,
} from './load-balancers';
import { createNetwork, createSecurityGroupChain } from './network';
import {
  defaultAppUserData,
  defaultWebUserData,
  vpcResolverAddress,
} from './user-data';
import { validateThreeTierWebAppProps } from './validation';

export { renderWebNginxConfig, vpcResolverAddress } from './user-data';

/** Which data stores the data tier gets. */
export type ThreeTierDatabaseEngine = 'aurora-postgresql' | 'dynamodb' | 'both';

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
    validateThreeTierWebAppProps(this, props);

    this.node.setContext(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const engine = props.databaseEngine ?? 'aurora-postgresql';
    const azCount = props.availabilityZones?.length ?? 2;
    const maxRequestBodyBytes = props.maxRequestBodyBytes ?? 1024 * 1024;
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

    // ---------------------------------------------------------------- network (network.ts)
    ({ flowLogGroup: this.flowLogGroup, vpc: this.vpc } = createNetwork(this, {
      vpcCidr: props.vpcCidr,
      availabilityZones: props.availabilityZones,
      natGateways: props.natGateways ?? azCount,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    }));
    const securityGroups = createSecurityGroupChain(this, this.vpc, props);
    this.publicAlbSecurityGroup = securityGroups.publicAlb;
    this.webSecurityGroup = securityGroups.web;
    this.internalAlbSecurityGroup = securityGroups.internalAlb;
    this.appSecurityGroup = securityGroups.app;

    // ---------------------------------------------------------------- logging + notifications
    this.accessLogsBucket = createAccessLogsBucket(this, removalPolicy);
    this.scalingNotificationsTopic = createScalingNotificationsTopic(
      this,
      this.encryptionKey,
    );

    // ---------------------------------------------------------------- load balancers (load-balancers.ts)
    ({
      publicLoadBalancer: this.publicLoadBalancer,
      internalLoadBalancer: this.internalLoadBalancer,
    } = createLoadBalancers(this, {
      vpc: this.vpc,
      securityGroups,
      accessLogsBucket: this.accessLogsBucket,
      deletionProtection,
    }));

    // ---------------------------------------------------------------- compute tiers (compute.ts)
    // Where the app tier finds its data stores; filled by the data tier below and written to
    // /etc/app/env by the default app user data (rendered lazily at synthesis).
    const appEnvironment: Record<string, string> = {};
    const tierOptions = {
      vpc: this.vpc,
      encryptionKey: this.encryptionKey,
      notificationsTopic: this.scalingNotificationsTopic,
    };
    this.webAutoScalingGroup = createTier(this, 'Web', props.webTier, {
      ...tierOptions,
      securityGroup: this.webSecurityGroup,
      userData:
        props.webTier?.userData ??
        defaultWebUserData(
          this.internalLoadBalancer.loadBalancerDnsName,
          vpcResolverAddress(props.vpcCidr ?? '10.0.0.0/16'),
          maxRequestBodyBytes,
        ),
      // The web target group's health check reaches the app tier (see renderWebNginxConfig). The
      // web ASG therefore replaces instances on EC2 status checks only: an app-tier outage must
      // not make it terminate every healthy web instance in a loop.
      elbHealthChecks: false,
    });
    this.appAutoScalingGroup = createTier(this, 'App', props.appTier, {
      ...tierOptions,
      securityGroup: this.appSecurityGroup,
      userData:
        props.appTier?.userData ?? defaultAppUserData(appPort, appEnvironment),
      elbHealthChecks: true,
    });

    addListeners({
      publicLoadBalancer: this.publicLoadBalancer,
      internalLoadBalancer: this.internalLoadBalancer,
      webAutoScalingGroup: this.webAutoScalingGroup,
      appAutoScalingGroup: this.appAutoScalingGroup,
      securityGroups,
      certificateArn: props.certificateArn,
      appPort,
    });

    if (wafEnabled(props)) {
      this.webAcl = createRegionalWebAcl(this, 'WebAcl', {
        // the same limit as nginx's client_max_body_size
        maxRequestBodyBytes,
        resourceArn: this.publicLoadBalancer.loadBalancerArn,
        metricName: stackMetricName(this, 'alb', 'three-tier-alb'),
      });
    }

    // ---------------------------------------------------------------- data tier (data-tier.ts)
    const dataTierOptions = {
      vpc: this.vpc,
      encryptionKey: this.encryptionKey,
      appAutoScalingGroup: this.appAutoScalingGroup,
      appSecurityGroup: this.appSecurityGroup,
      appEnvironment,
      deletionProtection,
    };
    if (engine === 'aurora-postgresql' || engine === 'both') {
      ({
        securityGroup: this.databaseSecurityGroup,
        cluster: this.databaseCluster,
        secret: this.databaseSecret,
      } = createAuroraDatabase(this, props, {
        ...dataTierOptions,
        port: dbPort,
      }));
    }
    if (engine === 'dynamodb' || engine === 'both') {
      this.table = createDynamoDbTable(this, {
        ...dataTierOptions,
        removalPolicy,
      });
    }
  }
}
