#!/usr/bin/env node
/**
 * CDK app of ${{ values.name }}: one env-agnostic stack (the account and region
 * come from the deploying credentials), checked by the cdk-nag AwsSolutions pack.
 *
 *   npx cdk synth      offline: no AWS account, no context lookups, no Docker
 *   npx cdk deploy
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EventDrivenServiceStack } from '../lib/${{ values.name }}-stack';

const app = new App();
new EventDrivenServiceStack(app, '${{ values.name }}');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
