#!/usr/bin/env node
/*
 * Install proof: the plugins install into an existing Backstage app by
 * following their READMEs, and work there.
 *
 * 1. Builds the five plugin packages (backstage-cli package build) and packs
 *    them with `yarn pack`; packs the construct library with `npm pack`.
 * 2. Creates a fresh app with the current @backstage/create-app.
 * 3. Follows the install steps of the plugin READMEs literally, in the order
 *    the frontend README gives: every block after an
 *    `<!-- install-proof:shell -->` marker runs in the app folder, every
 *    `install-proof:backend` block goes into packages/backend/src/index.ts
 *    (before `backend.start()`), every `install-proof:app-config` block is
 *    merged into app-config.yaml (objects merged, lists appended). The only
 *    stand-in: `yarn ... add @platform-architecture/<name>` installs that
 *    package's tarball, and the app's `resolutions` point the packages at the
 *    tarballs, as a registry would serve them.
 * 4. Starts the app (`yarn start`) and drives it in Chromium: the Patterns
 *    page lists the library, a pattern page draws its diagram, a guide
 *    recommends, a template scaffolds a service that appears in the catalog
 *    with its pattern. Screenshots go to the end-to-end output folder.
 *
 * Usage: node scripts/install-proof.mjs [--keep] [--skip-build]
 * Environment: INSTALL_PROOF_DIR (work folder, default
 * <tmp>/architecture-portal-install-proof), INSTALL_PROOF_APP_PORT (3500),
 * INSTALL_PROOF_BACKEND_PORT (7500), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const YAML = require('yaml');
const { chromium } = require('playwright-core');

const keep = process.argv.includes('--keep');
const skipBuild = process.argv.includes('--skip-build');
// Outside the repository: tools treat anything under node_modules as a
// dependency (no TypeScript loaders), and the app must not see this
// repository's Yarn project either.
const work = path.resolve(
  process.env.INSTALL_PROOF_DIR ??
    path.join(os.tmpdir(), 'architecture-portal-install-proof'),
);
const appDir = path.join(work, 'app');
const packDir = path.join(work, 'packages');
const binDir = path.join(work, 'bin');
const shots = path.join(
  repo,
  'node_modules/.cache/e2e-test-results/install-proof',
);
const appPort = Number(process.env.INSTALL_PROOF_APP_PORT ?? 3500);
const backendPort = Number(process.env.INSTALL_PROOF_BACKEND_PORT ?? 7500);
const appUrl = `http://localhost:${appPort}`;
const backendUrl = `http://localhost:${backendPort}`;
const started = Date.now();

/** The READMEs, in the order of the install guide. */
const READMES = [
  'plugins/architecture-patterns/README.md',
  'plugins/catalog-backend-module-architecture-patterns/README.md',
  'plugins/scaffolder-backend-module-architecture-patterns/README.md',
  'plugins/architecture-patterns-backend/README.md',
];
const PLUGIN_DIRS = [
  'plugins/architecture-patterns-common',
  'plugins/architecture-patterns-node',
  'plugins/architecture-patterns',
  'plugins/catalog-backend-module-architecture-patterns',
  'plugins/scaffolder-backend-module-architecture-patterns',
  'plugins/architecture-patterns-backend',
];
const CONSTRUCTS_DIR = 'packages/cdk-pattern-constructs';

function log(message) {
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`\n=== ${message} (${seconds}s)\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}) in ${
        options.cwd ?? process.cwd()
      }`,
    );
  }
}

/** `yarn` for create-app and the README steps: the repository's Yarn 4, which hands over to the app's own. */
function writeYarnShim() {
  fs.mkdirSync(binDir, { recursive: true });
  const release = fs
    .readdirSync(path.join(repo, '.yarn/releases'))
    .find(f => f.endsWith('.cjs'));
  const shim = path.join(binDir, 'yarn');
  fs.writeFileSync(
    shim,
    `#!/bin/sh\nexec node "${path.join(
      repo,
      '.yarn/releases',
      release,
    )}" "$@"\n`,
  );
  fs.chmodSync(shim, 0o755);
}

const env = () => ({ PATH: `${binDir}:${process.env.PATH}` });

