import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { addServiceChecks } from './common/service-checks';
import { EventDrivenService } from './event-driven-service/event-driven-service';
import { withCdkValidation } from './test-utils/synth';

const RULES_DIR = path.resolve(
  __dirname,
  '../../../plugins/architecture-patterns-common/library/patterns/conformance',
);

/** A conformance/ folder with one rule: every consumed queue has a dead-letter queue. */
function conformanceDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-checks-'));
  fs.copyFileSync(
    path.join(RULES_DIR, 'event-driven-basic.guard'),
    path.join(dir, 'event-driven-basic.guard'),
  );
  fs.writeFileSync(
    path.join(dir, 'rules.json'),
    JSON.stringify({
      pattern: 'event-driven-basic',
      rules: [
        {
          id: 'consumed_queues_have_dead_letter_queue',
          description: 'Every consumed queue has a dead-letter queue.',
          severity: 'high',
        },
      ],
    }),
  );
  return dir;
}

/**
 * The rules that fail synthesis of an event-driven service whose queue lost its
 * dead-letter queue, as the validation report lists them (empty when it synthesizes).
 */
function failedRules(withChecks: boolean): string[] {
  const app = new App();
  const service = new EventDrivenService(new Stack(app, 'Service'), 'Orders');
  (service.queue.node.defaultChild as any).redrivePolicy = undefined;
  if (withChecks) addServiceChecks(app, conformanceDirectory());
  try {
    withCdkValidation(false, () => app.synth());
    return [];
  } catch (error) {
    const reportFile = String(error).match(/can be found in: (\S+\.json)/)![1];
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    return report.pluginReports.flatMap((plugin: any) =>
      plugin.violations.map((violation: any) => violation.ruleName),
    );
  }
}

describe('addServiceChecks: what a generated app checks at synthesis', () => {
  it('fails synthesis on the findings of cdk-nag, Control Tower and the pattern rules', () => {
    expect(failedRules(true).sort()).toEqual([
      'AwsSolutions-SQS3',
      'consumed_queues_have_dead_letter_queue',
      'sqs_dlq_check',
    ]);
  });

  it('is what makes it fail: the same app without it synthesizes', () => {
    expect(failedRules(false)).toEqual([]);
  });
});
