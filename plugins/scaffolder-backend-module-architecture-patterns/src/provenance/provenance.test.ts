import fs from 'fs-extra';
import path from 'path';
import { createTemporaryFolder } from '../__testUtils__/mockActionContext';
import {
  computeProvenance,
  PROVENANCE_PATH,
  readProvenance,
  sha256,
  writeProvenance,
} from './provenance';

async function generatedRepository() {
  const root = createTemporaryFolder('repo-');
  const files: Record<string, string> = {
    'lib/orders-stack.ts': 'export class OrdersStack {}\n',
    'lib/constructs/common/tags.ts': 'export const tags = {};\n',
    'docs/adr/0001-use-three-tier.md': '# Decision\n',
    'README.md': '# orders\n',
    'node_modules/x/index.js': 'ignored',
    '.git/HEAD': 'ignored',
  };
  for (const [file, content] of Object.entries(files)) {
    await fs.outputFile(path.join(root, file), content);
  }
  const provenance = await computeProvenance({
    rootDir: root,
    template: { name: 'three-tier-service', version: '1.2.0' },
    answers: { name: 'orders', webMinCapacity: 2 },
    constructLibraryVersion: '0.1.0',
    vendored: ['lib/constructs'],
    records: ['docs/adr'],
  });
  await writeProvenance(root, provenance);
  return { root, provenance };
}

describe('template provenance', () => {
  it('records every generated file with its hash and kind, and nothing from .git or node_modules', async () => {
    const { provenance } = await generatedRepository();
    expect(provenance.files).toEqual({
      'README.md': { sha256: sha256('# orders\n'), kind: 'generated' },
      'docs/adr/0001-use-three-tier.md': {
        sha256: sha256('# Decision\n'),
        kind: 'record',
      },
      'lib/constructs/common/tags.ts': {
        sha256: sha256('export const tags = {};\n'),
        kind: 'vendored',
      },
      'lib/orders-stack.ts': {
        sha256: sha256('export class OrdersStack {}\n'),
        kind: 'generated',
      },
    });
  });

  it('reads back what it wrote', async () => {
    const { root, provenance } = await generatedRepository();
    await expect(readProvenance(root)).resolves.toEqual(provenance);
  });

  it('accepts the file reformatted (the checksum covers the content, not the layout)', async () => {
    const { root, provenance } = await generatedRepository();
    await fs.writeJson(path.join(root, PROVENANCE_PATH), provenance);
    await expect(readProvenance(root)).resolves.toEqual(provenance);
  });

  it.each([
    ['an answer', (p: any) => (p.answers.webMinCapacity = 3)],
    ['the template version', (p: any) => (p.template.version = '1.3.0')],
    ['a file hash', (p: any) => (p.files['README.md'].sha256 = sha256('x'))],
    [
      'a file kind',
      (p: any) => (p.files['lib/constructs/common/tags.ts'].kind = 'generated'),
    ],
    ['a removed file', (p: any) => delete p.files['README.md']],
    ['the library version', (p: any) => (p.constructLibrary.version = '9.9.9')],
  ])('refuses a provenance whose %s was edited by hand', async (_, edit) => {
    const { root } = await generatedRepository();
    const file = path.join(root, PROVENANCE_PATH);
    const edited = await fs.readJson(file);
    edit(edited);
    await fs.writeJson(file, edited);
    await expect(readProvenance(root)).rejects.toThrow(/edited by hand/);
  });

  it('refuses a repository without provenance, and one whose provenance is not JSON or of another format', async () => {
    const root = createTemporaryFolder('repo-');
    await expect(readProvenance(root)).rejects.toThrow(/is missing/);
    await fs.outputFile(path.join(root, PROVENANCE_PATH), '{ not json');
    await expect(readProvenance(root)).rejects.toThrow(/not valid JSON/);
    await fs.outputJson(path.join(root, PROVENANCE_PATH), { formatVersion: 2 });
    await expect(readProvenance(root)).rejects.toThrow(/format version 1/);
  });
});
