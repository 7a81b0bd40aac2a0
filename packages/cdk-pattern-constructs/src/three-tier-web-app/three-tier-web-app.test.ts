import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { nagFindings } from '../test-utils/nag';
import {
  fastTemplate,
  strictApp,
  validatedTemplate,
} from '../test-utils/synth';
import { ThreeTierWebApp, ThreeTierWebAppProps } from './three-tier-web-app';

const REGION = { region: 'eu-west-1' };

function build(
  props: ThreeTierWebAppProps = {},
  app: App = new App(),
): { app: App; stack: Stack; construct: ThreeTierWebApp } {
  const stack = new Stack(app, 'Web', { env: REGION });
  const construct = new ThreeTierWebApp(stack, 'ThreeTier', props);
  return { app, stack, construct };
}

/** Logical id of the resource behind an L2 construct. */
function logicalId(
  stack: Stack,
  c: { node: { defaultChild?: unknown } },
): string {
  return stack.getLogicalId(c.node.defaultChild as any);
}

describe('ThreeTierWebApp (defaults: Aurora PostgreSQL, HTTP)', () => {
  let app: App;
  let stack: Stack;
  let construct: ThreeTierWebApp;
  let template: Template;

  beforeAll(() => {
    ({ app, stack, construct } = build());
    template = fastTemplate(stack);
  });

  test('VPC spans 2 AZs with public, private-with-egress and isolated subnets, plus flow logs', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    expect(construct.vpc.availabilityZones).toHaveLength(2);
    expect(construct.vpc.publicSubnets).toHaveLength(2);
    expect(construct.vpc.privateSubnets).toHaveLength(2);
    expect(construct.vpc.isolatedSubnets).toHaveLength(2);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
    });
  });

  test('internet-facing ALB in public subnets and internal ALB in private subnets, both logging to the encrypted bucket', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 2);
    const accessLogs = [
      Match.objectLike({
        Key: 'routing.http.drop_invalid_header_fields.enabled',
        Value: 'true',
      }),
      Match.objectLike({ Key: 'access_logs.s3.enabled', Value: 'true' }),
    ];
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      {
        Scheme: 'internet-facing',
        Subnets: construct.vpc.publicSubnets.map(s => ({
          Ref: logicalId(stack, s),
        })),
        LoadBalancerAttributes: Match.arrayWith(accessLogs),
      },
    );
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      {
        Scheme: 'internal',
        Subnets: construct.vpc.privateSubnets.map(s => ({
          Ref: logicalId(stack, s),
        })),
        LoadBalancerAttributes: Match.arrayWith(accessLogs),
      },
    );
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('web and app tiers are Auto Scaling groups in private subnets with CPU target tracking', () => {
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 2);
    const privateSubnets = construct.vpc.privateSubnets.map(s => ({
      Ref: logicalId(stack, s),
    }));
    for (const asg of [
      construct.webAutoScalingGroup,
      construct.appAutoScalingGroup,
    ]) {
      template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
        AutoScalingGroupName: Match.absent(),
        VPCZoneIdentifier: privateSubnets,
        MinSize: '2',
        MaxSize: '6',
        HealthCheckType: 'ELB',
        Cooldown: '300',
        NotificationConfigurations: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
        AutoScalingGroupName: { Ref: logicalId(stack, asg) },
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingConfiguration: {
          PredefinedMetricSpecification: {
            PredefinedMetricType: 'ASGAverageCPUUtilization',
          },
          TargetValue: 60,
        },
      });
    }
    template.resourcePropertiesCountIs(
      'AWS::EC2::LaunchTemplate',
      {
        LaunchTemplateData: Match.objectLike({
          MetadataOptions: { HttpTokens: 'required' },
          Monitoring: { Enabled: true },
          BlockDeviceMappings: [
            Match.objectLike({
              Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }),
            }),
          ],
        }),
      },
      2,
    );
  });

  test('security groups chain internet -> public ALB -> web -> internal ALB -> app -> db and nothing else', () => {
    const sgId = (sg: ec2.SecurityGroup) => ({
      'Fn::GetAtt': [logicalId(stack, sg), 'GroupId'],
    });
    const chain: Array<[ec2.SecurityGroup, ec2.SecurityGroup, number]> = [
      [construct.publicAlbSecurityGroup, construct.webSecurityGroup, 80],
      [construct.webSecurityGroup, construct.internalAlbSecurityGroup, 80],
      [construct.internalAlbSecurityGroup, construct.appSecurityGroup, 8080],
      [construct.appSecurityGroup, construct.databaseSecurityGroup!, 5433],
    ];
    for (const [source, target, port] of chain) {
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        GroupId: sgId(target),
        SourceSecurityGroupId: sgId(source),
        FromPort: port,
        ToPort: port,
        IpProtocol: 'tcp',
      });
    }
    // Exactly these four SG-to-SG ingress rules exist ...
    const ingress = template.findResources('AWS::EC2::SecurityGroupIngress');
    expect(
      Object.values(ingress).map((r: any) => [
        r.Properties.SourceSecurityGroupId,
        r.Properties.GroupId,
      ]),
    ).toEqual(
      expect.arrayContaining(chain.map(([s, t]) => [sgId(s), sgId(t)])),
    );
    expect(Object.keys(ingress)).toHaveLength(4);
    for (const r of Object.values(ingress) as any[]) {
      expect(r.Properties.CidrIp).toBeUndefined();
    }
    // ... and the only CIDR-based ingress anywhere is the public ALB listener.
    const sgs = template.findResources('AWS::EC2::SecurityGroup');
    const cidrIngress = Object.entries(sgs).filter(
      ([, r]: [string, any]) =>
        (r.Properties.SecurityGroupIngress ?? []).length > 0,
    );
    expect(cidrIngress.map(([id]) => id)).toEqual([
      logicalId(stack, construct.publicAlbSecurityGroup),
    ]);
    expect((cidrIngress[0][1] as any).Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({
        CidrIp: '0.0.0.0/0',
        FromPort: 80,
        ToPort: 80,
      }),
    ]);
  });

  test('Aurora PostgreSQL Serverless v2 is encrypted, in isolated subnets, with an RDS-managed Secrets Manager secret', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      KmsKeyId: Match.anyValue(),
      ManageMasterUserPassword: true,
      MasterUserSecret: { KmsKeyId: Match.anyValue() },
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
      DeletionProtection: true,
      EnableIAMDatabaseAuthentication: true,
      Port: 5433,
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 2);
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: construct.vpc.isolatedSubnets.map(s => ({
        Ref: logicalId(stack, s),
      })),
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    expect(construct.databaseSecret).toBeDefined();
  });

  test('WAF web ACL protects the public ALB', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(stack, construct.publicLoadBalancer) },
    });
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('ThreeTierWebApp (both data stores, HTTPS)', () => {
  let app: App;
  let stack: Stack;
  let construct: ThreeTierWebApp;
  let template: Template;

  beforeAll(() => {
    ({ app, stack, construct } = build(
      {
        databaseEngine: 'both',
        certificateArn:
          'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
        webTier: {
          minCapacity: 3,
          maxCapacity: 9,
          targetCpuUtilizationPercent: 50,
          instanceType: new ec2.InstanceType('m7i.large'),
        },
        appTier: { minCapacity: 2, maxCapacity: 4 },
      },
      strictApp(),
    ));
    // The one synthesis of this pattern with CDK template validation ON (findings are errors).
    template = validatedTemplate(stack);
  });

  test('synthesises with CDK template validation enabled', () => {
    expect(template.toJSON().Resources).toBeDefined();
  });

  test('HTTPS listener with the certificate and HTTP -> HTTPS redirect', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [
        {
          CertificateArn:
            'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
        },
      ],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        Match.objectLike({
          Type: 'redirect',
          RedirectConfig: Match.objectLike({ Protocol: 'HTTPS', Port: '443' }),
        }),
      ],
    });
  });

  test('per-tier capacity, CPU target and instance type are honoured', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '3',
      MaxSize: '9',
    });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '2',
      MaxSize: '4',
    });
    template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      AutoScalingGroupName: {
        Ref: logicalId(stack, construct.webAutoScalingGroup),
      },
      TargetTrackingConfiguration: Match.objectLike({ TargetValue: 50 }),
    });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ InstanceType: 'm7i.large' }),
    });
  });

  test('both Aurora and an encrypted, PITR-enabled DynamoDB table; app role scoped to the table', () => {
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: Match.anyValue(),
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('AppInstanceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Resource: {
              'Fn::GetAtt': [logicalId(stack, construct.table!), 'Arn'],
            },
          }),
        ]),
      },
    });
  });

  test('public ALB security group opens 80 and 443 only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Internet-facing ALB'),
      SecurityGroupIngress: [
        Match.objectLike({ FromPort: 80, CidrIp: '0.0.0.0/0' }),
        Match.objectLike({ FromPort: 443, CidrIp: '0.0.0.0/0' }),
      ],
    });
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('ThreeTierWebApp dynamodb-only', () => {
  test('no Aurora, no database security group', () => {
    const { stack, construct } = build({
      databaseEngine: 'dynamodb',
      enableWaf: false,
    });
    const template = fastTemplate(stack);
    template.resourceCountIs('AWS::RDS::DBCluster', 0);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(construct.databaseSecurityGroup).toBeUndefined();
  });
});

