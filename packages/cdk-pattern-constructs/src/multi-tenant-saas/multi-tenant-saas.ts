import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  CustomResource,
  Duration,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  createLogBucket,
  createSecureBucket,
  SERVER_ACCESS_LOGS_USE_BUCKET_POLICY,
} from '../common/buckets';
import { createAlarmTopic } from '../common/alarm-topic';
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
  removalPolicyOf,
  RestApiPatternProps,
  wafEnabled,
} from '../common/pattern-props';
import { createHardenedRestApi } from '../common/rest-api';
import { SecureFunction } from '../common/secure-function';
import {
  TENANT_ID_PATTERN,
  validateIntegerRange,
  validateMinMax,
  validateNumberRange,
  validateOneOf,
  validatePattern,
  validateUnique,
} from '../common/validation';
import { createRegionalWebAcl, stackMetricName } from '../common/waf';

/** Tenant isolation model of the data tier. */
export type IsolationModel = 'silo' | 'bridge' | 'pool';
/** Tenant tier: selects the API Gateway usage plan (throttling + quota). */
export type TenantTier = 'basic' | 'standard' | 'premium';

const ISOLATION_MODELS: readonly IsolationModel[] = ['silo', 'bridge', 'pool'];
const TIERS: readonly TenantTier[] = ['basic', 'standard', 'premium'];

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

const DEFAULT_TIERS: Record<TenantTier, TierThrottleSettings> = {
  basic: { rateLimit: 10, burstLimit: 20, quotaPerDay: 10_000 },
  standard: { rateLimit: 50, burstLimit: 100, quotaPerDay: 100_000 },
  premium: { rateLimit: 200, burstLimit: 400 },
};
const DATABASE_NAME = 'saas';
/**
 * Login role of the request handler (created by the migration): not a table owner, NOBYPASSRLS,
 * member of the NOLOGIN `tenant_app` role that holds the table privileges.
 */
