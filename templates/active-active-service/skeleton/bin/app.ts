#!/usr/bin/env node
/**
 * CDK app of ${{ values.name }}: one stack per region (${{ values.primaryRegion }} and
 * ${{ values.secondaryRegion }}; the account comes from the deploying credentials), checked by
 * the cdk-nag AwsSolutions pack.
 *
 *   npx cdk synth           offline: no AWS account, no context lookups, no Docker
 *   npx cdk deploy --all    the secondary region's stack deploys first
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ActiveActiveService } from '../lib/${{ values.name }}-stack';

const app = new App();
new ActiveActiveService(app, '${{ values.name }}');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
