import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { nagFindings } from '../test-utils/nag';
import {
  fastTemplate,
  strictApp,
  validatedTemplate,
  withCdkValidation,
} from '../test-utils/synth';
import {
  MultiRegionActiveActive,
  MultiRegionActiveActiveProps,
} from './multi-region-active-active';

const BASE: MultiRegionActiveActiveProps = {
  regions: ['us-east-1', 'eu-west-1'],
  serviceName: 'orders',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.com',
  fullLoadRequestsPerSecond: 800,
};

describe('MultiRegionActiveActive (latency routing)', () => {
  let app: App;
  let aa: MultiRegionActiveActive;
  let primary: Template;
  let secondary: Template;

  beforeAll(() => {
    app = strictApp();
    aa = new MultiRegionActiveActive(app, 'ActiveActive', BASE);
    // The one synthesis of this pattern with CDK template validation ON (covers both stacks).
    primary = validatedTemplate(aa.primary);
    secondary = Template.fromStack(aa.secondary);
  });

  test('two regional stacks in two different regions, secondary deployed first', () => {
    expect(aa.stacks.map(s => s.region)).toEqual(['us-east-1', 'eu-west-1']);
    expect(aa.primary.stackName).toBe('orders-us-east-1');
    expect(aa.secondary.stackName).toBe('orders-eu-west-1');
    expect(aa.primary.dependencies).toEqual([aa.secondary]);
    const artifacts = app
      .synth()
      .stacks.map(s => [s.stackName, s.environment.region]);
    expect(artifacts).toEqual(
      expect.arrayContaining([
        ['orders-us-east-1', 'us-east-1'],
        ['orders-eu-west-1', 'eu-west-1'],
      ]),
    );
  });

  test('DynamoDB global table (TableV2) in the primary with a replica in the second region', () => {
    primary.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    primary.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: 'orders-items',
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true },
      Replicas: Match.arrayWith([
        Match.objectLike({
          Region: 'eu-west-1',
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
        }),
        Match.objectLike({
          Region: 'us-east-1',
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
        }),
      ]),
    });
    secondary.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
  });

  test('each region reads/writes its own replica of the same table', () => {
    for (const [template, region] of [
      [primary, 'us-east-1'],
      [secondary, 'eu-west-1'],
    ] as const) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              Resource: {
                'Fn::Join': [
                  '',
                  Match.arrayWith([
                    `:dynamodb:${region}:`,
                    ':table/orders-items',
                  ]),
                ],
              },
            }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { TABLE_NAME: 'orders-items' } },
      });
    }
  });

  test("primary S3 bucket (versioned) replicates to the other region's bucket with a dedicated role", () => {
    primary.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: {
        'Fn::Join': [
          '',
          ['orders-data-', { Ref: 'AWS::AccountId' }, '-us-east-1'],
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      ReplicationConfiguration: {
        Role: {
          'Fn::GetAtt': [Match.stringLikeRegexp('ReplicationRole'), 'Arn'],
        },
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            Destination: Match.objectLike({
              Bucket: {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':s3:::orders-data-',
                    { Ref: 'AWS::AccountId' },
                    '-eu-west-1',
                  ],
                ],
              },
            }),
          }),
        ],
      },
    });
    primary.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } }),
        ],
      },
    });
    // The replication destination: versioned bucket with the deterministic name in the second region.
    secondary.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: {
        'Fn::Join': [
          '',
          ['orders-data-', { Ref: 'AWS::AccountId' }, '-eu-west-1'],
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      ReplicationConfiguration: Match.absent(),
    });
  });

  test('S3 replicates both ways: the secondary bucket replicates back into the primary bucket', () => {
    // Secondary region: its own replication role reads its bucket and writes into the primary's.
    secondary.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'orders-s3-replication-eu-west-1',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } }),
        ],
      },
    });
    secondary.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: [
              's3:ReplicateObject',
              's3:ReplicateDelete',
              's3:ReplicateTags',
            ],
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':s3:::orders-data-',
                  { Ref: 'AWS::AccountId' },
                  '-us-east-1/*',
                ],
              ],
            },
          }),
        ]),
      },
    });
    // The rule is put on the secondary bucket from the primary stack (deployed second), once
    // the primary bucket exists: S3 refuses a rule whose destination does not exist yet.
    const [[id, peer]] = Object.entries(
      primary.findResources('Custom::PeerBucketReplication'),
    );
    const [bucketId] = Object.keys(
      primary.findResources('AWS::S3::Bucket', {
        Properties: { ReplicationConfiguration: Match.anyValue() },
      }),
    );
    expect(peer.DependsOn).toContain(bucketId);
    const create = JSON.stringify(peer.Properties.Create);
    for (const expected of [
      '\\"region\\":\\"eu-west-1\\"',
      '\\"action\\":\\"putBucketReplication\\"',
      ':role/orders-s3-replication-eu-west-1',
      '\\"ID\\":\\"to-us-east-1\\"',
      '-us-east-1\\"',
    ]) {
      expect(create).toContain(expected);
    }
    expect(create).toContain('orders-data-');
    expect(JSON.stringify(peer.Properties.Delete)).toContain(
      'deleteBucketReplication',
    );
    expect(id).toMatch(/PeerReplication/);
    // And the primary's own rule still points at the secondary bucket (covered above).
  });

  test("Route 53 HTTPS health check per region against that region's own endpoint", () => {
    for (const [template, region] of [
      [primary, 'us-east-1'],
      [secondary, 'eu-west-1'],
    ] as const) {
      template.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: Match.objectLike({
          Type: 'HTTPS',
          Port: 443,
          FullyQualifiedDomainName: {
            'Fn::Join': ['', Match.arrayWith([`.execute-api.${region}.`])],
          },
          ResourcePath: { 'Fn::Join': ['', Match.arrayWith(['/health'])] },
        }),
      });
    }
  });

  test('latency alias records (Region set) for both regions, each tied to its health check', () => {
    for (const [template, region] of [
      [primary, 'us-east-1'],
      [secondary, 'eu-west-1'],
    ] as const) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'api.example.com.',
        Type: 'A',
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        Region: region,
        SetIdentifier: `orders-${region}`,
        HealthCheckId: { Ref: Match.stringLikeRegexp('HealthCheck') },
        AliasTarget: Match.objectLike({
          DNSName: { 'Fn::GetAtt': [Match.anyValue(), 'RegionalDomainName'] },
        }),
      });
      template.hasResourceProperties('AWS::ApiGateway::DomainName', {
        DomainName: 'api.example.com',
        EndpointConfiguration: { Types: ['REGIONAL'] },
        SecurityPolicy: 'TLS_1_2',
      });
    }
  });

  test('each region is sized for the FULL load (stage throttling = fullLoadRequestsPerSecond)', () => {
    for (const template of [primary, secondary]) {
      template.hasResourceProperties('AWS::ApiGateway::Stage', {
        TracingEnabled: true,
        AccessLogSetting: Match.anyValue(),
        MethodSettings: [
          Match.objectLike({
            ThrottlingRateLimit: 800,
            ThrottlingBurstLimit: 1600,
            LoggingLevel: 'INFO',
          }),
        ],
      });
      template.hasOutput('PerRegionCapacityRps', { Value: '800' });
    }
  });

  test('item methods require IAM auth; only /health is anonymous', () => {
    primary.resourcePropertiesCountIs(
      'AWS::ApiGateway::Method',
      { AuthorizationType: 'AWS_IAM' },
      2,
    );
    primary.resourcePropertiesCountIs(
      'AWS::ApiGateway::Method',
      { AuthorizationType: 'NONE' },
      1,
    );
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings in either stack', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('MultiRegionActiveActive (weighted, imported certificates)', () => {
  test('weighted records with weight 50 and no Region; imported certificate used', () => {
    const app = new App();
    const aa = new MultiRegionActiveActive(app, 'AA', {
      ...BASE,
      regions: ['eu-central-1', 'eu-west-1'],
      routingPolicy: 'weighted',
      account: '111111111111',
      certificateArns: {
        'eu-central-1':
          'arn:aws:acm:eu-central-1:111111111111:certificate/aaaa-bbbb',
        'eu-west-1': 'arn:aws:acm:eu-west-1:111111111111:certificate/cccc-dddd',
      },
    });
    const t = withCdkValidation(false, () => Template.fromStack(aa.secondary));
    t.hasResourceProperties('AWS::Route53::RecordSet', {
      Weight: 50,
      Region: Match.absent(),
      SetIdentifier: 'orders-eu-west-1',
    });
    t.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    t.hasResourceProperties('AWS::ApiGateway::DomainName', {
      RegionalCertificateArn:
        'arn:aws:acm:eu-west-1:111111111111:certificate/cccc-dddd',
    });
    expect(aa.secondary.account).toBe('111111111111');
    fastTemplate(aa.primary).hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      {
        Replicas: Match.arrayWith([Match.objectLike({ Region: 'eu-west-1' })]),
      },
    );
  });
});

