import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeControl } from './control-tower';

/**
 * Feature flag that makes S3 server access logging use a bucket policy instead
 * of the legacy LogDeliveryWrite ACL (required with BucketOwnerEnforced). The
 * pattern constructs set it on their own scope so they behave identically
 * whatever the consuming app's cdk.json says.
 */
export const SERVER_ACCESS_LOGS_USE_BUCKET_POLICY =
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

export interface LogBucketOptions {
  /** Days after which log objects expire. @default 365 */
  readonly expirationDays?: number;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Terminal log bucket (S3 server access logs and/or ALB access logs):
 * SSE-S3 (the only encryption ELB access logging supports), all public access
 * blocked, TLS enforced, versioned, ACLs disabled, lifecycle expiry.
 */
export function createLogBucket(
  scope: Construct,
  id: string,
  options: LogBucketOptions = {},
): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        id: 'expire-logs',
        expiration: Duration.days(options.expirationDays ?? 365),
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  // When another bucket delivers its server access logs here, cdk-nag recognises this bucket as a
  // log bucket (AwsSolutions-S1 compliant). A bucket that only receives ALB logs is acknowledged by its owner.
  enableEventNotifications(bucket);
  acknowledgeControl(
    bucket,
    'CT.S3.PR.10',
    'S3 server access logs and ALB access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS.',
  );
  acknowledgeControl(
    bucket,
    'CT.S3.PR.2',
    'Terminal log bucket: logging its own access to another bucket would only move the problem one bucket further.',
  );
  acknowledgeControl(
    bucket,
    'CT.S3.PR.9',
    'Log objects expire by lifecycle rule; Object Lock would keep them past their retention and cannot be turned off again. Versioning, TLS-only and blocked public access protect them.',
  );
  return bucket;
}

export interface SecureBucketOptions {
  /** Bucket that receives the S3 server access logs of this bucket. */
  readonly serverAccessLogsBucket: s3.IBucket;
  /** Prefix for the server access logs. */
  readonly serverAccessLogsPrefix: string;
  /** KMS key for SSE-KMS; when omitted SSE-S3 is used. */
  readonly encryptionKey?: kms.IKey;
  /** @default true */
  readonly versioned?: boolean;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Explicit physical bucket name (needed for cross-region replication targets). */
  readonly bucketName?: string;
  /** Days after which noncurrent object versions expire. @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
}

/** Data bucket: encrypted, BPA, TLS enforced, versioned, ACLs disabled, server access logging on. */
export function createSecureBucket(
  scope: Construct,
  id: string,
  options: SecureBucketOptions,
): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    bucketName: options.bucketName,
    encryption: options.encryptionKey
      ? s3.BucketEncryption.KMS
      : s3.BucketEncryption.S3_MANAGED,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: options.encryptionKey ? true : undefined,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: options.versioned ?? true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: options.serverAccessLogsBucket,
    serverAccessLogsPrefix: options.serverAccessLogsPrefix,
    removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN,
    // CT.S3.PR.3 / CT.S3.PR.6: old versions and failed uploads do not pile up forever.
    lifecycleRules: [
      {
        id: 'noncurrent-versions-and-incomplete-uploads',
        noncurrentVersionExpiration: Duration.days(
          options.noncurrentVersionExpirationDays ?? 90,
        ),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  enableEventNotifications(bucket);
  if (!options.encryptionKey) {
    acknowledgeControl(
      bucket,
      'CT.S3.PR.10',
      'SSE-S3 on purpose: this bucket is a cross-region replication source and destination, and SSE-KMS replication would need a key in each region plus per-key grants for the replication roles.',
    );
  }
  acknowledgeControl(
    bucket,
    'CT.S3.PR.9',
    'Object Lock would forbid deleting or overwriting objects the application manages (and cannot be turned off); versioning with a 90-day noncurrent-version lifecycle keeps earlier versions recoverable.',
  );
  return bucket;
}

/**
 * CT.S3.PR.4: the bucket sends its events to Amazon EventBridge (L1 property: the L2's
 * `eventBridgeEnabled` would add a notifications custom resource and its Lambda function).
 */
function enableEventNotifications(bucket: s3.Bucket): void {
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  cfn.notificationConfiguration = {
    eventBridgeConfiguration: { eventBridgeEnabled: true },
  };
}
