import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  acknowledgeCdkProviderOutsideVpc,
  RESTRICT_DEFAULT_SG_PROVIDER_ID,
} from './control-tower';

/** The VPC properties a pattern chooses; {@link createFlowLoggedVpc} sets the rest. */
export type FlowLoggedVpcProps = Omit<
  ec2.VpcProps,
  'restrictDefaultSecurityGroup' | 'flowLogs'
>;

/**
 * A pattern's VPC (`Vpc` in `scope`) with its secure defaults: the default security group's
 * rules removed, and flow logs of all traffic to a KMS-encrypted, one-year log group
 * (`FlowLogs`). The provider CDK adds to empty the default security group is acknowledged for
 * Control Tower's CT.LAMBDA.PR.3.
 */
export function createFlowLoggedVpc(
  scope: Construct,
  vpcProps: FlowLoggedVpcProps,
  options: { encryptionKey: kms.IKey; removalPolicy: RemovalPolicy },
): { flowLogGroup: logs.LogGroup; vpc: ec2.Vpc } {
  const flowLogGroup = new logs.LogGroup(scope, 'FlowLogs', {
    retention: logs.RetentionDays.ONE_YEAR,
    encryptionKey: options.encryptionKey,
    removalPolicy: options.removalPolicy,
  });
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    ...vpcProps,
    restrictDefaultSecurityGroup: true,
    flowLogs: {
      all: {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
        trafficType: ec2.FlowLogTrafficType.ALL,
      },
    },
  });

  acknowledgeCdkProviderOutsideVpc(
    scope,
    RESTRICT_DEFAULT_SG_PROVIDER_ID,
    "aws-cdk-lib's provider for restrictDefaultSecurityGroup: runs only during deployment and calls only the EC2 API to remove the default security group's rules.",
  );
  return { flowLogGroup, vpc };
}
