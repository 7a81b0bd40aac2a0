#!/usr/bin/env node
/**
 * Example app: one instance of every pattern, checked by the cdk-nag AwsSolutions pack.
 *
 *   npm run synth        (offline: no AWS account, no context lookups, no Docker)
 *
 * Stacks are region-specific where a pattern needs it and account-agnostic everywhere
 * (the account is resolved from the deploying credentials).
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  ApiGatewayAccountLogging,
  EventDrivenService,
  MultiRegionActiveActive,
  MultiTenantSaas,
  ThreeTierWebApp,
} from '../src';
import { ControlTowerChecks } from '../src/common/control-tower-checks';

// CloudFormation schema validation of the templates runs in `npm test`, where its findings
// are errors; skipping it here keeps `cdk synth` fast. CDK_VALIDATION=true runs it here too.
process.env.CDK_VALIDATION ??= 'false';
const app = new App();

// API Gateway's account-level CloudWatch Logs role: once per account and region, in its own
// stack (deploy it first, and only where the account baseline has not set one).
new ApiGatewayAccountLogging(
  new Stack(app, 'ApiGatewayAccount', {
    description:
      'API Gateway CloudWatch Logs role (once per account and region)',
  }),
  'Logging',
);

const web = new Stack(app, 'ThreeTierWebApp', {
  env: { region: 'eu-west-1' },
  description:
    'Three-tier web app: public ALB -> web ASG -> internal ALB -> app ASG -> Aurora PostgreSQL + DynamoDB',
});
new ThreeTierWebApp(web, 'WebApp', { databaseEngine: 'both' });

const events = new Stack(app, 'EventDrivenService', {
  description:
    'API Gateway -> SQS -> Lambda -> DynamoDB with EventBridge rules and SNS fan-out',
});
new EventDrivenService(events, 'Orders', {
  eventSource: 'com.example.orders',
  eventBus: {
    rules: [
      { name: 'order-created', eventPattern: { detailType: ['OrderCreated'] } },
    ],
  },
  fanOut: {
    subscribers: [
      {
        name: 'billing',
        filterPolicy: {
          eventType: sns.SubscriptionFilter.stringFilter({
            allowlist: ['OrderCreated'],
          }),
        },
      },
      { name: 'audit' },
    ],
  },
});

new MultiRegionActiveActive(app, 'ActiveActive', {
  regions: ['us-east-1', 'eu-west-1'],
  serviceName: 'catalog',
  domainName: 'api.example.com',
  hostedZoneId: 'Z0123456789EXAMPLE',
  hostedZoneName: 'example.com',
  fullLoadRequestsPerSecond: 500,
});

const saas = new Stack(app, 'MultiTenantSaas', {
  description:
    'Multi-tenant SaaS: Cognito + API Gateway + Lambda + Aurora (RLS) + ABAC S3',
});
new MultiTenantSaas(saas, 'Saas', {
  isolationModel: 'bridge',
  tenants: [{ tenantId: 'acme', tier: 'premium' }, { tenantId: 'globex' }],
});

Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new ControlTowerChecks(),
);
