import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { cfnGuardBinary } from './cfnGuardBinary';
import { evaluateRepository, PatternRules } from './evaluateRepository';

/*
 * Real git repositories, real npm ci (of an empty lock), real child processes and the real
 * cfn-guard. The "CDK app" of each repository is a small Node.js script named by its cdk.json,
 * as a CDK app is: it writes a template into CDK_OUTDIR, or misbehaves as the test needs.
 */
const PATTERN: PatternRules = {
  patternRef: 'architecturepattern:default/queue-with-dlq',
  guard: [
    "let queues = Resources.*[ Type == 'AWS::SQS::Queue' ]",
    'rule queue_has_dead_letter_queue when %queues !empty {',
    '  %queues.Properties.RedrivePolicy exists',
    '}',
    'rule queue_is_encrypted when %queues !empty {',
    '  %queues.Properties.KmsMasterKeyId exists',
    '}',
  ].join('\n'),
  rules: [
    {
      id: 'queue_has_dead_letter_queue',
      description: 'The queue has a DLQ.',
      severity: 'high',
    },
    {
      id: 'queue_is_encrypted',
      description: 'The queue is encrypted.',
      severity: 'high',
    },
  ],
};

/** Whether a process still runs (a zombie waiting to be reaped runs nothing). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return !/^State:\s+Z/m.test(status);
}

const tmp = (prefix: string) =>
  fs.mkdtempSync(path.join(os.tmpdir(), `conformance-${prefix}-`));

/** A git repository whose app script is `app`; returns its folder and HEAD commit. */
function repository(app: string, options: { cdkJson?: boolean } = {}) {
  const dir = tmp('repo');
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'svc', version: '0.1.0', private: true }),
  );
  fs.writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({
      name: 'svc',
      version: '0.1.0',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name: 'svc', version: '0.1.0' } },
    }),
  );
  fs.writeFileSync(path.join(dir, 'app.js'), app);
  if (options.cdkJson !== false) {
    fs.writeFileSync(
      path.join(dir, 'cdk.json'),
      JSON.stringify({ app: 'node app.js', context: { flag: true } }),
    );
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.com',
    'commit',
    '-q',
    '-m',
    'init',
  );
  return { dir, commit: git('rev-parse', 'HEAD') };
}

/** An app script that writes one template with a queue. */
const writesQueue = (properties: object) => `
const fs = require('fs');
const path = require('path');
fs.mkdirSync(process.env.CDK_OUTDIR, { recursive: true });
fs.writeFileSync(path.join(process.env.CDK_OUTDIR, 'Svc.template.json'), JSON.stringify({
  Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: ${JSON.stringify(
    properties,
  )} } },
}));
`;

const cacheDir = tmp('cache');
const workDir = tmp('work');
const evaluate = (repo: { dir: string; commit: string }, timeoutMs = 60_000) =>
  evaluateRepository({
    repository: repo.dir,
    commit: repo.commit,
    patterns: [PATTERN],
    workDir,
    cacheDir,
    timeoutMs,
    cfnGuard: cfnGuardBinary(),
  });

