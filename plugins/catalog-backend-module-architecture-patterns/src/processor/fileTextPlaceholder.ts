import fs from 'fs/promises';
import path from 'path';
import type { PlaceholderResolver } from '@backstage/plugin-catalog-node';

/**
 * `$text` that also works in `file` locations. The catalog's own resolver reads through
 * the URL readers, which do not read local files, so `$text: ./rules.guard` in a pattern
 * registered from a file fails. For a file location this reads the file relative to the
 * entity's YAML, only inside that YAML's folder; every other location is resolved exactly
 * as before (the URL readers, with their same-repository check).
 */
export const fileAwareTextPlaceholder: PlaceholderResolver = async ({
  key,
  value,
  baseUrl,
  read,
  resolveUrl,
  emit,
}) => {
  if (typeof value !== 'string') {
    throw new Error(
      `Placeholder $${key} expected a string value parameter, in the form of an absolute URL or a relative path`,
    );
  }
  if (path.isAbsolute(baseUrl)) {
    const folder = path.dirname(baseUrl);
    const file = path.resolve(folder, value);
    const relative = path.relative(folder, file);
    if (path.isAbsolute(value) || relative.startsWith('..')) {
      throw new Error(
        `Placeholder $${key} may only read files in the folder of ${baseUrl}, not ${value}`,
      );
    }
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new Error(
        `Placeholder $${key} could not read location ${value}, ${error}`,
      );
    }
  }
  const url = resolveUrl(value, baseUrl);
  const data = await read(url);
  emit({ type: 'refresh', key: `url:${url}` });
  return data.toString('utf-8');
};
