import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileAwareTextPlaceholder } from './fileTextPlaceholder';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'placeholder-'));
fs.mkdirSync(path.join(dir, 'library/conformance'), { recursive: true });
fs.writeFileSync(path.join(dir, 'library/conformance/p.guard'), 'rule r {}\n');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for entities');
const yamlFile = path.join(dir, 'library/p.yaml');

const resolve = (value: unknown, baseUrl = yamlFile) => {
  const read = jest.fn(async () => Buffer.from('from the url reader'));
  const emit = jest.fn();
  return {
    read,
    emit,
    result: fileAwareTextPlaceholder({
      key: 'text',
      value: value as string,
      baseUrl,
      read,
      resolveUrl: (url: string, base: string) => new URL(url, base).toString(),
      emit,
    }),
  };
};

describe('$text in file locations', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file next to the entity YAML', async () => {
    await expect(resolve('./conformance/p.guard').result).resolves.toBe(
      'rule r {}\n',
    );
  });

  it.each([
    '../secret.txt',
    path.join(dir, 'secret.txt'),
    'conformance/../../secret.txt',
  ])('refuses to leave the folder of the entity YAML: %s', async value => {
    await expect(resolve(value).result).rejects.toThrow(
      /may only read files in the folder of/,
    );
  });

  it('names a missing file', async () => {
    await expect(resolve('./conformance/none.guard').result).rejects.toThrow(
      /could not read location \.\/conformance\/none\.guard/,
    );
  });

  it('reads url locations through the URL readers, as before', async () => {
    const { read, emit, result } = resolve(
      './rules.guard',
      'https://example.com/org/repo/blob/main/patterns/p.yaml',
    );
    await expect(result).resolves.toBe('from the url reader');
    expect(read).toHaveBeenCalledWith(
      'https://example.com/org/repo/blob/main/patterns/rules.guard',
    );
    expect(emit).toHaveBeenCalledWith({
      type: 'refresh',
      key: 'url:https://example.com/org/repo/blob/main/patterns/rules.guard',
    });
  });
});
