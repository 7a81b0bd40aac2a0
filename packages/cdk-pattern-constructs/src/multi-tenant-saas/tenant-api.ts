import * as path from 'path';
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SecureFunction } from '../common/secure-function';
import { DATABASE_NAME } from './data-tier';
import type { IsolationModel } from './multi-tenant-saas';

const DATA_API_ACTIONS = [
  'rds-data:BatchExecuteStatement',
  'rds-data:BeginTransaction',
  'rds-data:CommitTransaction',
  'rds-data:ExecuteStatement',
  'rds-data:RollbackTransaction',
];

/**
 * The tenant-scoped request handler (`TenantApi` in `scope`): it reaches the clusters through the
 * Data API with its own login role's secrets (never the master secrets), and only runs once the
 * migration has created that role.
 */
export function createTenantApiHandler(
  scope: Construct,
  options: {
    model: IsolationModel;
    metricNamespace: string;
    encryptionKey: kms.IKey;
    bucket: s3.IBucket;
    databases: { [key: string]: rds.DatabaseCluster };
    apiDatabaseSecrets: { [key: string]: secretsmanager.ISecret };
    migration: CustomResource;
  },
): SecureFunction {
  const {
    model,
    metricNamespace,
    encryptionKey,
    bucket,
    databases,
    apiDatabaseSecrets,
    migration,
  } = options;
  const handler = new SecureFunction(scope, 'TenantApi', {
    codePath: path.join(__dirname, 'lambda', 'tenant-api'),
    description: `Tenant-scoped API (${model} isolation)`,
    timeout: Duration.seconds(15),
    logEncryptionKey: encryptionKey,
    environment: {
      ISOLATION_MODEL: model,
      DATABASE_NAME,
      METRIC_NAMESPACE: metricNamespace,
      BUCKET_NAME: bucket.bucketName,
      ...(model === 'silo'
        ? {
            TENANT_DATABASES: Stack.of(scope).toJsonString(
              Object.fromEntries(
                Object.entries(databases).map(([t, c]) => [
                  t,
                  {
                    clusterArn: c.clusterArn,
                    secretArn: apiDatabaseSecrets[t].secretArn,
                  },
                ]),
              ),
            ),
          }
        : {
            CLUSTER_ARN: databases.shared.clusterArn,
            SECRET_ARN: apiDatabaseSecrets.shared.secretArn,
          }),
    },
  });
  // Data API on the clusters and the handler's own secret; never the master secret
  // (cluster.grantDataApiAccess would also grant that).
  handler.addToRolePolicy(
    new iam.PolicyStatement({
      actions: DATA_API_ACTIONS,
      resources: Object.values(databases).map(c => c.clusterArn),
    }),
  );
  Object.values(apiDatabaseSecrets).forEach(secret =>
    secret.grantRead(handler.role),
  );
  // The handler must not run before its login role exists.
  handler.function.node.addDependency(migration);
  return handler;
}
