import { App, Stack } from 'aws-cdk-lib';
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
