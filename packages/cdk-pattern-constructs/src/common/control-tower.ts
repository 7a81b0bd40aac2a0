import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * AWS Control Tower proactive controls (as shipped by `@cdklabs/cdk-validator-cfnguard`) that a
 * pattern acknowledges somewhere, by control id -> guard rule name.
 */
export const CONTROL_TOWER_RULES = {
  'CT.AUTOSCALING.PR.4': 'autoscaling_group_elb_healthcheck_required_check',
  'CT.AUTOSCALING.PR.6':
    'autoscaling_mixed_instances_policy_multiple_instance_types_check',
  'CT.ELASTICLOADBALANCING.PR.1': 'alb_http_to_https_redirection_check',
  'CT.LAMBDA.PR.2': 'lambda_function_public_access_prohibited_check',
  'CT.LAMBDA.PR.3': 'lambda_inside_vpc_check',
  'CT.RDS.PR.21': 'rds_cluster_default_admin_check',
  'CT.S3.PR.2': 's3_bucket_logging_enabled_check',
  'CT.S3.PR.9': 's3_bucket_object_lock_enabled_check',
  'CT.S3.PR.10': 's3_bucket_default_encryption_kms_check',
  'CT.SQS.PR.1': 'sqs_dlq_check',
} as const;

export type ControlTowerControl = keyof typeof CONTROL_TOWER_RULES;

/**
 * Acknowledges one Control Tower proactive control on one construct (and what it contains),
 * with the reason a reviewer reads. The id is the one the cfn-guard validation plugin reports
 * (`cdk-validator-cfnguard::<rule>`).
 */
export function acknowledgeControl(
  scope: IConstruct,
  control: ControlTowerControl,
  reason: string,
): void {
  Validations.of(scope).acknowledge({
    id: `cdk-validator-cfnguard::${CONTROL_TOWER_RULES[control]}`,
    reason: `${control}: ${reason}`,
  });
}

/**
 * Acknowledges CT.LAMBDA.PR.3 on a function aws-cdk-lib adds to the stack for itself (the
 * provider of a built-in custom resource), if the stack has it.
 */
export function acknowledgeCdkProviderOutsideVpc(
  scope: IConstruct,
  providerId: string,
  reason: string,
): void {
  const provider = Stack.of(scope).node.tryFindChild(providerId);
  if (provider) {
    acknowledgeControl(provider, 'CT.LAMBDA.PR.3', reason);
  }
}

/** Construct id of the provider behind `restrictDefaultSecurityGroup: true` on a VPC. */
export const RESTRICT_DEFAULT_SG_PROVIDER_ID =
  'Custom::VpcRestrictDefaultSGCustomResourceProvider';

/** AwsSolutions-IAM4 acknowledgement of the enhanced-monitoring role RDS creates for `cluster`. */
export function acknowledgeMonitoringRole(cluster: IConstruct): void {
  const role = cluster.node.tryFindChild('MonitoringRole');
  if (role) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      reason:
        'Role RDS itself assumes to publish enhanced-monitoring (OS) metrics, turned on for Control Tower CT.RDS.PR.2; the AWS managed policy only writes to the RDSOSMetrics log group.',
    });
  }
}

/** Administrator names Control Tower's CT.RDS.PR.21 refuses. */
const DEFAULT_ADMIN_NAMES = ['admin', 'postgres'];

/**
 * Acknowledges CT.RDS.PR.21 on a cluster that keeps a default administrator name because it
 * already exists with it: renaming the administrator replaces the cluster and its data.
 */
export function acknowledgeExistingAdminName(
  cluster: IConstruct,
  adminUsername: string,
): void {
  if (DEFAULT_ADMIN_NAMES.includes(adminUsername)) {
    acknowledgeControl(
      cluster,
      'CT.RDS.PR.21',
      `the cluster was created with the administrator "${adminUsername}" before template 1.2.0; renaming the administrator would replace the cluster and its data`,
    );
  }
}
