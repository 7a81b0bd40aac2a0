#!/usr/bin/env node
/*
 * npm never packs a package's own package-lock.json or .gitignore, yet the
 * scaffolder's architecture:constructs:copy action derives a generated
 * repository's lock file and .gitignore from them. Before packing, copy them
 * into project/, which the package ships; the action reads them from there
 * when the package comes from a registry.
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'project');
fs.mkdirSync(target, { recursive: true });
fs.copyFileSync(
  path.join(root, 'package-lock.json'),
  path.join(target, 'package-lock.json'),
);
fs.copyFileSync(path.join(root, '.gitignore'), path.join(target, 'gitignore'));
