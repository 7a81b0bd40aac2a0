#!/usr/bin/env node
/**
 * CDK app of ${{ values.name }}: one stack in ${{ values.region }} (the account comes from the
 * deploying credentials), checked by the cdk-nag AwsSolutions pack and AWS Control Tower's proactive controls.
 *
 *   npx cdk synth      offline: no AWS account, no context lookups, no Docker
 *   npx cdk deploy
 */
import { App, Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ThreeTierServiceStack } from '../lib/${{ values.name }}-stack';

const app = new App();
new ThreeTierServiceStack(app, '${{ values.name }}');
// cdk-nag's AwsSolutions pack and AWS Control Tower's proactive controls (cfn-guard, offline):
// synthesis fails on any unacknowledged finding.
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new CfnGuardValidator({ controlTowerRulesEnabled: true }),
);
