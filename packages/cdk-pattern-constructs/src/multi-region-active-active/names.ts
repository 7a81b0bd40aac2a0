import { Aws } from 'aws-cdk-lib';

/** Deterministic name of the data bucket of `serviceName` in `region` (account resolved at deploy time). */
export function dataBucketName(serviceName: string, region: string): string {
  return `${serviceName}-data-${Aws.ACCOUNT_ID}-${region}`;
}

/** Deterministic name of the replication role of `serviceName` in `region` (IAM names are account-wide). */
export function replicationRoleName(
  serviceName: string,
  region: string,
): string {
  return `${serviceName}-s3-replication-${region}`;
}
