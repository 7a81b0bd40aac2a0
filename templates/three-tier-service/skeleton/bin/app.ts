#!/usr/bin/env node
/**
 * CDK app of ${{ values.name }}: one stack in ${{ values.region }} (the account comes from the
 * deploying credentials), checked by the cdk-nag AwsSolutions pack and AWS Control Tower's proactive controls.
 *
 *   npx cdk synth      offline: no AWS account, no context lookups, no Docker
 *   npx cdk deploy
 */
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { addServiceChecks } from '../lib/constructs/common/service-checks';
import { ThreeTierServiceStack } from '../lib/${{ values.name }}-stack';

// CloudFormation schema validation of the templates runs in `npm test`, where its findings
// are errors; skipping it here keeps `cdk synth` fast. CDK_VALIDATION=true runs it here too.
process.env.CDK_VALIDATION ??= 'false';
const app = new App();
new ThreeTierServiceStack(app, '${{ values.name }}');
// cdk-nag's AwsSolutions pack, AWS Control Tower's proactive controls and the rules of the
// ${{ values.pattern }} pattern in conformance/ (the portal evaluates them on every commit too):
// synthesis fails on any unacknowledged finding.
addServiceChecks(app, path.join(__dirname, '..', 'conformance'));
