import { CustomResource, Duration, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from '../common/buckets';
import { createServiceKey } from '../common/kms';
import {
  removalPolicyOf,
  RestApiPatternProps,
  wafEnabled,
} from '../common/pattern-props';
import { TENANT_ID_PATTERN } from '../common/validation';
import { createRegionalWebAcl, stackMetricName } from '../common/waf';
import { createTenantApi } from './api';
import { createDatabases, createMigration } from './data-tier';
import { createIdentity } from './identity';
import { createTenantAlarms } from './monitoring';
import { createDatabaseVpc } from './network';
import { createTenantApiHandler } from './tenant-api';
import { createTenantAccess, createTenantBuckets } from './tenant-data';
import { validateMultiTenantSaasProps } from './validation';

export { API_DATABASE_USER } from './data-tier';

/** Tenant isolation model of the data tier. */
export type IsolationModel = 'silo' | 'bridge' | 'pool';
/** Tenant tier: selects the API Gateway usage plan (throttling + quota). */
export type TenantTier = 'basic' | 'standard' | 'premium';

/** A tenant provisioned at deployment time. */
export interface TenantDefinition {
  /** Tenant id (2-32 chars: lower-case letters, digits, '-'; starts with a letter). Must equal the users' `custom:tenant_id`. */
  readonly tenantId: string;
  /**
   * Usage-plan tier of the tenant's API key.
   * @default 'basic'
   */
  readonly tier?: TenantTier;
}

/** Throttling and quota of one usage-plan tier. */
export interface TierThrottleSettings {
  /** Steady-state requests per second (1-10000). */
  readonly rateLimit: number;
  /** Burst (1-5000). */
  readonly burstLimit: number;
  /**
   * Requests per day.
   * @default - no quota
   */
  readonly quotaPerDay?: number;
}

/**
 * Properties of {@link MultiTenantSaas}. `enableWaf` protects the API stage; `removalPolicy`
 * covers the user pool, bucket, key and logs (the clusters default to a final snapshot).
 */
export interface MultiTenantSaasProps extends RestApiPatternProps {
  /**
   * - `bridge`: one Aurora cluster, one schema per tenant (t_<tenant>) + RLS on every tenant table.
   * - `pool`: one Aurora cluster, shared schema, tenant_id column + RLS.
   * - `silo`: one Aurora cluster per tenant listed in `tenants` (schema + RLS inside each).
   * @default 'bridge'
   */
  readonly isolationModel?: IsolationModel;
  /**
   * Tenants provisioned at deploy time: an API key bound to their tier's usage plan, a
   * TenantId error alarm, their schema (bridge) or their own cluster (silo, 1-10 tenants required).
   * @default - none (tenants are onboarded later; required for silo)
   */
  readonly tenants?: TenantDefinition[];
  /**
   * Per-tier throttling. Per-tenant throttling is implemented with API Gateway usage plans per
   * tier and one API key per tenant (clients send `x-api-key`); the tenant *identity* still
   * comes only from the JWT.
   * @default basic 10 rps/20 burst/10k per day, standard 50/100/100k, premium 200/400/no quota
   */
  readonly tierThrottling?: {
    readonly basic?: TierThrottleSettings;
    readonly standard?: TierThrottleSettings;
    readonly premium?: TierThrottleSettings;
  };
  /**
   * IPv4 CIDR of the (isolated-subnets-only) database VPC, /16 to /24.
   * @default '10.20.0.0/16'
   */
  readonly vpcCidr?: string;
  /**
   * Aurora Serverless v2 minimum ACUs per cluster (0-256, step 0.5; 0 enables auto-pause).
   * @default 0.5
   */
  readonly auroraMinCapacity?: number;
  /**
   * Aurora Serverless v2 maximum ACUs per cluster (1-256, step 0.5).
   * @default 4
   */
  readonly auroraMaxCapacity?: number;
  /** @default rds.AuroraPostgresEngineVersion.VER_17_5 */
  readonly auroraEngineVersion?: rds.AuroraPostgresEngineVersion;
  /**
   * Cognito feature plan. 'plus' enables threat protection (AwsSolutions-COG8).
   * @default 'plus'
   */
  readonly cognitoFeaturePlan?: 'essentials' | 'plus';
  /**
   * CloudWatch namespace of the per-tenant metrics the handler emits (EMF, dimension TenantId).
   * @default 'MultiTenantSaas'
   */
  readonly metricNamespace?: string;
  /**
   * 5xx responses per tenant within 5 minutes that trigger that tenant's alarm (1-10000).
   * @default 5
   */
  readonly tenantErrorAlarmThreshold?: number;
  /**
   * Deletion protection on clusters and the user pool.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Name of the Aurora administrator. Clusters created before template 1.2.0 use "postgres":
   * renaming the administrator replaces the cluster, so their upgrade keeps it (and
   * acknowledges Control Tower's CT.RDS.PR.21 for it).
   * @default 'saas_admin'
   */
  readonly databaseAdminUsername?: string;
}

/**
 * Multi-tenant SaaS backend:
 * Cognito (immutable `custom:tenant_id`) -> API Gateway (Cognito authorizer, usage plans per tier,
 * API key per tenant, WAF, logs, X-Ray) -> Lambda that derives the tenant ONLY from the JWT ->
 * Aurora PostgreSQL via the RDS Data API (isolated subnets, schema-per-tenant or shared schema,
 * row-level security, non-owner NOBYPASSRLS role) and an S3 bucket whose objects are reachable
 * only under the caller's `<tenant>/` prefix (ABAC session tag + bucket policy). Per-tenant
 * CloudWatch metrics (EMF, TenantId dimension) and alarms.
 */
export class MultiTenantSaas extends Construct {
  public readonly isolationModel: IsolationModel;
  public readonly encryptionKey: kms.Key;
  public readonly vpc: ec2.Vpc;
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly api: apigw.RestApi;
  public readonly handler: lambda.Function;
  public readonly handlerRole: iam.Role;
  /** Role assumed (with the tenant_id session tag) for tenant-scoped S3 access. */
  public readonly tenantAccessRole: iam.Role;
  public readonly bucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;
  /** Aurora clusters: key 'shared' for bridge/pool, the tenant id for silo. */
  public readonly databases: { [key: string]: rds.DatabaseCluster } = {};
  /**
   * Secrets of the handler's own login role (`tenant_api`), keyed like `databases`. The handler
   * can read these and never the clusters' master secrets (used only by the migration).
   */
  public readonly apiDatabaseSecrets: {
    [key: string]: secretsmanager.ISecret;
  } = {};
  /** Custom resource applying the tenant-isolation SQL (RLS) on deploy. */
  public readonly migration: CustomResource;
  /** Absolute paths of the SQL files applied for the chosen model. */
  public readonly migrationSqlFiles: string[];
  public readonly usagePlans: { [tier: string]: apigw.UsagePlan } = {};
  /** API key of each tenant in `tenants`; the authorizer binds it to that tenant's tokens. */
  public readonly apiKeys: { [tenantId: string]: apigw.IApiKey } = {};
  /** Lambda authorizer: verifies the Cognito ID token, returns the tenant's API key. */
  public readonly tenantAuthorizer: lambda.Function;
  public readonly tenantErrorAlarms: { [tenantId: string]: cloudwatch.Alarm } =
    {};
  public readonly webAcl?: wafv2.CfnWebACL;
  /** Topic the per-tenant alarms notify: subscribe the on-call channel to it. */
  public readonly alarmTopic: sns.Topic;

  private readonly metricNamespace: string;

  constructor(scope: Construct, id: string, props: MultiTenantSaasProps = {}) {
    super(scope, id);
    validateMultiTenantSaasProps(props);
    const model = props.isolationModel ?? 'bridge';
    const tenants = props.tenants ?? [];

    this.node.setContext(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.isolationModel = model;
    this.metricNamespace = props.metricNamespace ?? 'MultiTenantSaas';
    const removalPolicy = removalPolicyOf(props);
    const deletionProtection = props.deletionProtection ?? true;
    this.encryptionKey = createServiceKey(
      this,
      'Key',
      `Multi-tenant SaaS ${this.node.path}`,
      removalPolicy,
    );

    // ---------------------------------------------------------------- network: isolated subnets only (network.ts)
    this.vpc = createDatabaseVpc(this, {
      vpcCidr: props.vpcCidr,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });

    // ---------------------------------------------------------------- databases and tenant-isolation SQL migration (data-tier.ts)
    createDatabases(this, props, {
      model,
      tenants,
      vpc: this.vpc,
      encryptionKey: this.encryptionKey,
      deletionProtection,
      databases: this.databases,
      apiDatabaseSecrets: this.apiDatabaseSecrets,
    });
    ({ migration: this.migration, migrationSqlFiles: this.migrationSqlFiles } =
      createMigration(this, {
        model,
        tenants,
        encryptionKey: this.encryptionKey,
        databases: this.databases,
        apiDatabaseSecrets: this.apiDatabaseSecrets,
      }));

    // ---------------------------------------------------------------- identity (identity.ts)
    ({ userPool: this.userPool, userPoolClient: this.userPoolClient } =
      createIdentity(this, props, { deletionProtection, removalPolicy }));

    // ---------------------------------------------------------------- tenant documents bucket (ABAC) and handler (tenant-data.ts, tenant-api.ts)
    ({ accessLogsBucket: this.accessLogsBucket, bucket: this.bucket } =
      createTenantBuckets(this, {
        encryptionKey: this.encryptionKey,
        removalPolicy,
      }));
    const handler = createTenantApiHandler(this, {
      model,
      metricNamespace: this.metricNamespace,
      encryptionKey: this.encryptionKey,
      bucket: this.bucket,
      databases: this.databases,
      apiDatabaseSecrets: this.apiDatabaseSecrets,
      migration: this.migration,
    });
    this.handler = handler.function;
    this.handlerRole = handler.role;
    this.tenantAccessRole = createTenantAccess(this, {
      handler,
      bucket: this.bucket,
      encryptionKey: this.encryptionKey,
    });

    // ---------------------------------------------------------------- API (api.ts, authorizer.ts)
    ({ api: this.api, tenantAuthorizer: this.tenantAuthorizer } =
      createTenantApi(this, props, {
        model,
        tenants,
        encryptionKey: this.encryptionKey,
        removalPolicy,
        userPool: this.userPool,
        userPoolClient: this.userPoolClient,
        handler: this.handler,
        apiKeys: this.apiKeys,
        usagePlans: this.usagePlans,
      }));

    if (wafEnabled(props)) {
      this.webAcl = createRegionalWebAcl(this, 'WebAcl', {
        // the handler accepts up to 256 KB
        maxRequestBodyBytes: 256 * 1024,
        resourceArn: this.api.deploymentStage.stageArn,
        metricName: stackMetricName(this, 'saas', 'saas-api'),
      });
    }

    // ---------------------------------------------------------------- per-tenant observability (monitoring.ts)
    this.alarmTopic = createTenantAlarms(this, {
      tenants,
      encryptionKey: this.encryptionKey,
      threshold: props.tenantErrorAlarmThreshold ?? 5,
      errorsMetric: tenantId => this.metricForTenant(tenantId, 'Errors'),
      tenantErrorAlarms: this.tenantErrorAlarms,
    });
  }

  /**
   * A per-tenant metric emitted by the handler (EMF): Requests, Errors, ClientErrors or Latency,
   * with the TenantId dimension.
   */
  public metricForTenant(
    tenantId: string,
    metricName: 'Requests' | 'Errors' | 'ClientErrors' | 'Latency',
    options: cloudwatch.MetricOptions = {},
  ): cloudwatch.Metric {
    if (!Token.isUnresolved(tenantId) && !TENANT_ID_PATTERN.test(tenantId)) {
      throw new Error(
        `Invalid tenantId "${tenantId}": must be 2-32 lower-case letters, digits or "-", starting with a letter.`,
      );
    }
    return new cloudwatch.Metric({
      namespace: this.metricNamespace,
      metricName,
      dimensionsMap: { TenantId: tenantId },
      statistic: metricName === 'Latency' ? 'p99' : 'Sum',
      period: Duration.minutes(5),
      ...options,
    });
  }
}
