import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createLogBucket, createSecureBucket } from '../common/buckets';
import type { ActiveActiveRegionalStackProps } from './active-active-regional-stack';
import { dataBucketName } from './names';

/**
 * The DynamoDB global table (`GlobalTable` in `scope`, created by the primary stack only) with a
 * replica in the peer region: on-demand, point-in-time recovery, deletion protection.
 */
export function createGlobalTable(
  scope: Construct,
  tableName: string,
  props: ActiveActiveRegionalStackProps,
  removalPolicy: RemovalPolicy,
): dynamodb.TableV2 {
  return new dynamodb.TableV2(scope, 'GlobalTable', {
    tableName,
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    billing: dynamodb.Billing.onDemand(),
    encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy,
    replicas: [{ region: props.peerRegion }],
  });
}

/**
 * This region's versioned data bucket (`Data` in `scope`, with its deterministic name, see
 * {@link dataBucketName}) and the bucket of its server access logs (`AccessLogs`).
 */
export function createDataBuckets(
  scope: Construct,
  props: ActiveActiveRegionalStackProps,
  removalPolicy: RemovalPolicy,
): { accessLogsBucket: s3.Bucket; bucket: s3.Bucket } {
  const accessLogsBucket = createLogBucket(scope, 'AccessLogs', {
    removalPolicy,
  });
  const bucket = createSecureBucket(scope, 'Data', {
    bucketName: dataBucketName(props.serviceName, props.region),
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: 'data-bucket/',
    versioned: true,
    removalPolicy,
  });
  return { accessLogsBucket, bucket };
}
