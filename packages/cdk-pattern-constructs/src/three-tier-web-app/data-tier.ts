import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { createAuroraPostgresCluster } from '../common/aurora';
import { databaseRemovalPolicyOf } from '../common/pattern-props';
import type { ThreeTierWebAppProps } from './three-tier-web-app';

/** What the data stores are wired to. */
export interface DataTierOptions {
  readonly vpc: ec2.IVpc;
  readonly encryptionKey: kms.IKey;
  /** The app tier: the only client of the data stores. */
  readonly appAutoScalingGroup: autoscaling.AutoScalingGroup;
  readonly appSecurityGroup: ec2.ISecurityGroup;
  /** Where the app tier finds its data stores: the functions add their entries. */
  readonly appEnvironment: Record<string, string>;
  readonly deletionProtection: boolean;
}

/**
 * Aurora PostgreSQL Serverless v2 (writer + reader), in `scope` as `Database` with its security
 * group `DatabaseSg`: isolated subnets, non-default port, KMS-encrypted storage and Performance
 * Insights, IAM authentication, enhanced monitoring, RDS-managed rotated master secret that only
 * the app tier reads, and ingress from the app tier only.
 */
export function createAuroraDatabase(
  scope: Construct,
  props: ThreeTierWebAppProps,
  options: DataTierOptions & { port: number },
): {
  securityGroup: ec2.SecurityGroup;
  cluster: rds.DatabaseCluster;
  secret: rds.DatabaseCluster['secret'];
} {
  const { vpc, encryptionKey, appAutoScalingGroup, appEnvironment, port } =
    options;
  const securityGroup = new ec2.SecurityGroup(scope, 'DatabaseSg', {
    vpc,
    description: 'Aurora PostgreSQL: accepts traffic only from the app tier',
    allowAllOutbound: false,
  });
  const adminUsername = props.databaseAdminUsername ?? 'app_admin';
  const cluster = createAuroraPostgresCluster(scope, 'Database', {
    engineVersion: props.auroraEngineVersion,
    adminUsername,
    encryptionKey,
    writer: rds.ClusterInstance.serverlessV2('Writer', {
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: encryptionKey,
    }),
    readers: [
      rds.ClusterInstance.serverlessV2('Reader', {
        scaleWithWriter: true,
        enablePerformanceInsights: true,
        performanceInsightEncryptionKey: encryptionKey,
      }),
    ],
    minCapacity: props.auroraMinCapacity,
    maxCapacity: props.auroraMaxCapacity,
    vpc,
    securityGroup,
    port,
    databaseName: 'app',
    deletionProtection: options.deletionProtection,
    removalPolicy: databaseRemovalPolicyOf(props),
  });
  const secret = cluster.secret;
  // The app tier reads the (RDS-managed, rotated) credentials from Secrets Manager: the
  // secret, and the CMK only through Secrets Manager.
  secret!.grantRead(appAutoScalingGroup.role);
  appAutoScalingGroup.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [encryptionKey.keyArn],
      conditions: {
        StringEquals: {
          'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
        },
      },
    }),
  );
  appEnvironment.DB_SECRET_ARN = secret!.secretArn;
  appEnvironment.DB_HOST = cluster.clusterEndpoint.hostname;
  appEnvironment.DB_PORT = String(port);
  appEnvironment.DB_NAME = 'app';
  // App tier -> database egress comes with it (the app security group has allowAllOutbound=false).
  cluster.connections.allowFrom(
    options.appSecurityGroup,
    ec2.Port.tcp(port),
    'App tier to Aurora',
  );
  return { securityGroup, cluster, secret };
}

/**
 * The DynamoDB table (`Table` in `scope`): on-demand, KMS-encrypted, point-in-time recovery; the
 * app tier gets explicit item-level actions on it and use of the key.
 */
export function createDynamoDbTable(
  scope: Construct,
  options: DataTierOptions & { removalPolicy: RemovalPolicy },
): dynamodb.Table {
  const { encryptionKey, appAutoScalingGroup } = options;
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: options.deletionProtection,
    removalPolicy: options.removalPolicy,
  });
  // App instances get explicit item-level actions on this table only (no wildcards).
  appAutoScalingGroup.role.addToPrincipalPolicy(
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
      resources: [table.tableArn],
    }),
  );
  options.appEnvironment.TABLE_NAME = table.tableName;
  appAutoScalingGroup.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [encryptionKey.keyArn],
    }),
  );
  return table;
}