describe('ThreeTierWebApp prop validation', () => {
  const cases: Array<[string, ThreeTierWebAppProps, RegExp]> = [
    [
      'databaseEngine',
      { databaseEngine: 'mysql' as any },
      /databaseEngine "mysql".*'aurora-postgresql', 'dynamodb', 'both'/,
    ],
    [
      'webTier min > max',
      { webTier: { minCapacity: 5, maxCapacity: 2 } },
      /webTier\.minCapacity 5.*webTier\.maxCapacity \(2\)/,
    ],
    [
      'appTier.maxCapacity',
      { appTier: { maxCapacity: 0 } },
      /appTier\.maxCapacity 0.*between 1 and 100/,
    ],
    [
      'targetCpuUtilizationPercent',
      { webTier: { targetCpuUtilizationPercent: 95 } },
      /webTier\.targetCpuUtilizationPercent 95.*between 10 and 90/,
    ],
    ['natGateways', { natGateways: 3 }, /natGateways 3.*between 1 and 2/],
    [
      'availabilityZones',
      { availabilityZones: ['eu-west-1a'] },
      /availabilityZones.*between 2 and 6/,
    ],
    ['vpcCidr', { vpcCidr: '10.0.0.0/8' }, /vpcCidr "10\.0\.0\.0\/8"/],
    [
      'auroraMinCapacity > max',
      { auroraMinCapacity: 8, auroraMaxCapacity: 4 },
      /auroraMinCapacity 8.*auroraMaxCapacity \(4\)/,
    ],
    [
      'auroraMaxCapacity step',
      { auroraMaxCapacity: 4.2 },
      /auroraMaxCapacity 4\.2.*multiple of 0\.5/,
    ],
    [
      'certificateArn',
      { certificateArn: 'not-an-arn' },
      /certificateArn "not-an-arn".*ACM certificate ARN/,
    ],
    ['appPort', { appPort: 80 }, /appPort 80.*between 1024 and 65535/],
  ];
  test.each(cases)('rejects invalid %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('requires a region-specific stack', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => new ThreeTierWebApp(stack, 'X')).toThrow(
      /region-specific stack/,
    );
  });

  test('requires explicit AZs when account and region are both known (no context lookup)', () => {
    const stack = new Stack(new App(), 'Pinned', {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    expect(() => new ThreeTierWebApp(stack, 'X')).toThrow(
      /availabilityZones: required/,
    );
    expect(
      () =>
        new ThreeTierWebApp(stack, 'Y', {
          availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        }),
    ).not.toThrow();
  });
});
