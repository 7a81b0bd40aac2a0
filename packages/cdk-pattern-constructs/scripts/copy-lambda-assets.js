#!/usr/bin/env node
// `tsc` only emits the TypeScript; the Lambda handlers (plain CommonJS) and the SQL files
// they ship live in src/**/lambda/. Copy them next to the compiled constructs so that
// dist/ is self-contained (lambda.Code.fromAsset resolves them relative to __dirname).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
let copied = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory()) continue;
    if (entry.name === 'lambda') {
      const target = path.join(root, 'dist', path.relative(root, full));
      fs.rmSync(target, { recursive: true, force: true });
      fs.cpSync(full, target, { recursive: true });
      copied++;
    } else {
      walk(full);
    }
  }
}
walk(path.join(root, 'src'));
console.log(`copied ${copied} lambda asset folder(s) to dist/`);
