import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventDrivenService } from './event-driven-service/event-driven-service';
import { MultiRegionActiveActive } from './multi-region-active-active/multi-region-active-active';
import { MultiTenantSaas } from './multi-tenant-saas/multi-tenant-saas';
import { fastTemplate } from './test-utils/synth';
import { ThreeTierWebApp } from './three-tier-web-app/three-tier-web-app';
import { greaterThanRegex } from './common/waf';

/** The body limit a handler enforces (`const MAX_BODY_BYTES = <n> * 1024`). */
function handlerLimit(relativePath: string): number {
  const source = fs.readFileSync(path.join(__dirname, relativePath), 'utf8');
  const m = /const MAX_BODY_BYTES = (\d+) \* 1024;/.exec(source);
  if (!m) throw new Error(`no MAX_BODY_BYTES in ${relativePath}`);
  return Number(m[1]) * 1024;
}

function webAclRules(template: Template): any[] {
  const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
  return acl.Properties.Rules;
}

describe("each web ACL blocks bodies above its API's real limit, not the common rule set's 8 KB", () => {
  const patterns: Array<[string, () => Template, number]> = [
    [
      'EventDrivenService (SQS message limit)',
      () => {
        const s = new Stack(new App(), 'E');
        new EventDrivenService(s, 'X');
        return fastTemplate(s);
      },
      256 * 1024,
    ],
    [
      'MultiTenantSaas (handler limit)',
      () => {
        const s = new Stack(new App(), 'M');
        new MultiTenantSaas(s, 'X');
        return fastTemplate(s);
      },
      handlerLimit('multi-tenant-saas/lambda/tenant-api/index.js'),
    ],
    [
      'MultiRegionActiveActive (handler limit)',
      () => {
        const app = new App();
        new MultiRegionActiveActive(app, 'AA', {
          regions: ['us-east-1', 'eu-west-1'],
          serviceName: 'catalog',
          domainName: 'api.example.com',
          hostedZoneId: 'Z0123456789EXAMPLE',
          hostedZoneName: 'example.com',
          fullLoadRequestsPerSecond: 500,
        });
        return fastTemplate(app.node.findAll().filter(Stack.isStack)[0]);
      },
      handlerLimit('multi-region-active-active/lambda/api/index.js'),
    ],
    [
      'ThreeTierWebApp (nginx client_max_body_size)',
      () => {
        const s = new Stack(new App(), 'T', { env: { region: 'eu-west-1' } });
        new ThreeTierWebApp(s, 'X', { maxRequestBodyBytes: 2 * 1024 * 1024 });
        return fastTemplate(s);
      },
      2 * 1024 * 1024,
    ],
  ];

  test.each(patterns)('%s', (_name, synth, limit) => {
    const rules = webAclRules(synth());
    const body = rules.find(r => r.Name === 'BodySizeLimit');
    expect(body.Action).toEqual({ Block: {} });
    expect(body.Statement.RegexMatchStatement).toMatchObject({
      FieldToMatch: { SingleHeader: { Name: 'content-length' } },
      RegexString: greaterThanRegex(limit),
    });
    const common = rules.find(r => r.Name === 'AWSManagedRulesCommonRuleSet');
    expect(
      common.Statement.ManagedRuleGroupStatement.RuleActionOverrides,
    ).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
  });

  test('three-tier nginx accepts the same limit', () => {
    const s = new Stack(new App(), 'T', { env: { region: 'eu-west-1' } });
    new ThreeTierWebApp(s, 'X', { maxRequestBodyBytes: 2 * 1024 * 1024 });
    const lts = fastTemplate(s).findResources('AWS::EC2::LaunchTemplate');
    expect(JSON.stringify(lts)).toContain('client_max_body_size 2097152;');
  });
});
