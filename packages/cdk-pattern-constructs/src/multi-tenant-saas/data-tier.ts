import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CustomResource, Duration, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { createAuroraPostgresCluster } from '../common/aurora';
import { databaseRemovalPolicyOf } from '../common/pattern-props';
import { SecureFunction } from '../common/secure-function';
import type {
  IsolationModel,
  MultiTenantSaasProps,
  TenantDefinition,
} from './multi-tenant-saas';

/** Name of the database in every cluster. */
export const DATABASE_NAME = 'saas';
/**
 * Login role of the request handler (created by the migration): not a table owner, NOBYPASSRLS,
 * member of the NOLOGIN `tenant_app` role that holds the table privileges.
 */
export const API_DATABASE_USER = 'tenant_api';

/**
 * The Aurora PostgreSQL Serverless v2 clusters, in `scope`, reached only through the RDS Data API
 * (isolated subnets, a security group without ingress): `Database` (with a reader) for bridge and
 * pool, `TenantDb-<tenant>` per tenant for silo, added to `databases` under 'shared' or the
 * tenant id. Each gets a secret for the handler's own login role (`ApiDbSecret[-<tenant>]`), added
 * to `apiDatabaseSecrets` under the same key.
 */
export function createDatabases(
  scope: Construct,
  props: MultiTenantSaasProps,
  options: {
    model: IsolationModel;
    tenants: TenantDefinition[];
    vpc: ec2.IVpc;
    encryptionKey: kms.IKey;
    deletionProtection: boolean;
    databases: { [key: string]: rds.DatabaseCluster };
    apiDatabaseSecrets: { [key: string]: secretsmanager.ISecret };
  },
): void {
  const {
    model,
    tenants,
    vpc,
    encryptionKey,
    deletionProtection,
    databases,
    apiDatabaseSecrets,
  } = options;
  const adminUsername = props.databaseAdminUsername ?? 'saas_admin';
  const makeCluster = (
    cid: string,
    withReader: boolean,
  ): rds.DatabaseCluster => {
    const sg = new ec2.SecurityGroup(scope, `${cid}Sg`, {
      vpc,
      description:
        'Aurora (accessed only through the RDS Data API): no ingress',
      allowAllOutbound: false,
    });
    return createAuroraPostgresCluster(scope, cid, {
      engineVersion: props.auroraEngineVersion,
      adminUsername,
      encryptionKey,
      enableDataApi: true,
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      readers: withReader
        ? [
            rds.ClusterInstance.serverlessV2('Reader', {
              scaleWithWriter: true,
            }),
          ]
        : [],
      minCapacity: props.auroraMinCapacity,
      maxCapacity: props.auroraMaxCapacity,
      vpc,
      securityGroup: sg,
      port: 5433,
      databaseName: DATABASE_NAME,
      deletionProtection,
      removalPolicy: databaseRemovalPolicyOf(props),
    });
  };
  if (model === 'silo') {
    for (const t of tenants) {
      databases[t.tenantId] = makeCluster(`TenantDb-${t.tenantId}`, false);
    }
  } else {
    databases.shared = makeCluster('Database', true);
  }
  for (const [key, cluster] of Object.entries(databases)) {
    const secret = new rds.DatabaseSecret(
      scope,
      key === 'shared' ? 'ApiDbSecret' : `ApiDbSecret-${key}`,
      {
        username: API_DATABASE_USER,
        encryptionKey,
      },
    );
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "Password of the handler's tenant_api login role, set by the migration custom resource on every deployment (redeploy after changing the secret value rotates it). A rotation Lambda would need network access to a cluster that only the Data API reaches (isolated subnets, no ingress).",
    });
    apiDatabaseSecrets[key] = secret.attach(cluster);
  }
}

/**
 * The tenant-isolation migration, in `scope`: a function (`Migration`) run by a custom resource
 * (`SchemaMigration`) on every deployment that changes its input, applying the model's SQL files
 * (schema, roles, row-level security) to every cluster with its master secret and setting the
 * handler login role's password from its secret.
 */
export function createMigration(
  scope: Construct,
  options: {
    model: IsolationModel;
    tenants: TenantDefinition[];
    encryptionKey: kms.IKey;
    databases: { [key: string]: rds.DatabaseCluster };
    apiDatabaseSecrets: { [key: string]: secretsmanager.ISecret };
  },
): { migration: CustomResource; migrationSqlFiles: string[] } {
  const { model, tenants, encryptionKey, databases, apiDatabaseSecrets } =
    options;
  const migrationDir = path.join(__dirname, 'lambda', 'migration');
  const migrationSqlFiles = (
    model === 'bridge'
      ? ['common.sql', 'bridge.sql']
      : ['common.sql', 'pool.sql']
  ).map(f => path.join(migrationDir, 'sql', f));
  const sqlHash = crypto.createHash('sha256');
  migrationSqlFiles.forEach(f => sqlHash.update(fs.readFileSync(f)));
  const migrationFn = new SecureFunction(scope, 'Migration', {
    codePath: migrationDir,
    description: `Applies the ${model} tenant-isolation schema and row-level security policies`,
    timeout: Duration.minutes(5),
    logEncryptionKey: encryptionKey,
  });
  const targets = Object.entries(databases).map(([key, cluster]) => {
    // The migration alone uses the master secret; it also reads the handler's secret to set
    // the tenant_api role's password.
    cluster.grantDataApiAccess(migrationFn.role);
    apiDatabaseSecrets[key].grantRead(migrationFn.role);
    return {
      ClusterArn: cluster.clusterArn,
      SecretArn: cluster.secret!.secretArn,
      ApiSecretArn: apiDatabaseSecrets[key].secretArn,
      Tenants: model === 'silo' ? [key] : tenants.map(t => t.tenantId),
    };
  });
  const migration = new CustomResource(scope, 'SchemaMigration', {
    serviceToken: migrationFn.function.functionArn,
    resourceType: 'Custom::TenantIsolationMigration',
    properties: {
      IsolationModel: model,
      Database: DATABASE_NAME,
      Targets: targets,
      SqlSha256: sqlHash.digest('hex'),
    },
  });
  Object.values(databases).forEach(c => migration.node.addDependency(c));
  migration.node.addDependency(migrationFn);
  return { migration, migrationSqlFiles };
}
