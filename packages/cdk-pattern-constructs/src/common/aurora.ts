import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import {
  acknowledgeExistingAdminName,
  acknowledgeMonitoringRole,
} from './control-tower';

export interface AuroraPostgresClusterOptions {
  /** @default rds.AuroraPostgresEngineVersion.VER_17_5 */
  readonly engineVersion?: rds.AuroraPostgresEngineVersion;
  /** Name of the administrator (its password is managed and rotated by RDS). */
  readonly adminUsername: string;
  /** Key of the storage, the master secret (and whatever the instances are given it for). */
  readonly encryptionKey: kms.IKey;
  readonly writer: rds.IClusterInstance;
  readonly readers: rds.IClusterInstance[];
  /** Serverless v2 minimum ACUs. @default 0.5 */
  readonly minCapacity?: number;
  /** Serverless v2 maximum ACUs. @default 4 */
  readonly maxCapacity?: number;
  /** The cluster goes in its isolated subnets. */
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly port: number;
  readonly databaseName: string;
  readonly deletionProtection: boolean;
  readonly removalPolicy: RemovalPolicy;
  /** @default false */
  readonly enableDataApi?: boolean;
}

/**
 * An Aurora PostgreSQL Serverless v2 cluster with the patterns' secure defaults: isolated
 * subnets, KMS-encrypted storage, an RDS-managed (rotated) master password, IAM authentication,
 * enhanced monitoring every minute (CT.RDS.PR.2), 7-day backups and PostgreSQL logs exported to
 * CloudWatch. The enhanced-monitoring role is acknowledged for cdk-nag, and an existing default
 * administrator name for Control Tower's CT.RDS.PR.21.
 */
export function createAuroraPostgresCluster(
  scope: Construct,
  id: string,
  options: AuroraPostgresClusterOptions,
): rds.DatabaseCluster {
  const cluster = new rds.DatabaseCluster(scope, id, {
    engine: rds.DatabaseClusterEngine.auroraPostgres({
      version:
        options.engineVersion ?? rds.AuroraPostgresEngineVersion.VER_17_5,
    }),
    // Not a default name such as "postgres" (CT.RDS.PR.21), unless an existing cluster has it.
    credentials: rds.Credentials.fromUsername(options.adminUsername, {
      encryptionKey: options.encryptionKey,
    }),
    manageMasterUserPassword: true,
    enableDataApi: options.enableDataApi,
    writer: options.writer,
    readers: options.readers,
    serverlessV2MinCapacity: options.minCapacity ?? 0.5,
    serverlessV2MaxCapacity: options.maxCapacity ?? 4,
    vpc: options.vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [options.securityGroup],
    port: options.port,
    storageEncrypted: true,
    storageEncryptionKey: options.encryptionKey,
    iamAuthentication: true,
    // Enhanced monitoring (CT.RDS.PR.2): OS metrics every minute.
    monitoringInterval: Duration.seconds(60),
    deletionProtection: options.deletionProtection,
    defaultDatabaseName: options.databaseName,
    backup: { retention: Duration.days(7) },
    cloudwatchLogsExports: ['postgresql'],
    removalPolicy: options.removalPolicy,
  });
  acknowledgeMonitoringRole(cluster);
  acknowledgeExistingAdminName(cluster, options.adminUsername);
  return cluster;
}
