import { App, IPolicyValidationContextBeta1 } from 'aws-cdk-lib';
import * as path from 'path';
import { PatternConformanceChecks } from '../common/pattern-conformance';
import { withCdkValidation } from './synth';

/**
 * Synthesizes `app` (a fresh one, not synthesized yet) and returns one line per conformance rule
 * of the repository's pattern that its templates break: `<rule id>: <description>`. The rules
 * are those in `directory` (the repository's `conformance/` folder), run by the same plugin as
 * `cdk synth`.
 */
export function conformanceFindings(
  app: App,
  directory: string = path.join(process.cwd(), 'conformance'),
): string[] {
  const assembly = withCdkValidation(false, () => app.synth());
  const report = new PatternConformanceChecks(directory).validate({
    templatePaths: assembly.stacks.map(stack => stack.templateFullPath),
  } as IPolicyValidationContextBeta1);
  return report.violations.map(v => `${v.ruleName}: ${v.description}`);
}
