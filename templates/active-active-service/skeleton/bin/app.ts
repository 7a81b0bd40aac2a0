#!/usr/bin/env node
/**
 * CDK app of ${{ values.name }}: one stack per region (${{ values.primaryRegion }} and
 * ${{ values.secondaryRegion }}; the account comes from the deploying credentials), checked by
 * the cdk-nag AwsSolutions pack and AWS Control Tower's proactive controls.
 *
 *   npx cdk synth           offline: no AWS account, no context lookups, no Docker
 *   npx cdk deploy --all    the secondary region's stack deploys first
 */
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { addServiceChecks } from '../lib/constructs/common/service-checks';
import { addApiGatewayAccountStacks } from '../lib/constructs/common/api-gateway-account';
import { ActiveActiveService } from '../lib/${{ values.name }}-stack';

// CloudFormation schema validation of the templates runs in `npm test`, where its findings
// are errors; skipping it here keeps `cdk synth` fast. CDK_VALIDATION=true runs it here too.
process.env.CDK_VALIDATION ??= 'false';
const app = new App();
new ActiveActiveService(app, '${{ values.name }}');

// API Gateway logs through ONE CloudWatch Logs role per account and region
// (AWS::ApiGateway::Account): every stack that sets it overwrites the others', so this
// service does not. If an account has none yet, deploy it once per region, first:
//   npx cdk deploy -c apiGatewayAccountRole=true '${{ values.name }}-ApiGatewayAccount-*'
addApiGatewayAccountStacks(app, '${{ values.name }}', [
  '${{ values.primaryRegion }}',
  '${{ values.secondaryRegion }}',
]);
// cdk-nag's AwsSolutions pack, AWS Control Tower's proactive controls and the rules of the
// ${{ values.pattern }} pattern in conformance/ (the portal evaluates them on every commit too):
// synthesis fails on any unacknowledged finding.
addServiceChecks(app, path.join(__dirname, '..', 'conformance'));
