#!/usr/bin/env node
/*
 * The service templates live at the repository root (templates/), and the
 * CDK construct library in packages/cdk-pattern-constructs, where the portal
 * and the tests read them. The published package ships a copy of both, so a
 * portal that installs it has the templates to copy and the construct source
 * that architecture:constructs:copy puts into every generated repository
 * (construct-library/, without the library's own dependencies):
 * `node scripts/pack-templates.js copy` before packing, `remove` after.
 *
 * Package managers never pack a `.github` folder, which the skeletons have
 * (the generated repository's CI workflow): the copy names it `dot-github`,
 * and bin/copy-templates.js names it back when a portal copies the templates.
 */
const fs = require('fs');
const path = require('path');
const { renameGithubFolders } = require('../bin/github-folders');

const source = path.resolve(__dirname, '../../../templates');
const target = path.resolve(__dirname, '../templates');
const librarySource = path.resolve(
  __dirname,
  '../../../packages/cdk-pattern-constructs',
);
const libraryTarget = path.resolve(__dirname, '../construct-library');
const BUILD_OUTPUT = new Set(['node_modules', 'cdk.out', 'dist']);

fs.rmSync(target, { recursive: true, force: true });
fs.rmSync(libraryTarget, { recursive: true, force: true });
if (process.argv[2] === 'copy') {
  fs.cpSync(path.join(librarySource, 'src'), path.join(libraryTarget, 'src'), {
    recursive: true,
    filter: file => !file.split(path.sep).some(part => BUILD_OUTPUT.has(part)),
  });
  for (const file of [
    'package.json',
    'tsconfig.json',
    'jest.config.js',
    'cdk.json',
  ]) {
    fs.copyFileSync(
      path.join(librarySource, file),
      path.join(libraryTarget, file),
    );
  }
  // Under project/, as in the library's own package: package managers do
  // not pack a .gitignore (nor, for npm, the root lock file).
  fs.mkdirSync(path.join(libraryTarget, 'project'));
  fs.copyFileSync(
    path.join(librarySource, 'package-lock.json'),
    path.join(libraryTarget, 'project/package-lock.json'),
  );
  fs.copyFileSync(
    path.join(librarySource, '.gitignore'),
    path.join(libraryTarget, 'project/gitignore'),
  );

  fs.cpSync(source, target, {
    recursive: true,
    filter: file => !file.split(path.sep).includes('fixtures'),
  });
  renameGithubFolders(target, '.github', 'dot-github');
}
