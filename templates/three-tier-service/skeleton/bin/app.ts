#!/usr/bin/env node
/**
 * CDK app of ${{ values.name }}: one stack in ${{ values.region }} (the account comes from the
 * deploying credentials), checked by the cdk-nag AwsSolutions pack and AWS Control Tower's proactive controls.
 *
 *   npx cdk synth      offline: no AWS account, no context lookups, no Docker
 *   npx cdk deploy
 */
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ControlTowerChecks } from '../lib/constructs/common/control-tower-checks';
import { PatternConformanceChecks } from '../lib/constructs/common/pattern-conformance';
import { ThreeTierServiceStack } from '../lib/${{ values.name }}-stack';

// CloudFormation schema validation of the templates runs in `npm test`, where its findings
// are errors; skipping it here keeps `cdk synth` fast. CDK_VALIDATION=true runs it here too.
process.env.CDK_VALIDATION ??= 'false';
const app = new App();
new ThreeTierServiceStack(app, '${{ values.name }}');
// cdk-nag's AwsSolutions pack and AWS Control Tower's proactive controls (cfn-guard, offline):
// synthesis fails on any unacknowledged finding.
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new ControlTowerChecks(),
  // The defining properties of the ${{ values.pattern }} pattern (conformance/): the portal
  // evaluates the same rules on every commit.
  new PatternConformanceChecks(path.join(__dirname, '..', 'conformance')),
);
