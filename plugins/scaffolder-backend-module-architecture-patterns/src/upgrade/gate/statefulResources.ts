/**
 * CloudFormation resource types that hold data or identity which a
 * replacement or deletion loses: databases and tables, buckets, queues and
 * streams, keys (data encrypted under a deleted key is gone), user pools
 * (users and their passwords), file systems and secrets (a replacement
 * generates a new value). Log groups are not in the list: their history is
 * lost too, but replacing one does not break the service.
 */
const STATEFUL_TYPES = new Set([
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::RDS::GlobalCluster',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::S3::Bucket',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::KMS::Key',
  'AWS::Cognito::UserPool',
  'AWS::EFS::FileSystem',
  'AWS::SecretsManager::Secret',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::OpenSearchService::Domain',
  'AWS::Backup::BackupVault',
]);

export function isStateful(resourceType: string | undefined): boolean {
  return Boolean(resourceType && STATEFUL_TYPES.has(resourceType));
}
