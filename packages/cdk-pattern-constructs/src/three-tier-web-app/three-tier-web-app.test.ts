import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { nagFindings } from '../test-utils/nag';
import {
  fastTemplate,
  strictApp,
  validatedTemplate,
} from '../test-utils/synth';
import {
  renderWebNginxConfig,
  ThreeTierWebApp,
  ThreeTierWebAppProps,
  vpcResolverAddress,
} from './three-tier-web-app';

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
    for (const [asg, healthCheckType] of [
      [construct.webAutoScalingGroup, 'EC2'],
      [construct.appAutoScalingGroup, 'ELB'],
    ] as const) {
      template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
        AutoScalingGroupName: Match.absent(),
        VPCZoneIdentifier: privateSubnets,
        MinSize: '2',
        MaxSize: '6',
        HealthCheckType: healthCheckType,
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

/** The text of a launch template's user data (CloudFormation tokens shown as «Ref»/«GetAtt»). */
function userDataText(template: Template, tier: 'Web' | 'App'): string {
  const lts = template.findResources('AWS::EC2::LaunchTemplate');
  const [, lt] = Object.entries(lts).find(([id]) =>
    id.includes(`${tier}LaunchTemplate`),
  )!;
  const render = (v: any): string =>
    typeof v === 'string'
      ? v
      : v['Fn::Join']
      ? v['Fn::Join'][1].map(render).join(v['Fn::Join'][0])
      : v['Fn::GetAtt']
      ? `«GetAtt ${v['Fn::GetAtt'].join('.')}»`
      : v.Ref
      ? `«Ref ${v.Ref}»`
      : JSON.stringify(v);
  return render(lt.Properties.LaunchTemplateData.UserData['Fn::Base64']);
}

describe('ThreeTierWebApp deploys on a fresh account', () => {
  test('the key policy never names the Auto Scaling service-linked role as a principal (it may not exist yet)', () => {
    const { stack } = build();
    const template = fastTemplate(stack);
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statements: any[] = key.Properties.KeyPolicy.Statement;
    for (const st of statements) {
      expect(JSON.stringify(st.Principal ?? {})).not.toContain(
        'AWSServiceRoleForAutoScaling',
      );
    }
    // ...it is matched by condition instead, for notifications and EBS encryption.
    const slr = statements.filter(st =>
      JSON.stringify(st.Condition ?? {}).includes(
        'autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
      ),
    );
    expect(slr.map(st => st.Sid).sort()).toEqual([
      'AllowAutoScalingEbsEncryption',
      'AllowAutoScalingEbsGrants',
      'AllowAutoScalingNotifications',
    ]);
    for (const st of slr) {
      expect(st.Principal).toEqual({ AWS: '*' });
      expect(st.Condition.StringEquals['kms:CallerAccount']).toEqual({
        Ref: 'AWS::AccountId',
      });
    }
    expect(
      slr.find(st => st.Sid === 'AllowAutoScalingEbsGrants').Condition.Bool,
    ).toEqual({ 'kms:GrantIsForAWSResource': 'true' });
  });
});

describe('ThreeTierWebApp web tier nginx', () => {
  test('VPC resolver address is the VPC base address + 2', () => {
    expect(vpcResolverAddress('10.0.0.0/16')).toBe('10.0.0.2');
    expect(vpcResolverAddress('172.31.16.0/20')).toBe('172.31.16.2');
  });

  test('nginx resolves the internal ALB per request through the VPC resolver', () => {
    const conf = renderWebNginxConfig(
      'internal-x.elb.amazonaws.com',
      '10.0.0.2',
    );
    expect(conf).toMatch(/^\s*resolver 10\.0\.0\.2 valid=10s ipv6=off;$/m);
    expect(conf).toMatch(
      /^\s*set \$app_upstream internal-x\.elb\.amazonaws\.com;$/m,
    );
    // Every proxy_pass goes through the variable (a literal host is resolved only once at start).
    const passes = conf.match(/proxy_pass [^;]+;/g)!;
    expect(passes.length).toBeGreaterThan(0);
    for (const p of passes) {
      expect(p).toMatch(/^proxy_pass http:\/\/\$app_upstream[/;]/);
    }
  });

  test('/health is proxied to the app tier, never answered by nginx itself', () => {
    const conf = renderWebNginxConfig(
      'internal-x.elb.amazonaws.com',
      '10.0.0.2',
    );
    const health = /location = \/health \{([^}]*)\}/.exec(conf)![1];
    expect(health).toContain('proxy_pass http://$app_upstream/health;');
    expect(health).not.toMatch(/return 200/);
  });

  test("the web launch template writes that configuration with the internal ALB's DNS name and this VPC's resolver", () => {
    const { stack, construct } = build({ vpcCidr: '10.8.0.0/16' });
    const text = userDataText(fastTemplate(stack), 'Web');
    const albId = logicalId(stack, construct.internalLoadBalancer);
    expect(text).toContain("cat > /etc/nginx/nginx.conf <<'EOF'");
    expect(text).toContain('resolver 10.8.0.2 valid=10s ipv6=off;');
    expect(text).toContain(`set $app_upstream «GetAtt ${albId}.DNSName»;`);
    expect(text).not.toMatch(/proxy_pass http:\/\/«/);
    expect(text).toContain('nginx -t');
  });
});

describe('ThreeTierWebApp app tier reaches its database', () => {
  test('the app role reads the database secret and decrypts it only through Secrets Manager; the env file names it', () => {
    const { stack, construct } = build({ databaseEngine: 'both' });
    const template = fastTemplate(stack);
    const appRole = logicalId(stack, construct.appAutoScalingGroup.role as any);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: appRole }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['secretsmanager:GetSecretValue']),
            Resource: stack.resolve(construct.databaseSecret!.secretArn),
          }),
          Match.objectLike({
            Action: 'kms:Decrypt',
            Condition: {
              StringEquals: {
                'kms:ViaService': {
                  'Fn::Join': [
                    '',
                    [
                      'secretsmanager.',
                      { Ref: 'AWS::Region' },
                      '.amazonaws.com',
                    ],
                  ],
                },
              },
            },
          }),
        ]),
      },
    });
    const text = userDataText(template, 'App');
    expect(text).toMatch(
      /DB_SECRET_ARN=«GetAtt .*MasterUserSecret\.SecretArn»/,
    );
    expect(text).toMatch(/DB_HOST=«GetAtt .*Endpoint\.Address»/);
    expect(text).toContain('DB_PORT=5433');
    expect(text).toMatch(/TABLE_NAME=«Ref /);
    expect(text).toContain('EnvironmentFile=/etc/app/env');
    // The database security group accepts the app tier on the database port.
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 5433,
      SourceSecurityGroupId: {
        'Fn::GetAtt': [logicalId(stack, construct.appSecurityGroup), 'GroupId'],
      },
    });
  });
});
