#!/usr/bin/env node
/*
 * Prints the size of the architecture patterns plugin's chunks in the
 * production build of the app: the entry chunk (what every page load pays
 * for the plugin) and each lazily loaded page chunk.
 *
 * Usage: yarn bundle-sizes [--no-build]
 * Builds packages/app with bundle stats unless --no-build is given.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const appDir = path.resolve(__dirname, '../packages/app');
const distDir = path.join(appDir, 'dist');
const PLUGIN_SOURCE = 'plugins/architecture-patterns/src/';

if (!process.argv.includes('--no-build')) {
  execFileSync('yarn', ['backstage-cli', 'package', 'build', '--stats'], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const stats = JSON.parse(
  fs.readFileSync(path.join(distDir, 'bundle-stats.json'), 'utf8'),
);

const kb = bytes => `${(bytes / 1024).toFixed(1)} KiB`;

function fileSizes(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files.filter(f => f.endsWith('.js'))) {
    const content = fs.readFileSync(path.join(distDir, file));
    raw += content.length;
    gzip += zlib.gzipSync(content).length;
  }
  return { raw, gzip };
}

const chunks = new Map(stats.chunks.map(chunk => [String(chunk.id), chunk]));
const pluginModulesByChunk = new Map();
const heavyModulesByChunk = new Map();
for (const module of stats.modules) {
  const name = module.name ?? '';
  for (const chunkId of module.chunks ?? []) {
    const id = String(chunkId);
    if (name.includes(PLUGIN_SOURCE)) {
      const list = pluginModulesByChunk.get(id) ?? [];
      list.push({ name: name.slice(name.indexOf(PLUGIN_SOURCE) + PLUGIN_SOURCE.length), size: module.size });
      pluginModulesByChunk.set(id, list);
    } else if (name.includes('node_modules/elkjs/')) {
      pluginModulesByChunk.set(id, [
        ...(pluginModulesByChunk.get(id) ?? []),
        { name: 'elkjs (diagram layout engine, loaded on demand)', size: 0 },
      ]);
    } else if (module.size > 100_000) {
      const list = heavyModulesByChunk.get(id) ?? [];
      list.push(`${name.replace(/^.*node_modules\//, '')} (${kb(module.size)})`);
      heavyModulesByChunk.set(id, list);
    }
  }
}

function role(modules) {
  const names = modules.map(m => m.name);
  if (names.includes('index.ts')) return 'entry';
  if (names.some(n => n.startsWith('elkjs'))) return 'page: diagram layout engine (elkjs)';
  if (names.some(n => n.includes('PatternsRouter'))) return 'page: pattern catalog and pattern pages';
  if (names.some(n => n.includes('EntityPatternsCard'))) return 'page: entity card';
  if (names.some(n => n.includes('EntityPatternContent'))) return 'page: pattern entity tab';
  return `shared: ${names.join(', ')}`;
}

const rows = [...pluginModulesByChunk.entries()].map(([id, modules]) => {
  const chunk = chunks.get(id);
  const own = modules.reduce((sum, m) => sum + m.size, 0);
  return { id, role: role(modules), chunk, modules, own, ...fileSizes(chunk.files) };
});
rows.sort((a, b) => (a.role === 'entry' ? -1 : b.role === 'entry' ? 1 : a.role.localeCompare(b.role)));

console.log('Architecture patterns plugin chunks in the production app build');
console.log('(chunk = whole file as served, minified; plugin code = the plugin\'s own modules before minification)\n');
for (const row of rows) {
  console.log(
    `${row.role.padEnd(42)} chunk ${row.id.padEnd(6)} ${row.chunk.initial ? 'initial' : 'lazy   '} ` +
      `${kb(row.raw).padStart(11)} (${kb(row.gzip)} gzip), plugin code ${kb(row.own)} in ${row.modules.length} modules`,
  );
  const heavy = heavyModulesByChunk.get(row.id);
  if (heavy) console.log(`${' '.repeat(43)}shares the file with: ${heavy.join(', ')}`);
}