/** Builds and packs every package; returns package name -> tarball path. */
function pack() {
  fs.rmSync(packDir, { recursive: true, force: true });
  fs.mkdirSync(packDir, { recursive: true });
  if (!skipBuild) {
    log('Build the plugin packages');
    run('yarn', ['build:packages'], { cwd: repo, env: env() });
  }
  log('Pack');
  const tarballs = {};
  for (const dir of PLUGIN_DIRS) {
    const { name, version } = JSON.parse(
      fs.readFileSync(path.join(repo, dir, 'package.json'), 'utf8'),
    );
    const file = path.join(
      packDir,
      `${name.replace('@', '').replace('/', '-')}-${version}.tgz`,
    );
    run('yarn', ['pack', '--out', file], {
      cwd: path.join(repo, dir),
      env: env(),
    });
    tarballs[name] = file;
  }
  const constructs = path.join(repo, CONSTRUCTS_DIR);
  if (!fs.existsSync(path.join(constructs, 'node_modules'))) {
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: constructs });
  }
  const { name } = JSON.parse(
    fs.readFileSync(path.join(constructs, 'package.json'), 'utf8'),
  );
  const packed = spawnSync(
    'npm',
    ['pack', '--json', '--pack-destination', packDir],
    { cwd: constructs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (packed.status !== 0) throw new Error('npm pack of the constructs failed');
  const [{ filename }] = JSON.parse(
    packed.stdout.slice(packed.stdout.indexOf('[')),
  );
  tarballs[name] = path.join(packDir, filename);
  return tarballs;
}

function createApp() {
  log('Create a fresh app with @backstage/create-app');
  fs.rmSync(appDir, { recursive: true, force: true });
  run(
    'npx',
    [
      '--yes',
      '@backstage/create-app@latest',
      '--skip-install',
      '--path',
      appDir,
    ],
    {
      cwd: work,
      env: env(),
      input: 'proof-app\n',
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
}

/** The registry stand-in: the app resolves our packages to their tarballs. */
function pointResolutionsAtTarballs(tarballs) {
  const file = path.join(appDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  pkg.resolutions = { ...pkg.resolutions };
  for (const [name, tarball] of Object.entries(tarballs)) {
    pkg.resolutions[name] = `file:${tarball}`;
  }
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** The marked code blocks of a README, in order. */
export function installSteps(markdown) {
  const steps = [];
  const pattern =
    /<!-- install-proof:(shell|backend|app-config) -->\s*```[a-z]*\n([\s\S]*?)```/g;
  for (const [, kind, body] of markdown.matchAll(pattern)) {
    steps.push({ kind, body });
  }
  return steps;
}

function mergeConfig(target, addition) {
  for (const [key, value] of Object.entries(addition)) {
    if (Array.isArray(value) && Array.isArray(target[key])) {
      target[key] = [...target[key], ...value];
    } else if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      target[key] &&
      typeof target[key] === 'object'
    ) {
      mergeConfig(target[key], value);
    } else {
      target[key] = value;
    }
  }
}

function followReadmes(tarballs) {
  for (const readme of READMES) {
    const steps = installSteps(
      fs.readFileSync(path.join(repo, readme), 'utf8'),
    );
    if (steps.length === 0) throw new Error(`${readme} has no install steps`);
    for (const step of steps) {
      log(`${readme}: ${step.kind}\n${step.body.trim()}`);
      if (step.kind === 'shell') {
        // yarn add <our package> installs its tarball (the registry stand-in).
        const script = step.body.replace(
          /(@platform-architecture\/[a-z0-9-]+)/g,
          (name, _m, offset, whole) => {
            const line = whole.slice(
              whole.lastIndexOf('\n', offset) + 1,
              offset,
            );
            return /\byarn\b.*\badd\b/.test(line) && tarballs[name]
              ? `${name}@file:${tarballs[name]}`
              : name;
          },
        );
        run('bash', ['-euo', 'pipefail', '-c', script], {
          cwd: appDir,
          env: env(),
        });
      } else if (step.kind === 'backend') {
        const file = path.join(appDir, 'packages/backend/src/index.ts');
        const source = fs.readFileSync(file, 'utf8');
        if (!source.includes('backend.start();')) {
          throw new Error(
            'packages/backend/src/index.ts has no backend.start()',
          );
        }
        fs.writeFileSync(
          file,
          source.replace('backend.start();', `${step.body}\nbackend.start();`),
        );
      } else {
        const file = path.join(appDir, 'app-config.yaml');
        const config = YAML.parse(fs.readFileSync(file, 'utf8'));
        mergeConfig(config, YAML.parse(step.body));
        fs.writeFileSync(file, YAML.stringify(config));
      }
    }
  }
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

function startApp() {
  log(`Start the app (${appUrl}, backend ${backendUrl})`);
  const child = spawn('yarn', ['start'], {
    cwd: appDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env(),
      APP_CONFIG_app_baseUrl: appUrl,
      APP_CONFIG_backend_baseUrl: backendUrl,
      APP_CONFIG_backend_listen_port: String(backendPort),
      APP_CONFIG_backend_cors_origin: appUrl,
    },
  });
  const logFile = fs.createWriteStream(path.join(work, 'app.log'));
  child.stdout.pipe(logFile);
  child.stderr.pipe(logFile);
  return child;
}

function stopApp(child) {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function check(condition, message) {
  if (!condition) throw new Error(`Install proof: ${message}`);
}

async function drive() {
  log('Drive the app in Chromium');
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.setDefaultTimeout(60_000);
  const shot = name =>
    page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  try {
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    // Signed in once the sidebar offers the plugin's page.
    await page
      .getByRole('link', { name: 'Patterns', exact: true })
      .first()
      .waitFor();

    // The Patterns page lists the library (the catalog processes it first).
    const card = page.getByTestId('pattern-card-multi-site-active-active-dr');
    for (let attempt = 0; ; attempt++) {
      await page.goto(`${appUrl}/patterns`);
      try {
        await card.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt >= 18) throw error;
      }
    }
    const cards = await page.getByTestId(/^pattern-card-/).count();
    check(cards >= 20, `the Patterns page lists ${cards} patterns`);
    await shot('1-patterns');

    // A pattern page draws its diagram, with the AWS icons.
    await page.goto(`${appUrl}/patterns/multi-site-active-active-dr`);
    const diagram = page.getByRole('img', { name: /^Diagram:/ });
    await diagram.waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('svg[role="img"] image')].every(
        image => image.getBBox().width > 0,
      ),
    );
    check(
      (await diagram.locator('[data-testid^="diagram-node-"]').count()) > 0,
      'the pattern diagram has no nodes',
    );
    await diagram.screenshot({
      path: path.join(shots, '2-pattern-diagram.png'),
    });

    // A guide recommends.
    await page.goto(
      `${appUrl}/patterns/guides/disaster-recovery?rpo=minutes&rto=hours`,
    );
    const recommended = page.getByTestId('guide-recommended');
    await recommended.waitFor();
    check(
      (await recommended.textContent())?.includes('Pilot light'),
      'the disaster recovery guide did not recommend pilot light',
    );
    await shot('3-guide');

    // A template scaffolds a service that appears in the catalog with its pattern.
    const name = `proof-orders-${Date.now().toString(36)}`;
    await page.goto(`${appUrl}/create/templates/default/event-driven-service`);
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    const owner = page.getByRole('textbox', { name: 'Owner' });
    await owner.click();
    await owner.fill('guests');
    await page.getByRole('option', { name: /guests/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Queue type').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Repository host').waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page
      .getByRole('button', { name: 'Open in the catalog' })
      .or(page.getByRole('link', { name: 'Open in the catalog' }))
      .first()
      .waitFor({ timeout: 180_000 });
    await shot('4-template-task');
    const patternLink = page.getByRole('link', {
      name: 'Event-driven architecture (basic)',
    });
    for (let attempt = 0; ; attempt++) {
      await page.goto(`${appUrl}/catalog/default/component/${name}`);
      try {
        await patternLink.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 18) throw error;
      }
    }
    await shot('5-service-with-pattern');
  } catch (error) {
    await shot('failure').catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

async function main() {
  fs.mkdirSync(work, { recursive: true });
  writeYarnShim();
  const tarballs = pack();
  createApp();
  pointResolutionsAtTarballs(tarballs);
  followReadmes(tarballs);
  const app = startApp();
  const stop = () => stopApp(app);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  }
  try {
    await waitFor(`${backendUrl}/.backstage/health/v1/readiness`, 600_000);
    await waitFor(appUrl, 600_000);
    await drive();
    log(`Install proof passed; screenshots in ${path.relative(repo, shots)}`);
  } catch (error) {
    process.stderr.write(
      `${error?.stack ?? error}\nApp log: ${path.join(work, 'app.log')}\n`,
    );
    process.exitCode = 1;
  } finally {
    stop();
    if (!keep && process.exitCode !== 1) {
      fs.rmSync(appDir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
