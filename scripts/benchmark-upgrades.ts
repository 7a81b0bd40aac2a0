/*
 * Template upgrades at scale, as the upgrade task runs them: render the recorded and the next
 * release through the portal's scaffolder (dry run), merge, then the safety gate (install from
 * the warm cache, npm test and synth before and after in parallel, stack diff), commit.
 *
 * Prints, per template: the time of one upgrade (previous release -> newest) with a warm install cache
 * (target <= 60 s), then the time of COUNT repositories (templates in turn) upgraded in one
 * run, one after another, with the mean per repository and the machine's CPU count.
 *
 * Usage: start the portal (`npx yarn start`), then `npx yarn benchmark:upgrades [count]`
 * (count defaults to 20).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';
import { completeTemplateValues } from '../plugins/scaffolder-backend-module-architecture-patterns/src/actions/validate/templateValues';
import { writeTree } from '../plugins/scaffolder-backend-module-architecture-patterns/src/provenance/fileTree';
import {
  provenanceOf,
  writeProvenance,
} from '../plugins/scaffolder-backend-module-architecture-patterns/src/provenance/provenance';
import { createSafetyGateRunner } from '../plugins/scaffolder-backend-module-architecture-patterns/src/upgrade/gateRunner';
import { renderRelease } from '../plugins/scaffolder-backend-module-architecture-patterns/src/upgrade/render/renderRelease';
import { DryRun } from '../plugins/scaffolder-backend-module-architecture-patterns/src/upgrade/render/scaffolderDryRun';
import { TemplateReleases } from '../plugins/scaffolder-backend-module-architecture-patterns/src/upgrade/releases/templateReleases';
import { upgradeRepository } from '../plugins/scaffolder-backend-module-architecture-patterns/src/upgrade/upgradeRepository';

const ROOT = path.resolve(__dirname, '..');
const BACKEND = 'http://localhost:7007';
const COUNT = Number(process.argv[2] ?? 20);
const TARGET_MS = 60_000;
const TEMPLATES = [
  'three-tier-service',
  'event-driven-service',
  'active-active-service',
  'multi-tenant-saas-service',
];
const AUTHOR = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function portalDryRun(): Promise<DryRun> {
  const refresh = await fetch(`${BACKEND}/api/auth/guest/refresh`).catch(
    () => undefined,
  );
  if (!refresh?.ok) {
    throw new Error(
      `The portal is not running at ${BACKEND}: start it with npx yarn start`,
    );
  }
  const token = (await refresh.json()).backstageIdentity.token;
  return async request => {
    const response = await fetch(`${BACKEND}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      throw new Error(`dry run failed: ${await response.text()}`);
    }
    return response.json();
  };
}

function fixtureAnswers(template: string, name: string) {
  const dir = path.join(ROOT, 'templates', template);
  const { spec } = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const values = parse(
    fs.readFileSync(path.join(dir, 'fixtures', 'values.yaml'), 'utf8'),
  );
  return completeTemplateValues(spec.parameters, { ...values, name }).values;
}

/** A repository of the template's previous release, with a team commit to its README. */
async function generate(
  work: string,
  releases: TemplateReleases,
  dryRun: DryRun,
  template: string,
  name: string,
) {
  // The release before the newest: one upgrade is one version step.
  const previous = (await releases.versions(template)).at(-2)!;
  const releaseDir = path.join(work, 'releases', template, previous);
  if (!fs.existsSync(releaseDir)) {
    await releases.extract(template, previous, releaseDir);
  }
  const answers = fixtureAnswers(template, name);
  const tree = await renderRelease({ releaseDir, answers, dryRun });
  const repoDir = path.join(work, 'repos', name);
  fs.mkdirSync(repoDir, { recursive: true });
  await writeTree(repoDir, tree);
  await writeProvenance(
    repoDir,
    provenanceOf({
      tree,
      template: { name: template, version: previous },
      answers,
      constructLibraryVersion: '0.1.0',
      vendored: ['lib/constructs'],
      records: ['docs/adr'],
    }),
  );
  fs.appendFileSync(path.join(repoDir, 'README.md'), '\nTeam line.\n');
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repoDir,
      env: { ...process.env, ...AUTHOR },
    });
  git('init', '-q', '-b', 'main');
  git('add', '--all');
  git('commit', '-qm', 'Generated, then edited by the team');
  git('checkout', '-q', '-b', 'template-upgrade');
  return repoDir;
}

async function main() {
  const dryRun = await portalDryRun();
  const releases = new TemplateReleases(path.join(ROOT, 'templates'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'benchmark-upgrades-'));
  const runGate = createSafetyGateRunner({
    installCacheDir: path.join(os.tmpdir(), 'benchmark-upgrades-installs'),
    timeoutMs: 900_000,
  });
  const upgrade = async (repoDir: string) => {
    const started = Date.now();
    const result = await upgradeRepository({
      repoDir,
      releases,
      dryRun,
      runGate,
      workDir: path.join(work, 'upgrades', path.basename(repoDir)),
      gitAuthor: AUTHOR,
      log: () => {},
    });
    if (result.status !== 'upgraded') {
      throw new Error(
        `${path.basename(repoDir)}: ${result.status}\n${
          result.steps.at(-1)?.report
        }`,
      );
    }
    return Date.now() - started;
  };

  console.log(`CPUs: ${os.cpus().length}`);
  console.log(
    'Warming the install cache (every release shares one lock file per library version)...',
  );
  const warmup = await upgrade(
    await generate(work, releases, dryRun, TEMPLATES[0], 'bench-warmup'),
  );
  console.log(`  cold upgrade: ${seconds(warmup)}`);

  console.log(
    `\nOne upgrade per template, warm install cache (target <= ${
      TARGET_MS / 1000
    } s):`,
  );
  for (const template of TEMPLATES) {
    const repoDir = await generate(
      work,
      releases,
      dryRun,
      template,
      // Names stay within the templates' 30 characters.
      `bench-one-${template.split('-')[0]}`,
    );
    const ms = await upgrade(repoDir);
    console.log(
      `  ${template.padEnd(28)} ${seconds(ms).padStart(8)}  ${
        ms <= TARGET_MS ? 'within' : 'OVER'
      } target`,
    );
  }

  console.log(
    `\n${COUNT} repositories upgraded in one run (templates in turn):`,
  );
  const repos: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const template = TEMPLATES[i % TEMPLATES.length];
    repos.push(await generate(work, releases, dryRun, template, `bench-${i}`));
  }
  const started = Date.now();
  for (const repoDir of repos) await upgrade(repoDir);
  const total = Date.now() - started;
  console.log(
    `  total ${seconds(total)}, mean ${seconds(total / COUNT)} per repository`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
