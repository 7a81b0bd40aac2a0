import { App, Stack } from 'aws-cdk-lib';
import { nagFindings } from './test-utils/nag';
import { fastTemplate } from './test-utils/synth';
import { EventDrivenService } from './event-driven-service/event-driven-service';
import { MultiTenantSaas } from './multi-tenant-saas/multi-tenant-saas';
import { MultiRegionActiveActive } from './multi-region-active-active/multi-region-active-active';
import {
  addApiGatewayAccountStacks,
  ApiGatewayAccountLogging,
  apiGatewayAccountRequested,
} from './common/api-gateway-account';

describe('API Gateway account-level logging role is opt-in, once per account', () => {
  test.each([
    ['EventDrivenService', (s: Stack) => new EventDrivenService(s, 'X')],
    ['MultiTenantSaas', (s: Stack) => new MultiTenantSaas(s, 'X')],
  ])('%s creates no AWS::ApiGateway::Account by default', (_n, make) => {
    const stack = new Stack(new App(), 'S');
    make(stack);
    fastTemplate(stack).resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  test('MultiRegionActiveActive creates none in either region by default', () => {
    const app = new App();
    new MultiRegionActiveActive(app, 'AA', {
      regions: ['us-east-1', 'eu-west-1'],
      serviceName: 'catalog',
      domainName: 'api.example.com',
      hostedZoneId: 'Z0123456789EXAMPLE',
      hostedZoneName: 'example.com',
      fullLoadRequestsPerSecond: 500,
    });
    const stacks = app.node.findAll().filter(Stack.isStack);
    expect(stacks).toHaveLength(2);
    for (const stack of stacks) {
      fastTemplate(stack).resourceCountIs('AWS::ApiGateway::Account', 0);
    }
  });

  test('opting in creates exactly one in that stack', () => {
    const stack = new Stack(new App(), 'S');
    new EventDrivenService(stack, 'X', { apiGatewayCloudWatchRole: true });
    fastTemplate(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  test('ApiGatewayAccountLogging: one account setting with a retained log-only role, nag-clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Account');
    new ApiGatewayAccountLogging(stack, 'Logging');
    const template = fastTemplate(stack);
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.hasResource('AWS::IAM::Role', { DeletionPolicy: 'Retain' });
    expect(nagFindings(app)).toEqual([]);
  });

  test('generated apps opt in with -c apiGatewayAccountRole=true', () => {
    expect(apiGatewayAccountRequested(new App())).toBe(false);
    expect(
      apiGatewayAccountRequested(
        new App({ context: { apiGatewayAccountRole: 'true' } }),
      ),
    ).toBe(true);
  });
});

describe('addApiGatewayAccountStacks: the stacks a generated app deploys first, on request', () => {
  const stackIds = (app: App) =>
    app.node.children.filter(Stack.isStack).map(stack => stack.node.id);

  test('adds none unless the app is asked with -c apiGatewayAccountRole=true', () => {
    const app = new App();
    expect(addApiGatewayAccountStacks(app, 'orders')).toEqual([]);
    expect(stackIds(app)).toEqual([]);
  });

  test('adds one env-agnostic stack for a single-region service', () => {
    const app = new App({ context: { apiGatewayAccountRole: 'true' } });
    addApiGatewayAccountStacks(app, 'orders');
    expect(stackIds(app)).toEqual(['orders-ApiGatewayAccount']);
    const [stack] = app.node.children.filter(Stack.isStack);
    fastTemplate(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  test('adds one stack per region, in that region, for a multi-region service', () => {
    const app = new App({ context: { apiGatewayAccountRole: true } });
    const stacks = addApiGatewayAccountStacks(app, 'catalog', [
      'us-east-1',
      'eu-west-1',
    ]);
    expect(stacks.map(stack => [stack.node.id, stack.region])).toEqual([
      ['catalog-ApiGatewayAccount-us-east-1', 'us-east-1'],
      ['catalog-ApiGatewayAccount-eu-west-1', 'eu-west-1'],
    ]);
    for (const stack of stacks) {
      fastTemplate(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
    }
  });
});