export const API_DATABASE_USER = 'tenant_api';
const DATA_API_ACTIONS = [
  'rds-data:BatchExecuteStatement',
  'rds-data:BeginTransaction',
  'rds-data:CommitTransaction',
  'rds-data:ExecuteStatement',
  'rds-data:RollbackTransaction',
];

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
    // ---------------------------------------------------------------- validation
    validateOneOf('isolationModel', props.isolationModel, ISOLATION_MODELS);
    const model = props.isolationModel ?? 'bridge';
    const tenants = props.tenants ?? [];
    tenants.forEach((t, i) => {
      validatePattern(
        `tenants[${i}].tenantId`,
        t.tenantId,
        TENANT_ID_PATTERN,
        'must be 2-32 lower-case letters, digits or "-", starting with a letter and not ending with "-"',
      );
      validateOneOf(`tenants[${i}].tier`, t.tier, TIERS);
    });
    validateUnique(
      'tenants[].tenantId',
      tenants.map(t => t.tenantId),
    );
    if (model === 'silo' && (tenants.length < 1 || tenants.length > 10)) {
      throw new Error(
        `Invalid tenants: isolationModel 'silo' creates one database cluster per tenant and needs between 1 and 10 tenants (got ${tenants.length}).`,
      );
    }
    if (tenants.length > 100) {
      throw new Error(
        `Invalid tenants: at most 100 tenants can be provisioned at deploy time (got ${tenants.length}).`,
      );
    }
    for (const tier of TIERS) {
      const t = props.tierThrottling?.[tier];
      if (t) {
        validateIntegerRange(
          `tierThrottling.${tier}.rateLimit`,
          t.rateLimit,
          1,
          10000,
        );
        validateIntegerRange(
          `tierThrottling.${tier}.burstLimit`,
          t.burstLimit,
          1,
          5000,
        );
        validateIntegerRange(
          `tierThrottling.${tier}.quotaPerDay`,
          t.quotaPerDay,
          1,
          1_000_000_000,
        );
      }
    }
    validatePattern(
      'vpcCidr',
      props.vpcCidr,
      /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/,
      'must be an IPv4 CIDR with a prefix length between /16 and /24',
    );
    validateNumberRange('auroraMinCapacity', props.auroraMinCapacity, 0, 256);
    validateNumberRange('auroraMaxCapacity', props.auroraMaxCapacity, 1, 256);
    validateMinMax(
      'auroraMinCapacity',
      props.auroraMinCapacity ?? 0.5,
      'auroraMaxCapacity',
      props.auroraMaxCapacity ?? 4,
    );
    validateOneOf('cognitoFeaturePlan', props.cognitoFeaturePlan, [
      'essentials',
      'plus',
    ]);
    validatePattern(
      'metricNamespace',
      props.metricNamespace,
      /^[A-Za-z0-9._/#:-]{1,255}$/,
      'must be 1-255 characters of letters, digits and . _ / # : -',
    );
    validateIntegerRange(
      'tenantErrorAlarmThreshold',
      props.tenantErrorAlarmThreshold,
      1,
      10000,
    );

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

    // ---------------------------------------------------------------- network: isolated subnets only
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr ?? '10.20.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        {
          name: 'database',
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 26,
        },
      ],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });

    acknowledgeCdkProviderOutsideVpc(
      this,
      RESTRICT_DEFAULT_SG_PROVIDER_ID,
      "aws-cdk-lib's provider for restrictDefaultSecurityGroup: runs only during deployment and calls only the EC2 API to remove the default security group's rules.",
    );

    // ---------------------------------------------------------------- databases (Data API, no network ingress at all)
    const adminUsername = props.databaseAdminUsername ?? 'saas_admin';
    const makeCluster = (
      cid: string,
      withReader: boolean,
    ): rds.DatabaseCluster => {
      const sg = new ec2.SecurityGroup(this, `${cid}Sg`, {
        vpc: this.vpc,
        description:
          'Aurora (accessed only through the RDS Data API): no ingress',
        allowAllOutbound: false,
      });
      return new rds.DatabaseCluster(this, cid, {
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
        enableDataApi: true,
        writer: rds.ClusterInstance.serverlessV2('Writer'),
        readers: withReader
          ? [
              rds.ClusterInstance.serverlessV2('Reader', {
                scaleWithWriter: true,
              }),
            ]
          : [],
        serverlessV2MinCapacity: props.auroraMinCapacity ?? 0.5,
        serverlessV2MaxCapacity: props.auroraMaxCapacity ?? 4,
        vpc: this.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [sg],
        port: 5433,
        storageEncrypted: true,
        storageEncryptionKey: this.encryptionKey,
        iamAuthentication: true,
        // Enhanced monitoring (CT.RDS.PR.2): OS metrics every minute.
        monitoringInterval: Duration.seconds(60),
        deletionProtection,
        defaultDatabaseName: DATABASE_NAME,
        backup: { retention: Duration.days(7) },
        cloudwatchLogsExports: ['postgresql'],
        removalPolicy: databaseRemovalPolicyOf(props),
      });
    };
    if (model === 'silo') {
      for (const t of tenants) {
        this.databases[t.tenantId] = makeCluster(
          `TenantDb-${t.tenantId}`,
          false,
        );
      }
    } else {
      this.databases.shared = makeCluster('Database', true);
    }
    for (const [key, cluster] of Object.entries(this.databases)) {
      acknowledgeMonitoringRole(cluster);
      acknowledgeExistingAdminName(cluster, adminUsername);
      const secret = new rds.DatabaseSecret(
        this,
        key === 'shared' ? 'ApiDbSecret' : `ApiDbSecret-${key}`,
        {
          username: API_DATABASE_USER,
          encryptionKey: this.encryptionKey,
        },
      );
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          "Password of the handler's tenant_api login role, set by the migration custom resource on every deployment (redeploy after changing the secret value rotates it). A rotation Lambda would need network access to a cluster that only the Data API reaches (isolated subnets, no ingress).",
      });
      this.apiDatabaseSecrets[key] = secret.attach(cluster);
    }

    // ---------------------------------------------------------------- tenant-isolation SQL migration
    const migrationDir = path.join(__dirname, 'lambda', 'migration');
    this.migrationSqlFiles = (
      model === 'bridge'
        ? ['common.sql', 'bridge.sql']
        : ['common.sql', 'pool.sql']
    ).map(f => path.join(migrationDir, 'sql', f));
    const sqlHash = crypto.createHash('sha256');
    this.migrationSqlFiles.forEach(f => sqlHash.update(fs.readFileSync(f)));
    const migrationFn = new SecureFunction(this, 'Migration', {
      codePath: migrationDir,
      description: `Applies the ${model} tenant-isolation schema and row-level security policies`,
      timeout: Duration.minutes(5),
      logEncryptionKey: this.encryptionKey,
    });
    const targets = Object.entries(this.databases).map(([key, cluster]) => {
      // The migration alone uses the master secret; it also reads the handler's secret to set
      // the tenant_api role's password.
      cluster.grantDataApiAccess(migrationFn.role);
      this.apiDatabaseSecrets[key].grantRead(migrationFn.role);
      return {
        ClusterArn: cluster.clusterArn,
        SecretArn: cluster.secret!.secretArn,
        ApiSecretArn: this.apiDatabaseSecrets[key].secretArn,
        Tenants: model === 'silo' ? [key] : tenants.map(t => t.tenantId),
      };
    });
    this.migration = new CustomResource(this, 'SchemaMigration', {
      serviceToken: migrationFn.function.functionArn,
      resourceType: 'Custom::TenantIsolationMigration',
      properties: {
        IsolationModel: model,
        Database: DATABASE_NAME,
        Targets: targets,
        SqlSha256: sqlHash.digest('hex'),
      },
    });
    Object.values(this.databases).forEach(c =>
      this.migration.node.addDependency(c),
    );
    this.migration.node.addDependency(migrationFn);

    // ---------------------------------------------------------------- identity
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      customAttributes: {
        tenant_id: new cognito.StringAttribute({
          minLen: 2,
          maxLen: 32,
          mutable: false,
        }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan:
        (props.cognitoFeaturePlan ?? 'plus') === 'plus'
          ? cognito.FeaturePlan.PLUS
          : cognito.FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode:
        (props.cognitoFeaturePlan ?? 'plus') === 'plus'
          ? cognito.StandardThreatProtectionMode.FULL_FUNCTION
          : undefined,
      deletionProtection,
      removalPolicy,
    });
    this.userPoolClient = this.userPool.addClient('AppClient', {
      // Sign-in is SRP against the user pool API: no hosted UI, so OAuth is off (CDK's OAuth
      // defaults would enable the implicit grant, an example.com callback and admin scopes).
      disableOAuth: true,
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('tenant_id'),
      // Users/clients can never write their own tenant id (it is set by an administrator, immutably).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        email: true,
      }),
    });

    // ---------------------------------------------------------------- tenant documents bucket (ABAC)
    this.accessLogsBucket = createLogBucket(this, 'AccessLogs', {
      removalPolicy,
    });
    this.bucket = createSecureBucket(this, 'TenantData', {
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'tenant-data/',
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });

    const handler = new SecureFunction(this, 'TenantApi', {
      codePath: path.join(__dirname, 'lambda', 'tenant-api'),
      description: `Tenant-scoped API (${model} isolation)`,
      timeout: Duration.seconds(15),
      logEncryptionKey: this.encryptionKey,
      environment: {
        ISOLATION_MODEL: model,
        DATABASE_NAME,
        METRIC_NAMESPACE: this.metricNamespace,
        BUCKET_NAME: this.bucket.bucketName,
        ...(model === 'silo'
          ? {
              TENANT_DATABASES: Stack.of(this).toJsonString(
                Object.fromEntries(
                  Object.entries(this.databases).map(([t, c]) => [
                    t,
                    {
                      clusterArn: c.clusterArn,
                      secretArn: this.apiDatabaseSecrets[t].secretArn,
                    },
                  ]),
                ),
              ),
            }
          : {
              CLUSTER_ARN: this.databases.shared.clusterArn,
              SECRET_ARN: this.apiDatabaseSecrets.shared.secretArn,
            }),
      },
    });
    this.handler = handler.function;
    this.handlerRole = handler.role;
    // Data API on the clusters and the handler's own secret; never the master secret
    // (cluster.grantDataApiAccess would also grant that).
    handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: DATA_API_ACTIONS,
        resources: Object.values(this.databases).map(c => c.clusterArn),
      }),
    );
    Object.values(this.apiDatabaseSecrets).forEach(secret =>
      secret.grantRead(this.handlerRole),
    );
    // The handler must not run before its login role exists.
    handler.function.node.addDependency(this.migration);

    this.tenantAccessRole = new iam.Role(this, 'TenantAccessRole', {
      description:
        'Assumed by the tenant API with session tag tenant_id; S3 access limited to <tenant_id>/ (ABAC)',
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.PrincipalWithConditions(
        new iam.ArnPrincipal(this.handlerRole.roleArn).withSessionTags(),
        {
          StringLike: { 'aws:RequestTag/tenant_id': '?*' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['tenant_id'] },
        },
      ),
    });
    this.handler.addEnvironment(
      'TENANT_ACCESS_ROLE_ARN',
      this.tenantAccessRole.roleArn,
    );
    handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [this.tenantAccessRole.roleArn],
      }),
    );
    const tenantPrefix = '${aws:PrincipalTag/tenant_id}';
    const tenantObjects = `${this.bucket.bucketArn}/${tenantPrefix}/*`;
    const tenantPolicy = new iam.Policy(this, 'TenantAccessPolicy', {
      roles: [this.tenantAccessRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [tenantObjects],
        }),
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${tenantPrefix}/*`] } },
        }),
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [this.encryptionKey.keyArn],
        }),
      ],
    });
    Validations.of(tenantPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(
        this.bucket.node.defaultChild as s3.CfnBucket,
      )}.Arn>/<aws:PrincipalTag/tenant_id>/*]`,
      reason:
        "ABAC: object access is limited to the caller's own tenant prefix, resolved from the tenant_id session tag; the wildcard only spans that tenant's objects.",
    });
    // Bucket policy: defence in depth independent of any identity policy.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyObjectAccessOutsideCallerTenantPrefix',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:DeleteObject',
          's3:DeleteObjectVersion',
        ],
        notResources: [tenantObjects],
        conditions: { Null: { 'aws:PrincipalTag/tenant_id': 'false' } },
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyListingOutsideCallerTenantPrefix',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [this.bucket.bucketArn],
        conditions: {
          Null: { 'aws:PrincipalTag/tenant_id': 'false' },
          StringNotLike: { 's3:prefix': [`${tenantPrefix}/*`] },
        },
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyTenantRoleWithoutTenantTag',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: {
          ArnLike: { 'aws:PrincipalArn': this.tenantAccessRole.roleArn },
          Null: { 'aws:PrincipalTag/tenant_id': 'true' },
        },
      }),
    );

    // ---------------------------------------------------------------- API
    this.api = createHardenedRestApi(this, 'Api', {
      description: `Multi-tenant SaaS API (${model})`,
      encryptionKey: this.encryptionKey,
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
    // Lambda (TOKEN) authorizer: verifies the Cognito ID token and returns the API key of the
    // token's tenant (usageIdentifierKey). Keys are created without stages (their usage plan
    // binds them), so the function can name them without a dependency cycle.
    for (const t of tenants) {
      this.apiKeys[t.tenantId] = new apigw.ApiKey(
        this,
        `ApiKey-${t.tenantId}`,
        {
          description: `API key of tenant ${t.tenantId} (${t.tier ?? 'basic'})`,
        },
      );
    }
    const stack = Stack.of(this);
    const authorizerFn = new SecureFunction(this, 'TenantAuthorizer', {
      codePath: path.join(__dirname, 'lambda', 'authorizer'),
      description:
        "Verifies the Cognito ID token and binds the request to its tenant's API key",
      timeout: Duration.seconds(5),
      logEncryptionKey: this.encryptionKey,
      environment: {
        ISSUER: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`,
        JWKS_URL: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}/.well-known/jwks.json`,
        CLIENT_ID: this.userPoolClient.userPoolClientId,
        TENANT_API_KEYS: stack.toJsonString(
          Object.fromEntries(
            Object.entries(this.apiKeys).map(([t, k]) => [t, k.keyId]),
          ),
        ),
      },
    });
    if (tenants.length > 0) {
      authorizerFn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['apigateway:GET'],
          resources: Object.values(this.apiKeys).map(
            k =>
              `arn:${stack.partition}:apigateway:${stack.region}::/apikeys/${k.keyId}`,
          ),
        }),
      );
    }
    const authorizer = new apigw.TokenAuthorizer(this, 'Authorizer', {
      handler: authorizerFn.function,
      identitySource: apigw.IdentitySource.header('Authorization'),
      resultsCacheTtl: Duration.minutes(5),
    });
    this.tenantAuthorizer = authorizerFn.function;
    acknowledgeControl(
      authorizerFn.function,
      'CT.LAMBDA.PR.2',
      "API Gateway's permission to invoke the authorizer carries a SourceArn limited to this API's authorizers; it is built with Fn::Join (partition, region, account), which the rule cannot evaluate in an environment-agnostic template.",
    );
    acknowledgeControl(
      this.api,
      'CT.LAMBDA.PR.2',
      "API Gateway's invoke permissions carry a SourceArn limited to this API's execute-api ARN; it is built with Fn::Join (partition, region, account), which the rule cannot evaluate in an environment-agnostic template.",
    );

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        "Every method uses the pattern's Lambda authorizer, which verifies the Cognito user pool's ID token (RS256 signature against the pool's JWKS, issuer, audience, token_use, expiry) and also binds the tenant's API key; a Cognito authorizer cannot return a usage-plan key.",
    });
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const methodOptions: apigw.MethodOptions = {
      authorizationType: apigw.AuthorizationType.CUSTOM,
      authorizer,
      apiKeyRequired: true,
      requestValidator: validator,
    };
    const integration = new apigw.LambdaIntegration(this.handler, {
      proxy: true,
    });
    const itemModel = this.api.addModel('CreateItemModel', {
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
    const items = this.api.root.addResource('items');
    items.addMethod('GET', integration, methodOptions);
    items.addMethod('POST', integration, {
      ...methodOptions,
      requestModels: { 'application/json': itemModel },
    });
    items.addResource('{id}').addMethod('GET', integration, {
      ...methodOptions,
      requestParameters: { 'method.request.path.id': true },
    });
    const doc = this.api.root.addResource('documents').addResource('{name}');
    for (const m of ['GET', 'PUT']) {
      doc.addMethod(m, integration, {
        ...methodOptions,
        requestParameters: { 'method.request.path.name': true },
      });
    }

    // Per-tenant throttling: one usage plan per tier, one API key per tenant.
    for (const tier of TIERS) {
      const settings = props.tierThrottling?.[tier] ?? DEFAULT_TIERS[tier];
      this.usagePlans[tier] = this.api.addUsagePlan(`UsagePlan-${tier}`, {
        name: `${Stack.of(this).stackName}-${this.node.id}-${tier}`,
        description: `Tenant tier ${tier}`,
        throttle: {
          rateLimit: settings.rateLimit,
          burstLimit: settings.burstLimit,
        },
        quota: settings.quotaPerDay
          ? { limit: settings.quotaPerDay, period: apigw.Period.DAY }
          : undefined,
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
    }
    for (const t of tenants) {
      this.usagePlans[t.tier ?? 'basic'].addApiKey(this.apiKeys[t.tenantId]);
    }

    if (wafEnabled(props)) {
      this.webAcl = createRegionalWebAcl(this, 'WebAcl', {
        // the handler accepts up to 256 KB
        maxRequestBodyBytes: 256 * 1024,
        resourceArn: this.api.deploymentStage.stageArn,
        metricName: stackMetricName(this, 'saas', 'saas-api'),
      });
    }

    // ---------------------------------------------------------------- per-tenant observability
    this.alarmTopic = createAlarmTopic(this, 'AlarmTopic', this.encryptionKey);
    for (const t of tenants) {
      this.tenantErrorAlarms[t.tenantId] = new cloudwatch.Alarm(
        this,
        `TenantErrors-${t.tenantId}`,
        {
          alarmDescription: `5xx responses of tenant ${t.tenantId}`,
          metric: this.metricForTenant(t.tenantId, 'Errors'),
          threshold: props.tenantErrorAlarmThreshold ?? 5,
          comparisonOperator:
            cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
      );
      this.tenantErrorAlarms[t.tenantId].addAlarmAction(
        new cw_actions.SnsAction(this.alarmTopic),
      );
    }
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
