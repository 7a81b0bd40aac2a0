#!/usr/bin/env node
/*
 * Prints the size of the architecture patterns plugin's chunks in the
 * production build of the app: the chunks loaded with the page (what every
 * page load pays for the plugin) and each lazily loaded chunk.
 *
 * Usage: yarn bundle-sizes [--no-build]
 * Builds packages/app unless --no-build is given.
 *
 * Which modules went into which chunk is read from the build's source maps.
 * `backstage-cli package build --stats` would give webpack stats instead,
 * but its writer of the 180 MB stats file sometimes stalls half-way and
 * never returns.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const appDir = path.resolve(__dirname, '../packages/app');
const distDir = path.join(appDir, 'dist');
const staticDir = path.join(distDir, 'static');
const PLUGIN_SOURCE = 'plugins/architecture-patterns/src/';

if (!process.argv.includes('--no-build')) {
  execFileSync('yarn', ['backstage-cli', 'package', 'build'], {
    cwd: appDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const kb = bytes => `${(bytes / 1024).toFixed(1)} KiB`;

const initialScripts = new Set(
  [
    ...fs
      .readFileSync(path.join(distDir, 'index.html'), 'utf8')
      .matchAll(/src="\/static\/([^"]+\.js)"/g),
  ].map(match => match[1]),
);

function role(moduleNames, heavy) {
  if (
    moduleNames.includes('alpha/plugin.tsx') ||
    moduleNames.includes('index.ts')
  )
    return 'entry';
  if (heavy.some(name => name.startsWith('elkjs')))
    return 'diagram layout engine (elkjs)';
  if (moduleNames.some(n => n.includes('PatternsRouter')))
    return 'pattern catalog and pattern pages';
  if (moduleNames.some(n => n.includes('EntityPatternsCard')))
    return 'entity card';
  if (moduleNames.some(n => n.includes('EntityPatternContent')))
    return 'pattern entity tab';
  return `shared: ${moduleNames.join(', ')}`;
}

const rows = [];
for (const file of fs.readdirSync(staticDir).filter(f => f.endsWith('.js'))) {
  const mapFile = path.join(staticDir, `${file}.map`);
  if (!fs.existsSync(mapFile)) continue;
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const pluginModules = [];
  const heavy = [];
  map.sources.forEach((source, index) => {
    const size = map.sourcesContent?.[index]?.length ?? 0;
    if (source.includes(PLUGIN_SOURCE)) {
      pluginModules.push({
        name: source.slice(
          source.indexOf(PLUGIN_SOURCE) + PLUGIN_SOURCE.length,
        ),
        size,
      });
    } else if (source.includes('node_modules/elkjs/')) {
      heavy.push('elkjs');
    } else if (size > 100_000) {
      heavy.push(`${source.replace(/^.*node_modules\//, '')} (${kb(size)})`);
    }
  });
  if (pluginModules.length === 0 && !heavy.includes('elkjs')) continue;
  const content = fs.readFileSync(path.join(staticDir, file));
  const names = pluginModules.map(m => m.name);
  rows.push({
    file,
    role: role(names, heavy),
    initial: initialScripts.has(file),
    modules: pluginModules,
    own: pluginModules.reduce((sum, m) => sum + m.size, 0),
    raw: content.length,
    gzip: zlib.gzipSync(content).length,
    heavy: [...new Set(heavy)].filter(name => name !== 'elkjs'),
  });
}
rows.sort((a, b) =>
  a.role === 'entry'
    ? -1
    : b.role === 'entry'
    ? 1
    : a.role.localeCompare(b.role),
);

console.log('Architecture patterns plugin chunks in the production app build');
console.log(
  "(chunk = whole file as served, minified; plugin code = the plugin's own modules before minification)\n",
);
for (const row of rows) {
  console.log(
    `${row.role.padEnd(36)} ${row.file.padEnd(30)} ${
      row.initial ? 'initial' : 'lazy   '
    } ` +
      `${kb(row.raw).padStart(11)} (${kb(row.gzip)} gzip), plugin code ${kb(
        row.own,
      )} in ${row.modules.length} modules`,
  );
  if (row.heavy.length)
    console.log(
      `${' '.repeat(37)}shares the file with: ${row.heavy.join(', ')}`,
    );
}
