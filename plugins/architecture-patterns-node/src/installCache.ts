import crypto from 'crypto';
import fs from 'fs/promises';
import path from 'path';
import { cleanEnvironment, runSandboxed } from './sandbox';

/**
 * A key for the installed dependencies of a lock file. Generated repositories differ only in
 * the package name and version at the root of their lock, which do not change what is
 * installed, so they share one install.
 */
export function installKey(lockText: string): string {
  const lock = JSON.parse(lockText);
  const packages = { ...(lock.packages ?? {}) };
  if (packages['']) {
    const { name: _name, version: _version, ...root } = packages[''];
    packages[''] = root;
  }
  const normalized = JSON.stringify({
    lockfileVersion: lock.lockfileVersion,
    packages,
    dependencies: lock.dependencies,
  });
  return crypto
    .createHash('sha256')
    .update(normalized)
    .digest('hex')
    .slice(0, 32);
}

async function exists(file: string) {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Gives `repoDir` a node_modules from the cache, installing with `npm ci` (no install
 * scripts, in the sandbox) the first time a lock file is seen.
 */
export async function linkInstalledDependencies(options: {
  repoDir: string;
  cacheDir: string;
  workDir: string;
  timeoutMs: number;
}): Promise<void> {
  const { repoDir, cacheDir, workDir } = options;
  const lockText = await fs
    .readFile(path.join(repoDir, 'package-lock.json'), 'utf8')
    .catch(() => {
      throw new Error('no package-lock.json in the repository');
    });
  const target = path.join(cacheDir, installKey(lockText));
  if (!(await exists(path.join(target, 'node_modules')))) {
    const staging = `${target}.${process.pid}.${Date.now()}`;
    await fs.mkdir(staging, { recursive: true });
    await fs.copyFile(
      path.join(repoDir, 'package.json'),
      path.join(staging, 'package.json'),
    );
    await fs.writeFile(path.join(staging, 'package-lock.json'), lockText);
    const run = await runSandboxed(
      'npm',
      ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: staging,
        env: cleanEnvironment(workDir, {
          npm_config_cache: path.join(cacheDir, '.npm'),
        }),
        timeoutMs: options.timeoutMs,
      },
    );
    if (run.timedOut || run.code !== 0) {
      await fs.rm(staging, { recursive: true, force: true });
      throw new Error(
        run.timedOut
          ? 'npm ci ran past the time limit'
          : `npm ci failed: ${firstLine(run.stderr || run.stdout)}`,
      );
    }
    // Another evaluation may have finished the same install meanwhile: keep the first.
    await fs
      .rename(staging, target)
      .catch(() => fs.rm(staging, { recursive: true, force: true }));
  }
  await fs.symlink(
    path.join(target, 'node_modules'),
    path.join(repoDir, 'node_modules'),
    'dir',
  );
}

/** The first line of tool output worth showing: an error line if there is one. */
export function firstLine(output: string): string {
  const lines = output
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
  return (
    lines.find(line => /error|Error|ERR!|failed|Cannot|not found/.test(line)) ??
    lines[0] ??
    'no output'
  ).slice(0, 300);
}
