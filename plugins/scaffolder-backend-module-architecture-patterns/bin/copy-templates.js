#!/usr/bin/env node
/*
 * Copies the service templates this package ships into a folder of your
 * portal's repository, where you own and adapt them:
 *
 *   yarn --cwd packages/backend architecture-patterns-copy-templates ../../catalog/architecture-templates
 *
 * (The package stores each skeleton's .github folder as dot-github, since
 * package managers never pack .github; the copy restores the name.)
 */
const fs = require('fs');
const path = require('path');
const { renameGithubFolders } = require('./github-folders');

const destination = process.argv[2];
if (!destination) {
  process.stderr.write(
    'Usage: architecture-patterns-copy-templates <destination folder>\n',
  );
  process.exit(1);
}
const target = path.resolve(destination);
if (fs.existsSync(target)) {
  process.stderr.write(`${target} exists already; choose a new folder\n`);
  process.exit(1);
}
fs.cpSync(path.resolve(__dirname, '../templates'), target, {
  recursive: true,
});
renameGithubFolders(target, 'dot-github', '.github');
process.stdout.write(`Copied the templates to ${target}\n`);
