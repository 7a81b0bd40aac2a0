import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createLogBucket } from '../common/buckets';
import { acknowledgeControl } from '../common/control-tower';
import type { TierSecurityGroups } from './network';

/** The terminal bucket (`AccessLogs` in `scope`) the two load balancers write their access logs to. */
export function createAccessLogsBucket(
  scope: Construct,
  removalPolicy: RemovalPolicy,
): s3.Bucket {
  const bucket = createLogBucket(scope, 'AccessLogs', { removalPolicy });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'Terminal log bucket that receives the ALB access logs; logging it to another bucket would only recurse the problem. Public access is blocked, TLS enforced, SSE-S3, versioned, lifecycle-expired.',
  });
  return bucket;
}

/**
 * The internet-facing ALB (`PublicAlb`, public subnets) and the internal one between the web and
 * app tiers (`InternalAlb`, private subnets), in `scope`: invalid header fields dropped, access
 * logs to `accessLogsBucket`. Their listeners come with {@link addListeners}.
 */
export function createLoadBalancers(
  scope: Construct,
  options: {
    vpc: ec2.IVpc;
    securityGroups: TierSecurityGroups;
    accessLogsBucket: s3.IBucket;
    deletionProtection: boolean;
  },
): {
  publicLoadBalancer: elbv2.ApplicationLoadBalancer;
  internalLoadBalancer: elbv2.ApplicationLoadBalancer;
} {
  const { vpc, securityGroups, accessLogsBucket, deletionProtection } = options;
  // Both drop malformed headers, log their access and, when asked, refuse deletion.
  const loadBalancer = (
    id: string,
    internetFacing: boolean,
    securityGroup: ec2.ISecurityGroup,
    logPrefix: string,
  ) => {
    const alb = new elbv2.ApplicationLoadBalancer(scope, id, {
      vpc,
      internetFacing,
      vpcSubnets: {
        subnetType: internetFacing
          ? ec2.SubnetType.PUBLIC
          : ec2.SubnetType.PRIVATE_WITH_EGRESS,
      },
      securityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection,
    });
    alb.logAccessLogs(accessLogsBucket, logPrefix);
    return alb;
  };
  const publicLoadBalancer = loadBalancer(
    'PublicAlb',
    true,
    securityGroups.publicAlb,
    'public-alb',
  );
  const internalLoadBalancer = loadBalancer(
    'InternalAlb',
    false,
    securityGroups.internalAlb,
    'internal-alb',
  );
  return { publicLoadBalancer, internalLoadBalancer };
}

/**
 * The listeners: public ALB -> web tier on port 80 (HTTPS on 443 with a redirect from 80 when a
 * certificate is given), internal ALB -> app tier on `appPort`; and the web tier's access to the
 * internal ALB.
 */
export function addListeners(options: {
  publicLoadBalancer: elbv2.ApplicationLoadBalancer;
  internalLoadBalancer: elbv2.ApplicationLoadBalancer;
  webAutoScalingGroup: autoscaling.AutoScalingGroup;
  appAutoScalingGroup: autoscaling.AutoScalingGroup;
  securityGroups: TierSecurityGroups;
  certificateArn?: string;
  appPort: number;
}): void {
  const { publicLoadBalancer, internalLoadBalancer, certificateArn } = options;
  // Public listener(s) -> web tier (port 80).
  const webTargets = {
    port: 80,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [options.webAutoScalingGroup],
    healthCheck: {
      path: '/health',
      healthyHttpCodes: '200',
      interval: Duration.seconds(15),
    },
    deregistrationDelay: Duration.seconds(30),
  };
  if (certificateArn) {
    const https = publicLoadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });
    https.addTargets('Web', webTargets);
    publicLoadBalancer.addListener('HttpRedirect', {
      port: 80,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({
        protocol: 'HTTPS',
        port: '443',
        permanent: true,
      }),
    });
  } else {
    const http = publicLoadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
    });
    http.addTargets('Web', webTargets);
    acknowledgeControl(
      http,
      'CT.ELASTICLOADBALANCING.PR.1',
      'No certificateArn was given, so there is no HTTPS listener to redirect to (a certificate needs a domain). With certificateArn, port 80 only redirects to 443.',
    );
    // No AwsSolutions rule flags an ALB HTTP listener (ELB5 is CLB-only), so nothing to acknowledge;
    // the construct's docs state that production traffic should set `certificateArn`.
  }

  // Internal listener -> app tier.
  const internalListener = internalLoadBalancer.addListener('Http', {
    port: 80,
    protocol: elbv2.ApplicationProtocol.HTTP,
    open: false,
  });
  acknowledgeControl(
    internalListener,
    'CT.ELASTICLOADBALANCING.PR.1',
    'Internal ALB between the web and app tiers inside the VPC: TLS from clients ends at the public ALB, and only the web tier security group reaches this listener.',
  );
  internalListener.addTargets('App', {
    port: options.appPort,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [options.appAutoScalingGroup],
    healthCheck: {
      path: '/health',
      healthyHttpCodes: '200',
      interval: Duration.seconds(15),
    },
    deregistrationDelay: Duration.seconds(30),
  });
  options.securityGroups.internalAlb.connections.allowFrom(
    options.securityGroups.web,
    ec2.Port.tcp(80),
    'Web tier to internal ALB',
  );
}