describe('evaluateRepository', () => {
  afterAll(() => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('finds a repository conforming when its template has what every rule checks', async () => {
    const repo = repository(
      writesQueue({
        RedrivePolicy: { maxReceiveCount: 3 },
        KmsMasterKeyId: 'k',
      }),
    );
    expect(await evaluate(repo)).toEqual([
      {
        patternRef: PATTERN.patternRef,
        status: 'conforming',
        failingRules: [],
      },
    ]);
    // Nothing left behind in the working folder.
    expect(fs.readdirSync(workDir)).toEqual([]);
  }, 120_000);

  it('names the failing rule', async () => {
    const repo = repository(writesQueue({ KmsMasterKeyId: 'k' }));
    expect(await evaluate(repo)).toEqual([
      {
        patternRef: PATTERN.patternRef,
        status: 'non-conforming',
        failingRules: ['queue_has_dead_letter_queue'],
      },
    ]);
  }, 120_000);

  it('fails a rule whose resources are gone altogether', async () => {
    const repo = repository(`
      const fs = require('fs');
      fs.mkdirSync(process.env.CDK_OUTDIR, { recursive: true });
      fs.writeFileSync(process.env.CDK_OUTDIR + '/Svc.template.json', '{"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}');
    `);
    const [verdict] = await evaluate(repo);
    expect(verdict.failingRules).toEqual([
      'queue_has_dead_letter_queue',
      'queue_is_encrypted',
    ]);
  }, 120_000);

  it('reads "not checked: synthesis failed" with the first error line when the app throws', async () => {
    const repo = repository(
      'throw new Error("Cannot find module \'aws-cdk-lib/aws-nothing\'");',
    );
    const [verdict] = await evaluate(repo);
    expect(verdict).toMatchObject({ status: 'not-checked', failingRules: [] });
    expect((verdict as any).reason).toMatch(
      /^synthesis failed: .*Cannot find module 'aws-cdk-lib\/aws-nothing'/,
    );
  }, 120_000);

  it('reads "not checked: no CDK app" for a repository without cdk.json', async () => {
    const repo = repository('', { cdkJson: false });
    expect(await evaluate(repo)).toEqual([
      {
        patternRef: PATTERN.patternRef,
        status: 'not-checked',
        failingRules: [],
        reason: 'no CDK app: the repository has no cdk.json',
      },
    ]);
  }, 120_000);

  it('stops an app that runs past the time limit, kills what it started, and says so', async () => {
    const pidFile = path.join(tmp('pid'), 'pids');
    const repo = repository(`
      const { spawn } = require('child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('fs').writeFileSync(${JSON.stringify(
        pidFile,
      )}, process.pid + ' ' + child.pid);
      setInterval(() => {}, 1000);
    `);
    const started = Date.now();
    const [verdict] = await evaluate(repo, 8_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(verdict).toMatchObject({ status: 'not-checked' });
    expect((verdict as any).reason).toBe(
      'timed out: the evaluation ran past 8 s and was stopped',
    );
    for (const pid of fs.readFileSync(pidFile, 'utf8').split(' ').map(Number)) {
      expect(isRunning(pid)).toBe(false);
    }
  }, 120_000);

  it('runs the app without the portal environment: no secrets, no cloud credentials, its own home', async () => {
    const envFile = path.join(tmp('env'), 'env.json');
    const repo = repository(`
      require('fs').writeFileSync(${JSON.stringify(
        envFile,
      )}, JSON.stringify(process.env));
      ${writesQueue({ RedrivePolicy: {}, KmsMasterKeyId: 'k' })}
    `);
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'example-secret';
    process.env.BACKEND_SECRET = 'portal-secret';
    process.env.AUTH_OIDC_CLIENT_SECRET = 'oidc-secret';
    try {
      await evaluate(repo);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.BACKEND_SECRET;
      delete process.env.AUTH_OIDC_CLIENT_SECRET;
    }
    const env = JSON.parse(fs.readFileSync(envFile, 'utf8'));
    const seen = JSON.stringify(env);
    for (const secret of [
      'AKIAEXAMPLE',
      'example-secret',
      'portal-secret',
      'oidc-secret',
    ]) {
      expect(seen).not.toContain(secret);
    }
    // Only the setting that keeps the SDK from asking instance metadata for credentials.
    expect(
      Object.keys(env).filter(key => /^AWS_|SECRET|TOKEN/.test(key)),
    ).toEqual(['AWS_EC2_METADATA_DISABLED']);
    expect(env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(env.HOME.startsWith(workDir)).toBe(true);
    expect(JSON.parse(env.CDK_CONTEXT_JSON)).toEqual({ flag: true });
  }, 120_000);
});
