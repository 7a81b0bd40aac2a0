import { Aws, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeCdkProviderOutsideVpc } from '../common/control-tower';
import type { ActiveActiveRegionalStackProps } from './active-active-regional-stack';
import { dataBucketName, replicationRoleName } from './names';

/** Role S3 assumes to replicate this region's bucket into the peer region's bucket (`ReplicationRole` in `scope`). */
export function createReplicationRole(
  scope: Construct,
  bucket: s3.Bucket,
  props: ActiveActiveRegionalStackProps,
): iam.Role {
  const destinationBucketArn = `arn:${Aws.PARTITION}:s3:::${dataBucketName(
    props.serviceName,
    props.peerRegion,
  )}`;
  const role = new iam.Role(scope, 'ReplicationRole', {
    roleName: replicationRoleName(props.serviceName, props.region),
    assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
    description: `S3 replication ${props.region} -> ${props.peerRegion}`,
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: [bucket.bucketArn],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        's3:GetObjectVersionForReplication',
        's3:GetObjectVersionAcl',
        's3:GetObjectVersionTagging',
      ],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      resources: [`${destinationBucketArn}/*`],
    }),
  );
  const policy = role.node.findChild('DefaultPolicy');
  const bucketLogicalId = Stack.of(scope).getLogicalId(
    bucket.node.defaultChild as s3.CfnBucket,
  );
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
    reason:
      'S3 replication reads every object version of the source bucket; object-level actions need the bucket/* resource (scoped to this one bucket).',
  });
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.serviceName}-data-<AWS::AccountId>-${props.peerRegion}/*]`,
    reason:
      'S3 replication writes object replicas into the peer-region bucket; object-level actions need the bucket/* resource (scoped to that one bucket).',
  });
  return role;
}

/**
 * Primary only: replication both ways between the two regions' buckets. This region's bucket
 * replicates into the peer's with `replicationRole`; the peer's rule back into this region is
 * put by a custom resource (see {@link configurePeerReplication}).
 */
export function replicateBothWays(
  scope: Construct,
  bucket: s3.Bucket,
  replicationRole: iam.IRole,
  props: ActiveActiveRegionalStackProps,
): cr.AwsCustomResource {
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  cfnBucket.replicationConfiguration = {
    role: replicationRole.roleArn,
    rules: [replicationRule(props.peerRegion, props.serviceName)],
  };
  return configurePeerReplication(scope, bucket, props);
}

/**
 * Replication peer -> this region, applied to the peer bucket (in the peer region) by a
 * custom resource once this stack's bucket exists. Objects written in either region thus
 * reach the other one. S3 does not replicate replicas again, so the two rules do not loop.
 */
function configurePeerReplication(
  scope: Construct,
  bucket: s3.Bucket,
  props: ActiveActiveRegionalStackProps,
): cr.AwsCustomResource {
  const peerBucket = dataBucketName(props.serviceName, props.peerRegion);
  const peerRoleArn = `arn:${Aws.PARTITION}:iam::${
    Aws.ACCOUNT_ID
  }:role/${replicationRoleName(props.serviceName, props.peerRegion)}`;
  const rule = replicationRule(props.region, props.serviceName);
  const call = (action: string, parameters: object): cr.AwsSdkCall => ({
    service: 'S3',
    action,
    region: props.peerRegion,
    parameters,
    physicalResourceId: cr.PhysicalResourceId.of(`${peerBucket}-replication`),
  });
  const resource = new cr.AwsCustomResource(scope, 'PeerReplication', {
    resourceType: 'Custom::PeerBucketReplication',
    installLatestAwsSdk: false,
    onUpdate: call('putBucketReplication', {
      Bucket: peerBucket,
      ReplicationConfiguration: {
        Role: peerRoleArn,
        Rules: [
          {
            ID: rule.id,
            Status: rule.status,
            Priority: rule.priority,
            Filter: { Prefix: '' },
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: {
              Bucket: rule.destination.bucket,
              StorageClass: 'STANDARD',
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
              Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
            },
          },
        ],
      },
    }),
    onDelete: call('deleteBucketReplication', { Bucket: peerBucket }),
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({
        actions: ['s3:PutReplicationConfiguration'],
        resources: [`arn:${Aws.PARTITION}:s3:::${peerBucket}`],
      }),
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [peerRoleArn],
      }),
    ]),
  });
  // The destination (this region's bucket) must exist before the rule is put.
  resource.node.addDependency(bucket);
  acknowledgeCdkProviderOutsideVpc(
    scope,
    AWS_CUSTOM_RESOURCE_PROVIDER_ID,
    "aws-cdk-lib's AwsCustomResource provider: runs only during deployment and calls only the S3 API (PutBucketReplication on the peer bucket).",
  );
  const provider = Stack.of(scope).node.tryFindChild(
    AWS_CUSTOM_RESOURCE_PROVIDER_ID,
  );
  if (provider) {
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "Provider function of CDK's AwsCustomResource (runs only on deployment, to put the peer bucket's replication rule); the AWS managed policy only lets it write its own CloudWatch logs.",
    });
  }
  return resource;
}

/** Construct id of the singleton provider function CDK's AwsCustomResource adds to the stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** The replication rule into the data bucket of `serviceName` in region `to`. */
function replicationRule(
  to: string,
  serviceName: string,
): {
  id: string;
  status: string;
  priority: number;
  filter: { prefix: string };
  deleteMarkerReplication: { status: string };
  destination: {
    bucket: string;
    storageClass: string;
    replicationTime: { status: string; time: { minutes: number } };
    metrics: { status: string; eventThreshold: { minutes: number } };
  };
} {
  return {
    id: `to-${to}`,
    status: 'Enabled',
    priority: 1,
    filter: { prefix: '' },
    deleteMarkerReplication: { status: 'Enabled' },
    destination: {
      bucket: `arn:${Aws.PARTITION}:s3:::${dataBucketName(serviceName, to)}`,
      storageClass: 'STANDARD',
      replicationTime: { status: 'Enabled', time: { minutes: 15 } },
      metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } },
    },
  };
}
