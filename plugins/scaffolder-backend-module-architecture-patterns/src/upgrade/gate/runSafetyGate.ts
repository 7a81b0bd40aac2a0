import fs from 'fs-extra';
import path from 'path';
import {
  cleanEnvironment,
  linkInstalledDependencies,
  runSandboxed,
  synthesizeCdkApp,
} from '@platform-architecture/backstage-plugin-architecture-patterns-node';
import { readTree, writeTree } from '../../provenance/fileTree';
import { Migration } from '../releases/templateReleases';
import { diffStacks, ResourceDiff } from './stackDiff';

export type GateCommand = {
  name: 'npm ci' | 'npm test' | 'cdk synth';
  ok: boolean;
  seconds: number;
  /** The end of the command's output, when it failed. */
  output: string;
};

export type GateResource = ResourceDiff & {
  /** The migration's reason, when it declares this replacement. */
  declaredReason?: string;
};

export type SafetyGateReport = {
  before: GateCommand[];
  after: GateCommand[];
  resources: GateResource[];
  /** Stateful resources replaced, destroyed or orphaned without a declaration. */
  blocked: Array<GateResource & { why: string }>;
  passed: boolean;
};

// eslint-disable-next-line no-control-regex -- terminal colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;

/** The end of a command's output, without colours or the scratch folder's path. */
function tail(text: string, workDir: string, lines = 40): string {
  return text
    .replace(ANSI, '')
    .split(path.join(workDir, 'repository'))
    .join('.')
    .split(workDir)
    .join('<scratch>')
    .trim()
    .split('\n')
    .slice(-lines)
    .join('\n');
}

/**
 * The sandbox's environment, and nothing that could reach AWS: no instance
 * metadata, no shared config or credentials, no CDK version check.
 */
function offlineEnvironment(workDir: string) {
  return cleanEnvironment(workDir, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(workDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'no-aws-credentials'),
    CDK_DISABLE_VERSION_CHECK: '1',
  });
}

function globMatches(glob: string, name: string): boolean {
  const pattern = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

type Side = {
  repoDir: string;
  workDir: string;
  commands: GateCommand[];
  templates?: Record<string, any>;
};

/** Runs one check of a side and records its outcome and duration. */
async function timed(
  side: Side,
  name: GateCommand['name'],
  step: () => Promise<{ ok: boolean; output: string }>,
) {
  const started = Date.now();
  const result = await step().catch(error => ({
    ok: false,
    output: String(error?.message ?? error),
  }));
  side.commands.push({
    name,
    ok: result.ok,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    output: result.ok ? '' : tail(result.output, side.workDir),
  });
  return result.ok;
}

/** Copies one tree into the gate's folder and installs its dependencies from the cache. */
async function prepareSide(options: {
  sourceDir: string;
  workDir: string;
  installCacheDir: string;
  remaining: () => number;
}): Promise<Side> {
  const { workDir } = options;
  const side: Side = {
    repoDir: path.join(workDir, 'repository'),
    workDir,
    commands: [],
  };
  await fs.ensureDir(path.join(workDir, 'home'));
  await fs.ensureDir(path.join(workDir, 'tmp'));
  await fs.ensureDir(side.repoDir);
  await writeTree(side.repoDir, await readTree(options.sourceDir));
  await timed(side, 'npm ci', async () => {
    await linkInstalledDependencies({
      repoDir: side.repoDir,
      cacheDir: options.installCacheDir,
      workDir,
      timeoutMs: options.remaining(),
    });
    return { ok: true, output: '' };
  });
  return side;
}

/** Tests and synthesizes an installed side. */
async function checkSide(side: Side, remaining: () => number) {
  if (!side.commands.every(c => c.ok)) return;
  const { repoDir, workDir } = side;
  await timed(side, 'npm test', async () => {
    const run = await runSandboxed('npm', ['test', '--silent'], {
      cwd: repoDir,
      env: offlineEnvironment(workDir),
      timeoutMs: remaining(),
    });
    return {
      ok: run.code === 0 && !run.timedOut,
      output: run.timedOut
        ? 'ran past the time limit'
        : `${run.stdout}\n${run.stderr}`,
    };
  });
  await timed(side, 'cdk synth', async () => {
    const run = await synthesizeCdkApp({
      repoDir,
      outdir: path.join(workDir, 'cdk.out'),
      workDir,
      timeoutMs: remaining(),
    });
    const ok = run.code === 0 && !run.timedOut && run.templates.length > 0;
    if (ok) {
      side.templates = {};
      for (const file of run.templates) {
        side.templates[path.basename(file, '.template.json')] =
          await fs.readJson(file);
      }
    }
    return {
      ok,
      output: run.timedOut
        ? 'ran past the time limit'
        : `${run.stdout}\n${run.stderr}`,
    };
  });
}

/**
 * The safety gate of a template upgrade: installs (from a warm cache), tests
 * and synthesizes the repository before and after the upgrade, side by side,
 * then diffs every stack offline. A stateful resource that would be replaced,
 * destroyed or orphaned blocks the upgrade unless the version's migration
 * declares it, with the reason. Neither tree is modified.
 */
export async function runSafetyGate(options: {
  beforeDir: string;
  afterDir: string;
  workDir: string;
  installCacheDir: string;
  declaredReplacements: Migration['replacements'];
  timeoutMs?: number;
}): Promise<SafetyGateReport> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const remaining = () => Math.max(0, deadline - Date.now());
  await fs.remove(options.workDir);
  // Installs one after the other (the second usually reuses the first's),
  // then tests and synths of both sides side by side.
  const before = await prepareSide({
    sourceDir: options.beforeDir,
    workDir: path.join(options.workDir, 'before'),
    installCacheDir: options.installCacheDir,
    remaining,
  });
  const after = await prepareSide({
    sourceDir: options.afterDir,
    workDir: path.join(options.workDir, 'after'),
    installCacheDir: options.installCacheDir,
    remaining,
  });
  await Promise.all([
    checkSide(before, remaining),
    checkSide(after, remaining),
  ]);
  const resources: GateResource[] =
    before.templates && after.templates
      ? diffStacks(before.templates, after.templates).map(resource => {
          const declared = options.declaredReplacements.find(
            d =>
              globMatches(d.stack ?? '*', resource.stack) &&
              globMatches(d.logicalId, resource.logicalId),
          );
          return declared
            ? { ...resource, declaredReason: declared.reason }
            : resource;
        })
      : [];
  const blocked = resources
    .filter(
      r =>
        r.stateful &&
        r.change !== 'added' &&
        r.change !== 'changed' &&
        !r.declaredReason,
    )
    .map(r => ({
      ...r,
      why: `${r.type} ${r.logicalId} in ${r.stack} would be ${r.change}${
        r.mayReplace ? ' (may be replaced)' : ''
      }, and the version's migration does not declare it`,
    }));
  const commandsOk = [...before.commands, ...after.commands].every(c => c.ok);
  const complete = before.commands.length === 3 && after.commands.length === 3;
  return {
    before: before.commands,
    after: after.commands,
    resources,
    blocked,
    passed: commandsOk && complete && blocked.length === 0,
  };
}
