#!/usr/bin/env node
/*
 * Measures, for each service template, on the local default configuration:
 *   - scaffold time to a registered entity: from creating the task to the
 *     component being in the catalog with its implementsPattern relation;
 *   - the generated repository's `npm ci`, `npm test` and `cdk synth` times, and the time of the
 *     Control Tower check on its own (ControlTowerChecks, as synth runs it, against the baseline
 *     of the full rule set in the same run).
 * Targets: under 10 s to a registered entity; generated tests under 30 s; cdk synth <= 6 s.
 *
 * Usage: yarn benchmark:templates [template ...]
 * Uses the portal backend at http://localhost:7007 and starts it (with the
 * repository's app-config.yaml) when it is not running.
 */
const { execFileSync, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parse } = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const BACKEND = 'http://localhost:7007';
const TEMPLATES = path.join(ROOT, 'templates');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

async function backendUp() {
  try {
    return (await fetch(`${BACKEND}/.backstage/health/v1/readiness`)).ok;
  } catch {
    return false;
  }
}

async function ensureBackend() {
  if (await backendUp()) return undefined;
  console.log('Starting the portal backend...');
  const child = spawn('yarn', ['workspace', 'backend', 'start'], {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 240 && !(await backendUp()); i++) await sleep(1000);
  if (!(await backendUp())) throw new Error('The backend did not start');
  return child;
}

async function main() {
  const wanted = process.argv.slice(2);
  const names = fs
    .readdirSync(TEMPLATES)
    // Service templates (upgrade-service has no skeleton and nothing to synthesize).
    .filter(n => fs.existsSync(path.join(TEMPLATES, n, 'skeleton')))
    .filter(n => wanted.length === 0 || wanted.includes(n));
  const backend = await ensureBackend();
  const { backstageIdentity } = await (
    await fetch(`${BACKEND}/api/auth/guest/refresh`)
  ).json();
  const headers = {
    Authorization: `Bearer ${backstageIdentity.token}`,
    'Content-Type': 'application/json',
  };
  const api = async (url, init = {}, retried = false) => {
    let res;
    try {
      res = await fetch(`${BACKEND}${url}`, { headers, ...init });
    } catch (error) {
      // A kept-alive connection the server closed while a repository was
      // being tested: open a new one, once.
      if (retried) throw error;
      return api(url, init, true);
    }
    return {
      status: res.status,
      body: res.status === 204 ? undefined : await res.json(),
    };
  };

  const rows = [];
  try {
    for (const name of names) {
      const values = parse(
        fs.readFileSync(
          path.join(TEMPLATES, name, 'fixtures/values.yaml'),
          'utf8',
        ),
      );
      values.name = `bench-${name.split('-')[0]}-${Date.now().toString(36)}`;
      for (;;) {
        const t = await api(
          `/api/catalog/entities/by-name/template/default/${name}`,
        );
        if (t.status === 200) break;
        await sleep(500);
      }
      const started = Date.now();
      const created = await api('/api/scaffolder/v2/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: `template:default/${name}`,
          values,
        }),
      });
      if (created.status !== 201)
        throw new Error(`${name}: ${JSON.stringify(created.body)}`);
      let task;
      for (;;) {
        task = (await api(`/api/scaffolder/v2/tasks/${created.body.id}`)).body;
        if (['completed', 'failed', 'cancelled'].includes(task.status)) break;
        await sleep(100);
      }
      if (task.status !== 'completed')
        throw new Error(`${name}: task ${task.status}`);
      const taskDone = Date.now();
      for (;;) {
        const c = await api(
          `/api/catalog/entities/by-name/component/default/${values.name}`,
        );
        if (
          c.status === 200 &&
          c.body.relations?.some(r => r.type === 'implementsPattern')
        )
          break;
        if (Date.now() - started > 120_000)
          throw new Error(`${name}: not registered after 120 s`);
        await sleep(100);
      }
      const registered = Date.now();

      const repo = fs.mkdtempSync(path.join(os.tmpdir(), `${values.name}-`));
      execFileSync('git', [
        'clone',
        '-q',
        path.join(ROOT, '.local-repositories', values.name),
        repo,
      ]);
      const time = (cmd, args) => {
        const t0 = Date.now();
        const run = spawnSync(cmd, args, {
          cwd: repo,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, CI: 'true' },
        });
        if (run.status !== 0) {
          const output = `${run.stdout}\n${run.stderr}`.trim().split('\n');
          throw new Error(
            `${name}: ${cmd} ${args.join(' ')} failed in ${repo}:\n${output
              .slice(-40)
              .join('\n')}`,
          );
        }
        return Date.now() - t0;
      };
      const install = time('npm', [
        'ci',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ]);
      const test = time('npm', ['test']);
      const synth = time('npx', ['cdk', 'synth', '--quiet']);
      // The Control Tower check alone, as cdk synth runs it (ControlTowerChecks: cfn-guard with
      // the rules about the resource types present), timed inside one process.
      const templatePaths = fs
        .readdirSync(path.join(repo, 'cdk.out'))
        .filter(file => file.endsWith('.template.json'))
        .map(file => path.join(repo, 'cdk.out', file));
      const check = spawnSync(
        'node',
        [
          '--require',
          'ts-node/register/transpile-only',
          '-e',
          `const { ControlTowerChecks } = require('./lib/constructs/common/control-tower-checks');
           const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard');
           const context = { templatePaths: ${JSON.stringify(templatePaths)} };
           const timed = validator => {
             const t0 = Date.now();
             validator.validate(context);
             return Date.now() - t0;
           };
           const scoped = timed(new ControlTowerChecks());
           const all = timed(new CfnGuardValidator({ maxBuffer: 1 << 26 }));
           process.stdout.write(JSON.stringify({ scoped, all }));`,
        ],
        { cwd: repo, encoding: 'utf8' },
      );
      if (check.status !== 0) throw new Error(check.stderr);
      // Baseline, same run: the plugin with every Control Tower rule, as before.
      const { scoped: controls, all: allControls } = JSON.parse(check.stdout);
      fs.rmSync(repo, { recursive: true, force: true });
      rows.push({
        name,
        task: taskDone - started,
        registered: registered - started,
        install,
        test,
        synth,
        controls,
        allControls,
      });
      console.log(
        `${name.padEnd(28)} task ${seconds(taskDone - started).padStart(
          7,
        )}  registered ${seconds(registered - started).padStart(7)}` +
          `  npm ci ${seconds(install).padStart(7)}  npm test ${seconds(
            test,
          ).padStart(7)}  cdk synth ${seconds(synth).padStart(7)}` +
          `  control check ${seconds(controls).padStart(
            7,
          )} (all rules ${seconds(allControls)}, ${(
            controls / allControls
          ).toFixed(2)}x)`,
      );
    }
  } finally {
    if (backend) process.kill(-backend.pid);
  }
  const worst = key => Math.max(...rows.map(r => r[key]));
  console.log(
    `\nWorst case: registered in ${seconds(
      worst('registered'),
    )} (target < 10 s, ${(worst('registered') / 10000).toFixed(
      2,
    )}x of target); ` +
      `generated tests ${seconds(worst('test'))} (target < 30 s, ${(
        worst('test') / 30000
      ).toFixed(2)}x of target); ` +
      `cdk synth ${seconds(worst('synth'))} (target <= 6 s, ${(
        worst('synth') / 6000
      ).toFixed(2)}x of target; includes the cdk-nag and Control Tower checks)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
