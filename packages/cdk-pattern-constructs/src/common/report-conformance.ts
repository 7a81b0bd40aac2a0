/**
 * Run by a generated repository's CI after `cdk synth`: evaluates the pattern's conformance
 * rules (conformance/) on the synthesized templates (cdk.out/) and, when the workflow sets
 * ARCHITECTURE_PORTAL_URL and ARCHITECTURE_PORTAL_TOKEN, reports the result to the portal for
 * the commit being built (GITHUB_SHA). It runs after a failed synth too: CDK writes the
 * templates before its policy plugins fail.
 *
 *   npx ts-node --transpile-only lib/constructs/common/report-conformance.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  evaluateConformance,
  failingRules,
  readConformanceDirectory,
} from './pattern-conformance';

export async function reportConformance(options: {
  root: string;
  env: NodeJS.ProcessEnv;
  post?: typeof fetch;
}): Promise<{ failingRules: string[]; reported: boolean }> {
  const { root, env } = options;
  const directory = path.join(root, 'conformance');
  const { manifest, guardFiles } = readConformanceDirectory(directory);
  const { entityRef, patternRef } = JSON.parse(
    fs.readFileSync(path.join(directory, 'rules.json'), 'utf8'),
  );
  const outdir = path.join(root, 'cdk.out');
  const templatePaths = fs
    .readdirSync(outdir)
    .filter(file => file.endsWith('.template.json'))
    .map(file => path.join(outdir, file));
  const verdicts = evaluateConformance(guardFiles, templatePaths);
  const failing = failingRules(manifest, verdicts).map(rule => rule.id);
  for (const rule of manifest.rules) {
    const ok = !failing.includes(rule.id);
    console.log(`${ok ? 'PASS' : 'FAIL'} ${rule.id}: ${rule.description}`);
  }

  const url = env.ARCHITECTURE_PORTAL_URL;
  const token = env.ARCHITECTURE_PORTAL_TOKEN;
  if (!url || !token) {
    console.log(
      'Not reported: set ARCHITECTURE_PORTAL_URL and ARCHITECTURE_PORTAL_TOKEN to report to the portal.',
    );
    return { failingRules: failing, reported: false };
  }
  const commit = env.GITHUB_SHA;
  if (!commit)
    throw new Error('GITHUB_SHA is not set: which commit was built?');
  const response = await (options.post ?? fetch)(
    `${url.replace(/\/$/, '')}/api/architecture-patterns/conformance/results`,
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        entityRef,
        patternRef,
        commit,
        failingRules: failing,
      }),
    },
  );
  if (!response.ok) {
    throw new Error(
      `The portal refused the result: ${
        response.status
      } ${await response.text()}`,
    );
  }
  console.log(`Reported to the portal for ${entityRef} at ${commit}.`);
  return { failingRules: failing, reported: true };
}

if (require.main === module) {
  reportConformance({ root: process.cwd(), env: process.env }).catch(error => {
    console.error(String(error?.message ?? error));
    process.exit(1);
  });
}
