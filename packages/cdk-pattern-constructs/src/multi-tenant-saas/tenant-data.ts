import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createLogBucket, createSecureBucket } from '../common/buckets';
import { SecureFunction } from '../common/secure-function';

/**
 * The tenant documents bucket (`TenantData` in `scope`, KMS-encrypted, versioned) and the bucket
 * that receives its server access logs (`AccessLogs`).
 */
export function createTenantBuckets(
  scope: Construct,
  options: { encryptionKey: kms.IKey; removalPolicy: RemovalPolicy },
): { accessLogsBucket: s3.Bucket; bucket: s3.Bucket } {
  const { encryptionKey, removalPolicy } = options;
  const accessLogsBucket = createLogBucket(scope, 'AccessLogs', {
    removalPolicy,
  });
  const bucket = createSecureBucket(scope, 'TenantData', {
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: 'tenant-data/',
    encryptionKey,
    removalPolicy,
  });
  return { accessLogsBucket, bucket };
}

/**
 * Tenant-scoped (ABAC) access to the documents bucket, in `scope`: the role the handler assumes
 * with its caller's `tenant_id` session tag (`TenantAccessRole`, its ARN in the handler's
 * `TENANT_ACCESS_ROLE_ARN`), whose policy (`TenantAccessPolicy`) reaches only objects under
 * `<tenant_id>/`; and the bucket policy that denies any tagged principal everything else.
 */
export function createTenantAccess(
  scope: Construct,
  options: {
    handler: SecureFunction;
    bucket: s3.Bucket;
    encryptionKey: kms.Key;
  },
): iam.Role {
  const { handler, bucket, encryptionKey } = options;
  const tenantAccessRole = new iam.Role(scope, 'TenantAccessRole', {
    description:
      'Assumed by the tenant API with session tag tenant_id; S3 access limited to <tenant_id>/ (ABAC)',
    maxSessionDuration: Duration.hours(1),
    assumedBy: new iam.PrincipalWithConditions(
      new iam.ArnPrincipal(handler.role.roleArn).withSessionTags(),
      {
        StringLike: { 'aws:RequestTag/tenant_id': '?*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['tenant_id'] },
      },
    ),
  });
  handler.function.addEnvironment(
    'TENANT_ACCESS_ROLE_ARN',
    tenantAccessRole.roleArn,
  );
  handler.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      resources: [tenantAccessRole.roleArn],
    }),
  );
  const tenantPrefix = '${aws:PrincipalTag/tenant_id}';
  const tenantObjects = `${bucket.bucketArn}/${tenantPrefix}/*`;
  const tenantPolicy = new iam.Policy(scope, 'TenantAccessPolicy', {
    roles: [tenantAccessRole],
    statements: [
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [tenantObjects],
      }),
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${tenantPrefix}/*`] } },
      }),
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [encryptionKey.keyArn],
      }),
    ],
  });
  Validations.of(tenantPolicy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(
      bucket.node.defaultChild as s3.CfnBucket,
    )}.Arn>/<aws:PrincipalTag/tenant_id>/*]`,
    reason:
      "ABAC: object access is limited to the caller's own tenant prefix, resolved from the tenant_id session tag; the wildcard only spans that tenant's objects.",
  });
  // Bucket policy: defence in depth independent of any identity policy.
  bucket.addToResourcePolicy(
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
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyListingOutsideCallerTenantPrefix',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:ListBucket', 's3:ListBucketVersions'],
      resources: [bucket.bucketArn],
      conditions: {
        Null: { 'aws:PrincipalTag/tenant_id': 'false' },
        StringNotLike: { 's3:prefix': [`${tenantPrefix}/*`] },
      },
    }),
  );
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyTenantRoleWithoutTenantTag',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: {
        ArnLike: { 'aws:PrincipalArn': tenantAccessRole.roleArn },
        Null: { 'aws:PrincipalTag/tenant_id': 'true' },
      },
    }),
  );
  return tenantAccessRole;
}
