#!/usr/bin/env node
/*
 * The service templates live at the repository root (templates/), where the
 * portal and the tests read them. The published package ships a copy, so
 * that a portal installing it can copy the templates it ships:
 * `node scripts/pack-templates.js copy` before packing, `remove` after.
 *
 * Package managers never pack a `.github` folder, which the skeletons have
 * (the generated repository's CI workflow): the copy names it `dot-github`,
 * and bin/copy-templates.js names it back when a portal copies the templates.
 */
const fs = require('fs');
const path = require('path');

const source = path.resolve(__dirname, '../../../templates');
const target = path.resolve(__dirname, '../templates');

fs.rmSync(target, { recursive: true, force: true });
if (process.argv[2] === 'copy') {
  fs.cpSync(source, target, {
    recursive: true,
    filter: file => !file.split(path.sep).includes('fixtures'),
  });
  for (const name of fs.readdirSync(target)) {
    const skeleton = path.join(target, name, 'skeleton');
    if (fs.existsSync(path.join(skeleton, '.github'))) {
      fs.renameSync(
        path.join(skeleton, '.github'),
        path.join(skeleton, 'dot-github'),
      );
    }
  }
}
