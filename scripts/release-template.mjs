#!/usr/bin/env node
/*
 * Releases the current version of a service template: archives everything
 * needed to render that version again (template.yaml, skeleton/, the
 * optional migration.yaml, the shared service-skeleton/ beside the template's
 * folder and the construct library source it copies) into
 * templates/<name>/releases/<version>.tgz. Upgrades render released versions
 * from these archives, so a released version never changes: the script
 * refuses to overwrite one, and needs the version's entry in the template's
 * CHANGELOG.md first.
 *
 *   npx yarn release:template <name>
 *   npx yarn release:template <name> --source <dir> --library <dir>
 *
 * --source and --library release another tree (for example a version taken
 * from git history) instead of the working tree; the shared service skeleton
 * is the service-skeleton/ beside --source.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(
  path.join(
    root,
    'plugins/scaffolder-backend-module-architecture-patterns/package.json',
  ),
);
const tar = require('tar');

const VERSION_ANNOTATION = 'architecture.platform.dev/template-version';
/** The construct library files a template's project files are derived from. */
const LIBRARY_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'jest.config.js',
  'cdk.json',
  '.gitignore',
];
const BUILD_OUTPUT = new Set(['node_modules', 'cdk.out', 'dist']);

function fail(message) {
  console.error(`release-template: ${message}`);
  process.exit(1);
}

function option(name) {
  const index = process.argv.indexOf(name);
  return index > 0 ? path.resolve(process.argv[index + 1]) : undefined;
}

const name = process.argv[2];
if (!name || name.startsWith('-')) {
  fail('usage: release-template <template> [--source <dir>] [--library <dir>]');
}
const templateDir = path.join(root, 'templates', name);
const sourceDir = option('--source') ?? templateDir;
const libraryDir =
  option('--library') ?? path.join(root, 'packages/cdk-pattern-constructs');
if (!fs.existsSync(path.join(sourceDir, 'template.yaml'))) {
  fail(`no template.yaml in ${path.relative(root, sourceDir)}`);
}

const template = parse(
  fs.readFileSync(path.join(sourceDir, 'template.yaml'), 'utf8'),
);
const version = template.metadata?.annotations?.[VERSION_ANNOTATION];
if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
  fail(`template.yaml states no ${VERSION_ANNOTATION} of the form 1.2.3`);
}
const changelog = path.join(templateDir, 'CHANGELOG.md');
const entry = new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm');
if (
  !fs.existsSync(changelog) ||
  !entry.test(fs.readFileSync(changelog, 'utf8'))
) {
  fail(`add a "## ${version}" entry to templates/${name}/CHANGELOG.md first`);
}
const archive = path.join(templateDir, 'releases', `${version}.tgz`);
if (fs.existsSync(archive)) {
  fail(
    `${name} ${version} is already released; released versions never change, so raise the version in template.yaml`,
  );
}

const staging = fs.mkdtempSync(path.join(os.tmpdir(), `release-${name}-`));
const skipBuildOutput = file =>
  !file.split(path.sep).some(part => BUILD_OUTPUT.has(part));
fs.copyFileSync(
  path.join(sourceDir, 'template.yaml'),
  path.join(staging, 'template.yaml'),
);
fs.cpSync(path.join(sourceDir, 'skeleton'), path.join(staging, 'skeleton'), {
  recursive: true,
});
const serviceSkeletonDir = path.join(
  path.dirname(sourceDir),
  'service-skeleton',
);
if (fs.existsSync(serviceSkeletonDir)) {
  fs.cpSync(serviceSkeletonDir, path.join(staging, 'service-skeleton'), {
    recursive: true,
  });
}
if (fs.existsSync(path.join(sourceDir, 'migration.yaml'))) {
  fs.copyFileSync(
    path.join(sourceDir, 'migration.yaml'),
    path.join(staging, 'migration.yaml'),
  );
}
fs.mkdirSync(path.join(staging, 'library'));
for (const file of LIBRARY_FILES) {
  fs.copyFileSync(
    path.join(libraryDir, file),
    path.join(staging, 'library', file),
  );
}
fs.cpSync(path.join(libraryDir, 'src'), path.join(staging, 'library/src'), {
  recursive: true,
  filter: skipBuildOutput,
});

// Sorted entries, no owners or times: the same tree gives the same archive.
const entries = [];
const walk = dir => {
  for (const entry of fs.readdirSync(path.join(staging, dir)).sort()) {
    const relative = dir ? `${dir}/${entry}` : entry;
    if (fs.statSync(path.join(staging, relative)).isDirectory()) walk(relative);
    else entries.push(relative);
  }
};
walk('');
fs.mkdirSync(path.dirname(archive), { recursive: true });
await tar.create(
  {
    gzip: { level: 9 },
    file: archive,
    cwd: staging,
    portable: true,
    noDirRecurse: true,
    mtime: new Date(0),
  },
  entries,
);
fs.rmSync(staging, { recursive: true, force: true });
console.log(
  `Released ${name} ${version}: ${path.relative(root, archive)} (${
    entries.length
  } files, ${Math.round(fs.statSync(archive).size / 1024)} KiB)`,
);
