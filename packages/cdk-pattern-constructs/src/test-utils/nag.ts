import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * Runs the cdk-nag v3 AwsSolutions pack directly over a construct tree
 * (`validateScope`) and returns one line per unacknowledged finding
 * (error AND warning level), formatted `severity ruleId path`.
 *
 * Call it after the app has been synthesised (e.g. after Template.fromStack),
 * so that every lazy value and aspect has been applied.
 */
export function nagFindings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap(v =>
    v.violatingResources.map(
      r =>
        `${v.severity} ${v.ruleName} ${
          r.constructPath ?? r.resourceLogicalId ?? '?'
        }`,
    ),
  );
}
