import { App, Validations } from 'aws-cdk-lib';
import { ControlTowerChecks } from '../common/control-tower-checks';
import { withCdkValidation } from './synth';

/**
 * Synthesises `app` with the AWS Control Tower proactive controls (cfn-guard, through the CDK
 * policy-validation plugin, offline) and returns one line per unacknowledged failing control:
 * `CT.<id> <construct path>`. Acknowledgements (`acknowledgeControl`) are honoured as in
 * `cdk synth`. Call it on a fresh App that has not been synthesised yet.
 */
export function controlTowerFindings(app: App): string[] {
  Validations.of(app).addPlugins(new ControlTowerChecks());
  const errors: string[] = [];
  const spy = jest
    .spyOn(console, 'error')
    .mockImplementation((...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
    });
  try {
    // CloudFormation schema validation is covered elsewhere; here only the controls run.
    withCdkValidation(false, () => app.synth());
    return [];
  } catch (err) {
    const report = `${errors.join('\n')}\n${(err as Error).message}`;
    const lines = report.split('\n');
    const findings = lines.flatMap((line, i) => {
      const m = /\[(CT\.[A-Z0-9.]+)\]/.exec(line);
      return m && /^\s*ERROR/.test(line)
        ? [`${m[1]} ${(lines[i + 1] ?? '').trim().split(' ')[0]}`]
        : [];
    });
    return findings.length > 0 ? findings : [report.slice(0, 2000)];
  } finally {
    spy.mockRestore();
  }
}
