import fs from 'fs/promises';
import path from 'path';
import {
  ConformanceRule,
  failingRuleIds,
  ruleVerdicts,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  cleanEnvironment,
  firstLine,
  linkInstalledDependencies,
  runSandboxed,
  synthesizeCdkApp,
} from '@platform-architecture/backstage-plugin-architecture-patterns-node';

/** The rules of one pattern the repository declares. */
export type PatternRules = {
  patternRef: string;
  guard: string;
  rules: ConformanceRule[];
};

/** The outcome for one pattern: conforming, failing rules, or why it could not be checked. */
export type PatternVerdict =
  | {
      patternRef: string;
      status: 'conforming' | 'non-conforming';
      failingRules: string[];
    }
  | {
      patternRef: string;
      status: 'not-checked';
      failingRules: [];
      reason: string;
    };

export type EvaluationOptions = {
  /** The git repository (a local folder). */
  repository: string;
  commit: string;
  patterns: PatternRules[];
  /** Where scratch folders are made; each evaluation removes its own. */
  workDir: string;
  /** Installed dependencies per lock file, kept between evaluations. */
  cacheDir: string;
  /** The whole evaluation (checkout, install, synth, rules) stops after this. */
  timeoutMs: number;
  /** The cfn-guard binary. */
  cfnGuard: string;
};

class NotChecked extends Error {}
class TimedOut extends Error {}

/**
 * Checks one commit of a repository against its patterns' conformance rules: checks the commit
 * out into a scratch folder, links installed dependencies (cached by lock file), synthesizes the
 * CDK app with the repository's own cdk.json command, and evaluates each pattern's cfn-guard
 * rules on the templates. Repository code runs only in child processes with a clean
 * environment and a time limit (runSandboxed of the -node package).
 */
export async function evaluateRepository(
  options: EvaluationOptions,
): Promise<PatternVerdict[]> {
  const deadline = Date.now() + options.timeoutMs;
  const remaining = () => deadline - Date.now();
  await fs.mkdir(options.workDir, { recursive: true });
  const scratch = await fs.mkdtemp(path.join(options.workDir, 'evaluation-'));
  const notChecked = (reason: string): PatternVerdict[] =>
    options.patterns.map(p => ({
      patternRef: p.patternRef,
      status: 'not-checked',
      failingRules: [],
      reason,
    }));
  try {
    await fs.mkdir(path.join(scratch, 'home'));
    await fs.mkdir(path.join(scratch, 'tmp'));
    const repoDir = path.join(scratch, 'repository');
    await checkout(
      options.repository,
      options.commit,
      repoDir,
      scratch,
      remaining(),
    );
    await fs.access(path.join(repoDir, 'cdk.json')).catch(() => {
      throw new NotChecked('no CDK app: the repository has no cdk.json');
    });
    await linkInstalledDependencies({
      repoDir,
      cacheDir: options.cacheDir,
      workDir: scratch,
      timeoutMs: remaining(),
    }).catch(error => {
      throw new NotChecked(`synthesis failed: ${error.message}`);
    });
    const templates = await synthesize(repoDir, scratch, remaining());
    return await Promise.all(
      options.patterns.map(pattern =>
        evaluatePattern(pattern, templates, scratch, options.cfnGuard),
      ),
    );
  } catch (error) {
    if (remaining() <= 0 || error instanceof TimedOut) {
      return notChecked(
        `timed out: the evaluation ran past ${Math.round(
          options.timeoutMs / 1000,
        )} s and was stopped`,
      );
    }
    if (error instanceof NotChecked) return notChecked(error.message);
    throw error;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

async function checkout(
  repository: string,
  commit: string,
  repoDir: string,
  scratch: string,
  timeoutMs: number,
) {
  const env = cleanEnvironment(scratch, { GIT_TERMINAL_PROMPT: '0' });
  const clone = await runSandboxed(
    'git',
    ['clone', '--quiet', '--no-checkout', repository, repoDir],
    { cwd: scratch, env, timeoutMs },
  );
  if (clone.code !== 0) {
    throw new NotChecked(`checkout failed: ${firstLine(clone.stderr)}`);
  }
  const co = await runSandboxed(
    'git',
    ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', commit],
    { cwd: repoDir, env, timeoutMs },
  );
  if (co.code !== 0) {
    throw new NotChecked(`checkout failed: ${firstLine(co.stderr)}`);
  }
}

/** Synthesizes the repository's CDK app; the templates, or why it could not be checked. */
async function synthesize(
  repoDir: string,
  scratch: string,
  timeoutMs: number,
): Promise<string[]> {
  const run = await synthesizeCdkApp({
    repoDir,
    outdir: path.join(scratch, 'cdk.out'),
    workDir: scratch,
    timeoutMs,
  }).catch(error => {
    throw new NotChecked(`synthesis failed: ${error.message}`);
  });
  if (run.timedOut) throw new TimedOut('synthesis ran past the time limit');
  if ((run.code !== 0 && !run.policyReport) || run.templates.length === 0) {
    throw new NotChecked(
      `synthesis failed: ${firstLine(run.stderr || run.stdout)}`,
    );
  }
  return run.templates;
}

async function evaluatePattern(
  pattern: PatternRules,
  templates: string[],
  scratch: string,
  cfnGuard: string,
): Promise<PatternVerdict> {
  const rulesFile = path.join(
    scratch,
    `${pattern.patternRef.replace(/[^a-z0-9-]+/gi, '_')}.guard`,
  );
  await fs.writeFile(rulesFile, pattern.guard);
  const run = await runSandboxed(
    cfnGuard,
    [
      'validate',
      '--rules',
      rulesFile,
      ...templates.flatMap(template => ['--data', template]),
      '--output-format',
      'json',
      '--show-summary',
      'none',
      '--structured',
    ],
    { cwd: scratch, env: cleanEnvironment(scratch), timeoutMs: 60_000 },
  );
  // 0: every rule passed; 19: a rule failed. Anything else is cfn-guard failing.
  if (run.code !== 0 && run.code !== 19) {
    return {
      patternRef: pattern.patternRef,
      status: 'not-checked',
      failingRules: [],
      reason: `the rules could not be evaluated: ${firstLine(
        run.stderr || run.stdout,
      )}`,
    };
  }
  const failingRules = failingRuleIds(
    pattern.rules,
    ruleVerdicts(JSON.parse(run.stdout)),
  );
  return {
    patternRef: pattern.patternRef,
    status: failingRules.length > 0 ? 'non-conforming' : 'conforming',
    failingRules,
  };
}
