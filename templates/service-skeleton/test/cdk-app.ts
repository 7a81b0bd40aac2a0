import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { strictApp } from '../lib/constructs/test-utils/synth';

/**
 * An App configured like the one `npx cdk synth` runs: the feature flags from cdk.json are
 * set, so the tests assert on the template that gets deployed. CDK template-validation
 * findings are errors (strictApp).
 */
export function cdkApp(): App {
  const app = strictApp();
  const { context } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8'));
  for (const [key, value] of Object.entries(context ?? {})) {
    app.node.setContext(key, value);
  }
  return app;
}
