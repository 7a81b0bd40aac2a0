import { Duration } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { allowAutoScalingServiceLinkedRole } from '../common/autoscaling';
import { acknowledgeControl } from '../common/control-tower';
import type { TierProps } from './three-tier-web-app';

/**
 * The topic that receives every Auto Scaling launch/terminate notification (`ScalingNotifications`
 * in `scope`), encrypted with `encryptionKey`, TLS only.
 */
export function createScalingNotificationsTopic(
  scope: Construct,
  encryptionKey: kms.Key,
): sns.Topic {
  const topic = new sns.Topic(scope, 'ScalingNotifications', {
    masterKey: encryptionKey,
    enforceSSL: true,
  });
  // Auto Scaling publishes notifications and encrypts EBS volumes with its service-linked role,
  // so that role must be able to use the CMK.
  allowAutoScalingServiceLinkedRole(encryptionKey);
  return topic;
}

/** What a compute tier is built from besides its {@link TierProps}. */
export interface TierOptions {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.SecurityGroup;
  readonly userData: ec2.UserData;
  /** Key of the EBS volumes. */
  readonly encryptionKey: kms.IKey;
  readonly notificationsTopic: sns.ITopic;
  /** Whether the group also replaces instances the load balancer finds unhealthy. */
  readonly elbHealthChecks: boolean;
}

/**
 * One compute tier, in `scope` (ids prefixed with `name`): an instance role without managed
 * policies, a launch template (IMDSv2, detailed monitoring, encrypted gp3 root volume) and an
 * Auto Scaling group in the private subnets with rolling updates, notifications and CPU target
 * tracking.
 */
export function createTier(
  scope: Construct,
  name: string,
  tier: TierProps | undefined,
  options: TierOptions,
): autoscaling.AutoScalingGroup {
  const { vpc, securityGroup, userData, elbHealthChecks } = options;
  const role = new iam.Role(scope, `${name}InstanceRole`, {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: `${name} tier instances (no managed policies; add least-privilege statements as needed)`,
  });
  const launchTemplate = new ec2.LaunchTemplate(
    scope,
    `${name}LaunchTemplate`,
    {
      instanceType:
        tier?.instanceType ??
        ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.SMALL),
      machineImage:
        tier?.machineImage ?? ec2.MachineImage.latestAmazonLinux2023(),
      userData,
      role,
      securityGroup,
      requireImdsv2: true,
      detailedMonitoring: true,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(20, {
            encrypted: true,
            kmsKey: options.encryptionKey,
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            deleteOnTermination: true,
          }),
        },
      ],
    },
  );
  const min = tier?.minCapacity ?? 2;
  const asg = new autoscaling.AutoScalingGroup(scope, `${name}Asg`, {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    launchTemplate,
    minCapacity: min,
    maxCapacity: tier?.maxCapacity ?? 6,
    cooldown: Duration.seconds(300),
    healthChecks: elbHealthChecks
      ? autoscaling.HealthChecks.withAdditionalChecks({
          additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
          gracePeriod: Duration.minutes(5),
        })
      : autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(5) }),
    notifications: [{ topic: options.notificationsTopic }],
    updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({
      minInstancesInService: min > 1 ? 1 : 0,
    }),
  });
  // CT.AUTOSCALING.PR.1: name the Availability Zones of its subnets explicitly too.
  (asg.node.defaultChild as autoscaling.CfnAutoScalingGroup).availabilityZones =
    vpc.selectSubnets({
      subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
    }).availabilityZones;
  acknowledgeControl(
    asg,
    'CT.AUTOSCALING.PR.6',
    'One instance type per tier (TierProps.instanceType), matched to its AMI architecture and tested; several types would need a mixed-instances policy and an AMI for each architecture.',
  );
  if (!elbHealthChecks) {
    acknowledgeControl(
      asg,
      'CT.AUTOSCALING.PR.4',
      "The web target group's health check goes through nginx to the app tier; replacing web instances on it would recycle the whole healthy web tier during an app-tier outage. EC2 status checks replace broken web instances; the ALB still stops routing to unhealthy ones.",
    );
  }
  asg.scaleOnCpuUtilization(`${name}CpuScaling`, {
    targetUtilizationPercent: tier?.targetCpuUtilizationPercent ?? 60,
  });
  return asg;
}
