import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ApiGatewayAccountLogging } from './common/api-gateway-account';
import {
  EventDrivenService,
  EventDrivenServiceProps,
} from './event-driven-service/event-driven-service';
import { MultiRegionActiveActive } from './multi-region-active-active/multi-region-active-active';
import {
  IsolationModel,
  MultiTenantSaas,
} from './multi-tenant-saas/multi-tenant-saas';
import { controlTowerFindings } from './test-utils/control-tower';
import {
  ThreeTierDatabaseEngine,
  ThreeTierWebApp,
} from './three-tier-web-app/three-tier-web-app';

/**
 * Every pattern, with every value of each of its enums, passes AWS Control Tower's proactive
 * controls (cfn-guard rules of @cdklabs/cdk-validator-cfnguard): each failing control is either
 * fixed or acknowledged on its resource with a reason (listed in the README).
 */
describe('AWS Control Tower proactive controls: 0 unacknowledged failures', () => {
  test.each<[ThreeTierDatabaseEngine, string | undefined]>([
    ['aurora-postgresql', undefined],
    ['dynamodb', undefined],
    [
      'both',
      'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
    ],
  ])(
    'ThreeTierWebApp (%s, certificate %s)',
    (databaseEngine, certificateArn) => {
      const app = new App();
      const stack = new Stack(app, 'Web', { env: { region: 'eu-west-1' } });
      new ThreeTierWebApp(stack, 'App', { databaseEngine, certificateArn });
      expect(controlTowerFindings(app)).toEqual([]);
    },
  );

  test('ThreeTierWebApp keeping the "postgres" administrator of a cluster created before 1.2.0 (CT.RDS.PR.21 acknowledged for it only)', () => {
    const app = new App();
    const stack = new Stack(app, 'Web', { env: { region: 'eu-west-1' } });
    new ThreeTierWebApp(stack, 'App', {
      databaseEngine: 'aurora-postgresql',
      databaseAdminUsername: 'postgres',
    });
    expect(controlTowerFindings(app)).toEqual([]);
    const clusters = Object.values(
      Template.fromStack(stack).findResources('AWS::RDS::DBCluster'),
    );
    expect(clusters.map(c => c.Properties.MasterUsername)).toEqual([
      'postgres',
    ]);
  });

  test('MultiTenantSaas keeping the "postgres" administrator of clusters created before 1.2.0', () => {
    const app = new App();
    const stack = new Stack(app, 'Saas');
    new MultiTenantSaas(stack, 'Saas', {
      isolationModel: 'silo',
      tenants: [{ tenantId: 'acme' }, { tenantId: 'globex' }],
      databaseAdminUsername: 'postgres',
    });
    expect(controlTowerFindings(app)).toEqual([]);
    const clusters = Object.values(
      Template.fromStack(stack).findResources('AWS::RDS::DBCluster'),
    );
    expect(clusters.map(c => c.Properties.MasterUsername)).toEqual([
      'postgres',
      'postgres',
    ]);
  });

  test('CT.RDS.PR.21 does flag a cluster administrator named "postgres" that nobody acknowledged', () => {
    const app = new App();
    const stack = new Stack(app, 'Db', { env: { region: 'eu-west-1' } });
    new rds.DatabaseCluster(stack, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_17_5,
      }),
      credentials: rds.Credentials.fromUsername('postgres'),
      // A literal MasterUsername, as the patterns set it (a generated secret would hide it).
      manageMasterUserPassword: true,
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc: new ec2.Vpc(stack, 'Vpc'),
    });
    expect(controlTowerFindings(app)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CT\.RDS\.PR\.21 /)]),
    );
  });

  test.each<[string, EventDrivenServiceProps]>([
    ['standard, no bus, no fan-out', { queueType: 'standard' }],
    [
      'fifo, bus + fan-out',
      {
        queueType: 'fifo',
        eventBus: { rules: [{ name: 'all', eventPattern: {} }] },
        fanOut: {
          subscribers: [
            {
              name: 'billing',
              filterPolicy: {
                eventType: sns.SubscriptionFilter.stringFilter({
                  allowlist: ['X'],
                }),
              },
            },
          ],
        },
      },
    ],
  ])('EventDrivenService (%s)', (_name, props) => {
    const app = new App();
    new EventDrivenService(new Stack(app, 'Events'), 'Service', props);
    expect(controlTowerFindings(app)).toEqual([]);
  });

  test.each(['latency', 'weighted'] as const)(
    'MultiRegionActiveActive (%s routing), both regions',
    routingPolicy => {
      const app = new App();
      new MultiRegionActiveActive(app, 'AA', {
        regions: ['us-east-1', 'eu-west-1'],
        serviceName: 'catalog',
        domainName: 'api.example.com',
        hostedZoneId: 'Z0123456789EXAMPLE',
        hostedZoneName: 'example.com',
        fullLoadRequestsPerSecond: 500,
        routingPolicy,
      });
      expect(controlTowerFindings(app)).toEqual([]);
    },
  );

  test.each<IsolationModel>(['silo', 'bridge', 'pool'])(
    'MultiTenantSaas (%s)',
    isolationModel => {
      const app = new App();
      new MultiTenantSaas(new Stack(app, 'Saas'), 'Saas', {
        isolationModel,
        tenants: [
          { tenantId: 'acme', tier: 'premium' },
          { tenantId: 'globex' },
        ],
      });
      expect(controlTowerFindings(app)).toEqual([]);
    },
  );

  test('ApiGatewayAccountLogging', () => {
    const app = new App();
    new ApiGatewayAccountLogging(new Stack(app, 'Account'), 'Logging');
    expect(controlTowerFindings(app)).toEqual([]);
  });

  test('the check does report a failing control (it is not silently off)', () => {
    const app = new App();
    const stack = new Stack(app, 'Bad');
    new (require('aws-cdk-lib/aws-sqs').Queue)(stack, 'NoDlq');
    expect(controlTowerFindings(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CT\.SQS\.PR\.1 Bad\/NoDlq/),
      ]),
    );
  });
});
