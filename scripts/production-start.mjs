#!/usr/bin/env node
// Runs the production build of the backend (the bundle `yarn build:backend`
// writes, with the built frontend inside) from this checkout, the way the
// Dockerfile runs it in an image, without Docker:
//
//   yarn build:backend
//   node scripts/production-start.mjs --config app-config.yaml --config app-config.production.yaml
//
// The bundle is unpacked into .cache/production-bundle; its packages are
// the built ones (dist/), and third-party dependencies resolve from this
// checkout's node_modules (the image installs them with
// `yarn workspaces focus --all --production` instead). The working directory
// stays the repository root, so the config's file locations resolve as in
// the image. Arguments are passed to the backend.
import { spawn, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'packages/backend/dist/bundle.tar.gz');
const defaultTarget = join(root, '.cache/production-bundle');

/** Unpacks the bundle and links its workspace packages by name. */
/**
 * Builds the backend bundle (and with it the frontend) with the repository's
 * own Yarn release, so no global yarn is needed.
 */
export function buildBackendBundle() {
  const yarnPath = readFileSync(join(root, '.yarnrc.yml'), 'utf8').match(
    /^yarnPath:\s*(.+)$/m,
  )[1];
  execFileSync(process.execPath, [join(root, yarnPath), 'build:backend'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
    },
  });
}

export function unpackBundle(target = defaultTarget) {
  if (!existsSync(bundle)) {
    throw new Error(
      `${relative(root, bundle)} is missing: run yarn build:backend first`,
    );
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', bundle, '-C', target]);
  const workspaces = execFileSync('tar', ['tzf', bundle], { encoding: 'utf8' })
    .split('\n')
    .filter(entry =>
      /^(\.\/)?(packages|plugins)\/[^/]+\/package\.json$/.test(entry),
    );
  for (const entry of workspaces) {
    const packageDir = join(target, dirname(entry));
    const { name } = JSON.parse(readFileSync(join(target, entry), 'utf8'));
    const link = join(target, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(packageDir, link, 'dir');
  }
  return join(target, 'packages/backend');
}

/** Starts the unpacked backend; resolves with its child process. */
export function startBackend(args, options = {}, target = defaultTarget) {
  const backendDir = join(target, 'packages/backend');
  return spawn(process.execPath, [backendDir, ...args], {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { NODE_ENV: 'production', ...process.env, ...options.env },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  unpackBundle();
  const child = startBackend(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', code => process.exit(code ?? 1));
}
