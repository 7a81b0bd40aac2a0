import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { REPO_ROOT } from './portalTestBackend';

export const TEMPLATES_DIR = path.join(REPO_ROOT, 'templates');

/** Names of the service templates (those with a skeleton) in the repository's templates/ folder. */
export function templateNames(): string[] {
  return fs
    .readdirSync(TEMPLATES_DIR)
    .filter(name => fs.existsSync(path.join(TEMPLATES_DIR, name, 'skeleton')))
    .sort();
}

/** The version a template states in its template-version annotation. */
export function templateVersion(name: string): string {
  const template = parse(
    fs.readFileSync(path.join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'),
  );
  return template.metadata.annotations[
    'architecture.platform.dev/template-version'
  ];
}

/**
 * Fixture files of a template (`fixtures/*.yaml`), `values.yaml` first. The variants cover every
 * value of each of the template's enums between them.
 */
export function fixtureNames(name: string): string[] {
  return fs
    .readdirSync(path.join(TEMPLATES_DIR, name, 'fixtures'))
    .filter(f => f.endsWith('.yaml'))
    .sort((a, b) => {
      if (a === 'values.yaml') return -1;
      if (b === 'values.yaml') return 1;
      return a.localeCompare(b);
    });
}

/** A template as the dry-run API takes it: entity, fixture values, files. */
export async function loadTemplate(name: string, fixture = 'values.yaml') {
  const dir = path.join(TEMPLATES_DIR, name);
  const template = parse(
    await fs.readFile(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const values = parse(
    await fs.readFile(path.join(dir, 'fixtures', fixture), 'utf8'),
  );
  const directoryContents: Array<{ path: string; base64Content: string }> = [];
  const walk = async (relative: string) => {
    for (const entry of await fs.readdir(path.join(dir, relative), {
      withFileTypes: true,
    })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) await walk(child);
      else
        directoryContents.push({
          path: child,
          base64Content: (await fs.readFile(path.join(dir, child))).toString(
            'base64',
          ),
        });
    }
  };
  await walk('skeleton');
  return { template, values, directoryContents };
}

/** Writes the files a dry run returned into a folder. */
export async function writeDirectoryContents(
  targetDir: string,
  files: Array<{ path: string; base64Content: string; executable?: boolean }>,
) {
  for (const file of files) {
    const target = path.join(targetDir, file.path);
    await fs.outputFile(target, Buffer.from(file.base64Content, 'base64'));
    if (file.executable) await fs.chmod(target, 0o755);
  }
}
