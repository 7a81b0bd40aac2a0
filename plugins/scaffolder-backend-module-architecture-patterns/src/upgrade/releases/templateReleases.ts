import fs from 'fs-extra';
import path from 'path';
import * as tar from 'tar';
import { parse } from 'yaml';
import { InputError, NotFoundError } from '@backstage/errors';

/** What a template version declares for upgrades to it (its `migration.yaml`). */
export type Migration = {
  /** Files the version moved; the team's edits move with them. `${{ values.x }}` stands for an answer. */
  renames: Array<{ from: string; to: string }>;
  /** Stateful resources this version may replace or destroy, with the reason. */
  replacements: Array<{ stack: string; logicalId: string; reason: string }>;
  /** Answers for parameters the version added, where their default does not fit. */
  answers: Record<string, unknown>;
};

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** Orders release versions (major.minor.patch) from oldest to newest. */
export function compareReleaseVersions(a: string, b: string): number {
  const [x, y] = [VERSION.exec(a), VERSION.exec(b)];
  if (!x || !y) return a.localeCompare(b);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(x[i]) - Number(y[i]);
    if (diff) return diff;
  }
  return 0;
}

/**
 * The released versions of the service templates: `<directory>/<template>/releases/<version>.tgz`,
 * each holding what that version needs to be rendered again (see scripts/release-template.mjs).
 */
export class TemplateReleases {
  constructor(private readonly directory: string) {}

  /** Released versions of a template, oldest first. */
  async versions(template: string): Promise<string[]> {
    const dir = path.join(this.directory, template, 'releases');
    if (!/^[a-z0-9-]+$/.test(template) || !(await fs.pathExists(dir))) {
      return [];
    }
    return (await fs.readdir(dir))
      .filter(file => file.endsWith('.tgz'))
      .map(file => file.slice(0, -'.tgz'.length))
      .filter(version => VERSION.test(version))
      .sort(compareReleaseVersions);
  }

  /**
   * The versions an upgrade from `from` to `to` steps through, in order: every
   * released version after `from`, up to and including `to`.
   */
  async steps(template: string, from: string, to?: string): Promise<string[]> {
    const versions = await this.versions(template);
    if (!versions.includes(from)) {
      throw new NotFoundError(
        `${template} ${from} is not a released version (released: ${
          versions.join(', ') || 'none'
        })`,
      );
    }
    const target = to ?? versions[versions.length - 1];
    if (!versions.includes(target)) {
      throw new InputError(
        `${template} ${target} is not a released version (released: ${versions.join(
          ', ',
        )})`,
      );
    }
    return versions.filter(
      v =>
        compareReleaseVersions(v, from) > 0 &&
        compareReleaseVersions(v, target) <= 0,
    );
  }

  /** Unpacks a released version into `targetDir`. */
  async extract(template: string, version: string, targetDir: string) {
    if (!(await this.versions(template)).includes(version)) {
      throw new NotFoundError(
        `${template} ${version} is not a released version`,
      );
    }
    await fs.ensureDir(targetDir);
    await tar.extract({
      file: path.join(this.directory, template, 'releases', `${version}.tgz`),
      cwd: targetDir,
    });
  }
}

/** Reads the migration of an unpacked release; a release without one declares nothing. */
export async function readMigration(releaseDir: string): Promise<Migration> {
  const file = path.join(releaseDir, 'migration.yaml');
  const empty: Migration = { renames: [], replacements: [], answers: {} };
  if (!(await fs.pathExists(file))) return empty;
  const parsed = parse(await fs.readFile(file, 'utf8')) ?? {};
  const migration: Migration = {
    renames: parsed.renames ?? [],
    replacements: parsed.replacements ?? [],
    answers: parsed.answers ?? {},
  };
  for (const rename of migration.renames) {
    if (typeof rename?.from !== 'string' || typeof rename?.to !== 'string') {
      throw new InputError('migration.yaml: every rename needs from and to');
    }
  }
  for (const replacement of migration.replacements) {
    if (!replacement?.logicalId || !replacement?.reason) {
      throw new InputError(
        'migration.yaml: every replacement needs a logicalId and a reason',
      );
    }
    replacement.stack ??= '*';
  }
  return migration;
}
