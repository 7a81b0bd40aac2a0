import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { createFlowLoggedVpc } from '../common/network';

/**
 * The database VPC, in `scope`: isolated subnets only (no NAT, no internet gateway route), in two
 * Availability Zones (see {@link createFlowLoggedVpc} for its flow logs and default security group).
 */
export function createDatabaseVpc(
  scope: Construct,
  options: {
    vpcCidr?: string;
    encryptionKey: kms.IKey;
    removalPolicy: RemovalPolicy;
  },
): ec2.Vpc {
  return createFlowLoggedVpc(
    scope,
    {
      ipAddresses: ec2.IpAddresses.cidr(options.vpcCidr ?? '10.20.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [
        {
          name: 'database',
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 26,
        },
      ],
    },
    options,
  ).vpc;
}
