import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createFlowLoggedVpc } from '../common/network';

/**
 * The three-tier VPC, in `scope`: public, private (with NAT egress) and isolated subnets in each
 * Availability Zone (see {@link createFlowLoggedVpc} for its flow logs and default security group).
 */
export function createNetwork(
  scope: Construct,
  options: {
    vpcCidr?: string;
    availabilityZones?: string[];
    natGateways: number;
    encryptionKey: kms.IKey;
    removalPolicy: RemovalPolicy;
  },
): { flowLogGroup: logs.LogGroup; vpc: ec2.Vpc } {
  return createFlowLoggedVpc(
    scope,
    {
      ipAddresses: ec2.IpAddresses.cidr(options.vpcCidr ?? '10.0.0.0/16'),
      availabilityZones: options.availabilityZones,
      maxAzs: options.availabilityZones ? undefined : 2,
      natGateways: options.natGateways,
      subnetConfiguration: [
        {
          name: 'public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: false,
        },
        {
          name: 'private',
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
          cidrMask: 22,
        },
        {
          name: 'isolated',
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: 24,
        },
      ],
    },
    options,
  );
}

/** The security groups of the tiers in front of the data tier. */
export interface TierSecurityGroups {
  readonly publicAlb: ec2.SecurityGroup;
  readonly web: ec2.SecurityGroup;
  readonly internalAlb: ec2.SecurityGroup;
  readonly app: ec2.SecurityGroup;
}

/**
 * The strict chain of security groups, in `scope`: each tier accepts traffic only from the tier
 * in front of it (the rules between tiers are added with the listeners and the database); the
 * public ALB accepts clients from `publicIngressCidr` on its listener ports, and the instances
 * may reach HTTPS endpoints through NAT.
 */
export function createSecurityGroupChain(
  scope: Construct,
  vpc: ec2.IVpc,
  options: { certificateArn?: string; publicIngressCidr?: string },
): TierSecurityGroups {
  const publicAlb = new ec2.SecurityGroup(scope, 'PublicAlbSg', {
    vpc,
    description:
      'Internet-facing ALB: accepts client traffic, forwards only to the web tier',
    allowAllOutbound: false,
  });
  const web = new ec2.SecurityGroup(scope, 'WebSg', {
    vpc,
    description: 'Web tier: accepts traffic only from the public ALB',
    allowAllOutbound: false,
  });
  const internalAlb = new ec2.SecurityGroup(scope, 'InternalAlbSg', {
    vpc,
    description: 'Internal ALB: accepts traffic only from the web tier',
    allowAllOutbound: false,
  });
  const app = new ec2.SecurityGroup(scope, 'AppSg', {
    vpc,
    description: 'App tier: accepts traffic only from the internal ALB',
    allowAllOutbound: false,
  });
  const publicPorts = options.certificateArn ? [80, 443] : [80];
  for (const port of publicPorts) {
    publicAlb.addIngressRule(
      ec2.Peer.ipv4(options.publicIngressCidr ?? '0.0.0.0/0'),
      ec2.Port.tcp(port),
      `Clients to the public ALB on ${port}`,
    );
  }
  if ((options.publicIngressCidr ?? '0.0.0.0/0') === '0.0.0.0/0') {
    Validations.of(publicAlb).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'Internet-facing ALB of a public web application: 0.0.0.0/0 on the listener port(s) is the intended single entry point (WAF-protected); every other tier only accepts its upstream security group.',
    });
  }
  // Instances need outbound HTTPS for OS packages and AWS APIs (via NAT).
  for (const sg of [web, app]) {
    sg.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to package repositories and AWS APIs via NAT',
    );
  }
  return { publicAlb, web, internalAlb, app };
}
