import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ControlTowerChecks } from './control-tower-checks';
import { PatternConformanceChecks } from './pattern-conformance';

/**
 * The checks a generated service's CDK app runs when it synthesizes, failing
 * on any unacknowledged finding: cdk-nag's AwsSolutions pack, AWS Control
 * Tower's proactive controls (cfn-guard, offline) and the defining properties
 * of the service's pattern, the rules in its `conformance/` folder (which the
 * portal evaluates on every commit too).
 */
export function addServiceChecks(app: App, conformanceDirectory: string) {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new ControlTowerChecks(),
    new PatternConformanceChecks(conformanceDirectory),
  );
}
