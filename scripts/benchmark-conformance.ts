/*
 * Conformance evaluation at scale: 50 generated repositories evaluated one after another (the
 * portal's default), as the backend does it (scratch checkout, installs cached by lock file,
 * synth, cfn-guard), while the adoption overview is requested every 250 ms.
 *
 * Prints: the time of each evaluation with a warm install cache (target <= 20 s), the total
 * time and CPU (this process and its children), and the overview's p95 before and during the
 * evaluations (budget < 500 ms, as for the adoption benchmark), with the ratio.
 *
 * Usage: start the portal (`npx yarn start`), then `npx yarn benchmark:conformance [count]`.
 * It scaffolds one event-driven service through the portal's API and evaluates copies of it,
 * each with a commit of its own.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { evaluateRepository } from '../plugins/architecture-patterns-backend/src/conformance/evaluateRepository';
import { cfnGuardBinary } from '../plugins/architecture-patterns-backend/src/conformance/cfnGuardBinary';

const ROOT = path.resolve(__dirname, '..');
const BACKEND = 'http://localhost:7007';
const COUNT = Number(process.argv[2] ?? 50);
const OVERVIEW_BUDGET_MS = 500;
const EVALUATION_TARGET_MS = 20_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
};

/** CPU seconds of this process and of its waited-for children (Linux /proc). */
function cpuSeconds(): number {
  const fields = fs
    .readFileSync('/proc/self/stat', 'utf8')
    .split(') ')[1]
    .split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / 100;
}

async function token(): Promise<string> {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  if (!response.ok) {
    throw new Error(
      `The portal is not running at ${BACKEND}: start it with npx yarn start`,
    );
  }
  return (await response.json()).backstageIdentity.token;
}

async function scaffoldSeed(headers: Record<string, string>): Promise<string> {
  const name = `bench-conformance-${Date.now().toString(36)}`;
  const created = await fetch(`${BACKEND}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/event-driven-service',
      values: { name, owner: 'group:default/orders-team' },
    }),
  });
  const { id } = await created.json();
  for (;;) {
    await sleep(1000);
    const task = await (
      await fetch(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, { headers })
    ).json();
    if (task.status === 'completed') break;
    if (task.status === 'failed') throw new Error(`Scaffolding ${name} failed`);
  }
  return path.join(ROOT, '.local-repositories', name);
}

async function main() {
  const headers = {
    Authorization: `Bearer ${await token()}`,
    'Content-Type': 'application/json',
  };
  const pattern = await (
    await fetch(
      `${BACKEND}/api/catalog/entities/by-name/architecturepattern/default/event-driven-basic`,
      { headers },
    )
  ).json();
  const patterns = [
    {
      patternRef: 'architecturepattern:default/event-driven-basic',
      ...pattern.spec.conformance,
    },
  ];
  const seed = await scaffoldSeed(headers);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'benchmark-conformance-'));
  const repositories = Array.from({ length: COUNT }, (_, i) => {
    const dir = path.join(work, 'repos', `service-${i}`);
    execFileSync('git', ['clone', '-q', seed, dir]);
    fs.appendFileSync(path.join(dir, 'README.md'), `\nCopy ${i}.\n`);
    execFileSync('git', ['-C', dir, 'commit', '-qam', `copy ${i}`], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      },
    });
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    return { dir, commit };
  });
  const evaluate = (repo: { dir: string; commit: string }) =>
    evaluateRepository({
      repository: repo.dir,
      commit: repo.commit,
      patterns,
      workDir: path.join(work, 'evaluations'),
      cacheDir: path.join(work, 'installs'),
      timeoutMs: 180_000,
      cfnGuard: cfnGuardBinary(),
    });

  // The overview, computed afresh each time (an unused lifecycle filter misses the cache).
  const overview = async () => {
    const started = performance.now();
    const response = await fetch(
      `${BACKEND}/api/architecture-patterns/adoption/summary?lifecycle=bench-${Math.random()}`,
      { headers },
    );
    await response.arrayBuffer();
    return performance.now() - started;
  };
  const idle: number[] = [];
  for (let i = 0; i < 40; i++) idle.push(await overview());

  console.log(`Warming the install cache with ${path.basename(seed)}...`);
  const warmStart = Date.now();
  const [warm] = await evaluate(repositories[0]);
  console.log(
    `  cold evaluation: ${seconds(Date.now() - warmStart)} (${warm.status})`,
  );

  const during: number[] = [];
  let evaluating = true;
  const sampler = (async () => {
    while (evaluating) {
      during.push(await overview());
      await sleep(250);
    }
  })();
  const cpuBefore = cpuSeconds();
  const started = Date.now();
  const times: number[] = [];
  const outcomes = new Map<string, number>();
  for (const repo of repositories) {
    const t0 = Date.now();
    const [verdict] = await evaluate(repo);
    times.push(Date.now() - t0);
    outcomes.set(verdict.status, (outcomes.get(verdict.status) ?? 0) + 1);
  }
  const total = Date.now() - started;
  const cpu = cpuSeconds() - cpuBefore;
  evaluating = false;
  await sampler;
  fs.rmSync(work, { recursive: true, force: true });

  const worst = Math.max(...times);
  const idleP95 = p95(idle);
  const duringP95 = p95(during);
  console.log(
    `\n${COUNT} repositories evaluated in ${seconds(total)} (one at a time)`,
  );
  console.log(
    `  outcomes: ${[...outcomes].map(([s, n]) => `${n} ${s}`).join(', ')}`,
  );
  console.log(
    `  per evaluation (warm install cache): mean ${seconds(
      total / COUNT,
    )}, p95 ${seconds(p95(times))}, max ${seconds(worst)} ` +
      `(target <= 20 s: ${worst <= EVALUATION_TARGET_MS ? 'PASS' : 'MISS'}, ${(
        worst / EVALUATION_TARGET_MS
      ).toFixed(2)}x)`,
  );
  console.log(
    `  CPU: ${cpu.toFixed(1)} s (${((cpu / (total / 1000)) * 100).toFixed(
      0,
    )}% of one core on average, ${os.cpus().length} cores)`,
  );
  console.log(
    `  adoption overview p95: ${idleP95.toFixed(0)} ms idle (${
      idle.length
    } requests), ${duringP95.toFixed(0)} ms during the evaluations (${
      during.length
    } requests), ${(duringP95 / idleP95).toFixed(2)}x ` +
      `(budget < ${OVERVIEW_BUDGET_MS} ms: ${
        duringP95 < OVERVIEW_BUDGET_MS ? 'PASS' : 'MISS'
      })`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