describe('MultiRegionActiveActive prop validation', () => {
  const cases: Array<[string, Partial<MultiRegionActiveActiveProps>, RegExp]> =
    [
      [
        'one region',
        { regions: ['us-east-1'] },
        /Invalid regions: .*exactly two regions/,
      ],
      [
        'three regions',
        { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
        /Invalid regions: .*exactly two regions/,
      ],
      [
        'same region twice',
        { regions: ['eu-west-1', 'eu-west-1'] },
        /Invalid regions: "eu-west-1" is listed twice/,
      ],
      [
        'malformed region',
        { regions: ['us-east-1', 'Europe'] },
        /Invalid regions\[1\] "Europe": must be an AWS region code/,
      ],
      [
        'hostedZoneName',
        { hostedZoneName: 'not a domain' },
        /Invalid hostedZoneName "not a domain"/,
      ],
      [
        'domainName outside zone',
        { domainName: 'api.other.org' },
        /Invalid domainName "api\.other\.org": must be inside hostedZoneName "example\.com"/,
      ],
      [
        'domainName trailing dot',
        { domainName: 'api.example.com.' },
        /Invalid domainName "api\.example\.com\."/,
      ],
      [
        'hostedZoneId',
        { hostedZoneId: 'zone-1' },
        /Invalid hostedZoneId "zone-1"/,
      ],
      [
        'routingPolicy',
        { routingPolicy: 'geo' as any },
        /Invalid routingPolicy "geo": must be one of 'latency', 'weighted'/,
      ],
      [
        'fullLoadRequestsPerSecond',
        { fullLoadRequestsPerSecond: 0 },
        /Invalid fullLoadRequestsPerSecond 0/,
      ],
      [
        'serviceName',
        { serviceName: 'Orders_Service' },
        /Invalid serviceName "Orders_Service"/,
      ],
      [
        'account',
        { account: '123' },
        /Invalid account "123": must be a 12-digit AWS account id/,
      ],
      [
        'certificate for unknown region',
        {
          certificateArns: {
            'ap-south-1': 'arn:aws:acm:ap-south-1:111111111111:certificate/x',
          },
        },
        /Invalid certificateArns: region "ap-south-1"/,
      ],
    ];
  test.each(cases)('rejects %s', (_name, override, message) => {
    expect(
      () =>
        new MultiRegionActiveActive(new App(), 'AA', {
          ...BASE,
          ...override,
        } as MultiRegionActiveActiveProps),
    ).toThrow(message);
  });

  test('refuses to be created inside a Stack', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => new MultiRegionActiveActive(stack, 'AA', BASE)).toThrow(
      /must be created in an App or Stage/,
    );
  });
});
