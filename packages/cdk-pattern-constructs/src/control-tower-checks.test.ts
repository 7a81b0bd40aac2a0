import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationContextBeta1, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EventDrivenService } from './event-driven-service/event-driven-service';
import { MultiTenantSaas } from './multi-tenant-saas/multi-tenant-saas';
import { ThreeTierWebApp } from './three-tier-web-app/three-tier-web-app';
import { withCdkValidation } from './test-utils/synth';
import {
  ControlTowerChecks,
  ruleResourceTypes,
} from './common/control-tower-checks';

/** Synthesizes without any plugin and returns the stack templates' paths. */
function templatesOf(build: (app: App) => void): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-checks-'));
  const app = new App({ outdir });
  build(app);
  withCdkValidation(false, () => app.synth());
  return fs
    .readdirSync(outdir)
    .filter(f => f.endsWith('.template.json'))
    .map(f => path.join(outdir, f));
}

/** The violations of a report, one comparable line per rule and resource. */
function findings(report: ReturnType<CfnGuardValidator['validate']>) {
  return report.violations
    .flatMap(v =>
      v.violatingResources.map(
        r =>
          `${v.ruleName} ${path.basename(r.templatePath)} ${
            r.resourceLogicalId
          }`,
      ),
    )
    .sort();
}

const context = (templatePaths: string[]) =>
  ({ templatePaths } as unknown as IPolicyValidationContextBeta1);

describe('ControlTowerChecks', () => {
  // Before acknowledgements, which the CDK applies after the plugins report.
  test.each<[string, (app: App) => void]>([
    [
      'an event-driven service with a bus and fan-out',
      app =>
        new EventDrivenService(new Stack(app, 'Events'), 'Service', {
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
        }),
    ],
    [
      'a three-tier web app and a multi-tenant SaaS, two templates at once',
      app => {
        new ThreeTierWebApp(
          new Stack(app, 'Web', { env: { region: 'eu-west-1' } }),
          'App',
          { databaseEngine: 'both' },
        );
        new MultiTenantSaas(new Stack(app, 'Saas'), 'Saas', {
          isolationModel: 'pool',
          tenants: [{ tenantId: 'acme' }],
        });
      },
    ],
  ])(
    'reports exactly what the full Control Tower rule set reports: %s',
    (_name, build) => {
      const templates = templatesOf(build);
      const full = new CfnGuardValidator({
        controlTowerRulesEnabled: true,
        maxBuffer: 64 * 1024 * 1024,
      }).validate(context(templates));
      const scoped = new ControlTowerChecks().validate(context(templates));
      expect(findings(full).length).toBeGreaterThan(0);
      expect(findings(scoped)).toEqual(findings(full));
      expect(scoped.success).toBe(full.success);
    },
  );

  test('hands cfn-guard only the rules about resource types present', () => {
    const checks = new ControlTowerChecks();
    const queueOnly = checks.rulesFor(new Set(['AWS::SQS::Queue']));
    expect(queueOnly.map(f => path.basename(f)).sort()).toEqual([
      'ct-sqs-pr-1.guard',
      'ct-sqs-pr-2.guard',
    ]);
    expect(checks.rulesFor(new Set(['AWS::Example::Nothing']))).toEqual([]);
    expect(checks.ruleIds?.length).toBeGreaterThan(200);
  });

  test('reads the resource types a rule selects from its code, not its comments', () => {
    const rule = [
      '# Reports on:',
      '#   AWS::AutoScaling::AutoscalingGroup',
      'let ASG_TYPE = "AWS::AutoScaling::AutoScalingGroup"',
      "let groups = Resources.*[ Type == ASG_TYPE or Type == 'AWS::EC2::Instance' ]",
      'rule check when %groups !empty { }',
    ].join('\n');
    expect(ruleResourceTypes(rule)).toEqual([
      'AWS::AutoScaling::AutoScalingGroup',
      'AWS::EC2::Instance',
    ]);
    expect(ruleResourceTypes('rule x { Resources.* !empty }')).toEqual([]);
  });
});
