import fs from 'fs/promises';
import path from 'path';
import { cleanEnvironment, runSandboxed } from './sandbox';

/** What synthesizing a repository's CDK app produced. */
export type CdkSynthesis = {
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Paths of the stack templates written to the output folder. */
  templates: string[];
  /** Whether a policy validation plugin (cdk-nag, Control Tower checks) wrote its report. */
  policyReport: boolean;
};

/**
 * Runs the app command of a repository's cdk.json as `cdk synth` would (its
 * context as CDK_CONTEXT_JSON, the output folder as CDK_OUTDIR), offline and
 * sandboxed, without the CDK CLI. Throws when cdk.json is not usable.
 */
export async function synthesizeCdkApp(options: {
  repoDir: string;
  outdir: string;
  workDir: string;
  timeoutMs: number;
}): Promise<CdkSynthesis> {
  const { repoDir, outdir, workDir, timeoutMs } = options;
  let cdkJson: { app?: string; context?: Record<string, unknown> };
  try {
    cdkJson = JSON.parse(
      await fs.readFile(path.join(repoDir, 'cdk.json'), 'utf8'),
    );
  } catch (error) {
    throw new Error(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the repository has no cdk.json'
        : 'cdk.json is not valid JSON',
    );
  }
  if (!cdkJson.app) throw new Error('cdk.json has no "app" command');
  const localContext = await fs
    .readFile(path.join(repoDir, 'cdk.context.json'), 'utf8')
    .then(
      text => JSON.parse(text),
      () => ({}),
    );
  const run = await runSandboxed('/bin/sh', ['-c', cdkJson.app], {
    cwd: repoDir,
    env: cleanEnvironment(workDir, {
      CDK_OUTDIR: outdir,
      // Offline: a context lookup fails instead of asking instance metadata for credentials.
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_CONTEXT_JSON: JSON.stringify({
        ...cdkJson.context,
        ...localContext,
      }),
    }),
    timeoutMs,
  });
  const files = await fs.readdir(outdir).catch(() => [] as string[]);
  return {
    ...run,
    templates: files
      .filter(file => file.endsWith('.template.json'))
      .sort()
      .map(file => path.join(outdir, file)),
    policyReport: files.includes('validation-report.json'),
  };
}
