import fs from 'fs-extra';
import path from 'path';
import { readTree } from '../../provenance/fileTree';
import { createTemporaryFolder } from '../../__testUtils__/mockActionContext';
import { REPO_ROOT } from '../../__testUtils__/portalTestBackend';
import {
  TEMPLATES_DIR,
  templateNames,
  templateVersion,
} from '../../__testUtils__/templateFiles';
import {
  compareReleaseVersions,
  readMigration,
  TemplateReleases,
} from './templateReleases';

const releases = new TemplateReleases(TEMPLATES_DIR);
const LIBRARY = path.join(REPO_ROOT, 'packages/cdk-pattern-constructs');
const LIBRARY_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'jest.config.js',
  'cdk.json',
  '.gitignore',
];

/** What scripts/release-template.mjs would archive from the working tree now. */
async function workingTreeRelease(template: string) {
  const dir = path.join(TEMPLATES_DIR, template);
  const files = new Map<string, Buffer>();
  for (const folder of ['skeleton', '../service-skeleton']) {
    for (const [file, { content }] of await readTree(path.join(dir, folder))) {
      files.set(`${path.basename(folder)}/${file}`, content);
    }
  }
  for (const file of ['template.yaml', 'migration.yaml']) {
    if (await fs.pathExists(path.join(dir, file))) {
      files.set(file, await fs.readFile(path.join(dir, file)));
    }
  }
  for (const file of LIBRARY_FILES) {
    files.set(`library/${file}`, await fs.readFile(path.join(LIBRARY, file)));
  }
  for (const [file, { content }] of await readTree(path.join(LIBRARY, 'src'))) {
    if (!file.split('/').includes('dist'))
      files.set(`library/src/${file}`, content);
  }
  return files;
}

describe('released template versions', () => {
  it.each(templateNames())(
    '%s: the current version is released, and its archive is exactly what the working tree would release (change a template or the constructs only with a new version)',
    async template => {
      const version = templateVersion(template);
      expect(await releases.versions(template)).toContain(version);
      const extracted = createTemporaryFolder('release-');
      await releases.extract(template, version, extracted);
      const archived = await readTree(extracted);
      const current = await workingTreeRelease(template);
      const differences = [...new Set([...archived.keys(), ...current.keys()])]
        .filter(
          file =>
            !archived
              .get(file)
              ?.content.equals(current.get(file) ?? Buffer.alloc(0)) ||
            !current.has(file),
        )
        .sort();
      expect({
        template,
        version,
        differences,
        fix: `npx yarn release:template ${template} (after raising the version and adding a CHANGELOG entry)`,
      }).toEqual({
        template,
        version,
        differences: [],
        fix: expect.any(String),
      });
    },
  );

  /** A releases folder with (empty) archives of these versions, and files that are none. */
  async function releasesOf(versions: string[]) {
    const root = createTemporaryFolder('releases-');
    const dir = path.join(root, 'orders-service', 'releases');
    await fs.ensureDir(dir);
    for (const file of [
      ...versions.map(v => `${v}.tgz`),
      'latest.tgz',
      'notes.txt',
    ]) {
      await fs.writeFile(path.join(dir, file), '');
    }
    return new TemplateReleases(root);
  }

  it('lists released versions oldest first, by number', async () => {
    expect(
      ['1.10.0', '1.2.0', '1.9.1', '2.0.0'].sort(compareReleaseVersions),
    ).toEqual(['1.2.0', '1.9.1', '1.10.0', '2.0.0']);
    const some = await releasesOf(['1.10.0', '1.1.0', '1.2.0']);
    expect(await some.versions('orders-service')).toEqual([
      '1.1.0',
      '1.2.0',
      '1.10.0',
    ]);
    expect(await some.versions('no-such-template')).toEqual([]);
    expect(await releases.versions('../three-tier-service')).toEqual([]);
    expect(await releases.versions('three-tier-service')).toEqual(
      expect.arrayContaining(['1.1.0', '1.2.0']),
    );
  });

  it('steps from a recorded version through every later release up to the target', async () => {
    const some = await releasesOf(['1.1.0', '1.2.0', '1.3.0']);
    expect(await some.steps('orders-service', '1.1.0')).toEqual([
      '1.2.0',
      '1.3.0',
    ]);
    expect(await some.steps('orders-service', '1.2.0')).toEqual(['1.3.0']);
    expect(await some.steps('orders-service', '1.1.0', '1.2.0')).toEqual([
      '1.2.0',
    ]);
    expect(await some.steps('orders-service', '1.3.0')).toEqual([]);
    expect(await some.steps('orders-service', '1.1.0', '1.1.0')).toEqual([]);
    await expect(some.steps('orders-service', '1.0.0')).rejects.toThrow(
      /orders-service 1.0.0 is not a released version \(released: 1.1.0, 1.2.0, 1.3.0\)/,
    );
    await expect(
      some.steps('orders-service', '1.1.0', '9.0.0'),
    ).rejects.toThrow(/9.0.0 is not a released version/);
  });

  it('reads a migration, and refuses one that is incomplete', async () => {
    const dir = createTemporaryFolder('migration-');
    expect(await readMigration(dir)).toEqual({
      renames: [],
      replacements: [],
      answers: {},
    });
    await fs.writeFile(
      path.join(dir, 'migration.yaml'),
      'replacements:\n  - logicalId: Orders*\n    reason: new key schema\n',
    );
    expect((await readMigration(dir)).replacements).toEqual([
      { stack: '*', logicalId: 'Orders*', reason: 'new key schema' },
    ]);
    await fs.writeFile(
      path.join(dir, 'migration.yaml'),
      'replacements:\n  - logicalId: Orders*\n',
    );
    await expect(readMigration(dir)).rejects.toThrow(
      /needs a logicalId and a reason/,
    );
    await fs.writeFile(
      path.join(dir, 'migration.yaml'),
      'renames:\n  - from: a\n',
    );
    await expect(readMigration(dir)).rejects.toThrow(/needs from and to/);
  });
});
