import fs from 'fs-extra';
import path from 'path';
import * as tar from 'tar';
import { git } from '../../actions/publishLocal/gitCommand';
import { writeTree } from '../../provenance/fileTree';
import { provenanceOf, writeProvenance } from '../../provenance/provenance';
import { createTemporaryFolder } from '../../__testUtils__/mockActionContext';
import { renderRelease } from '../render/renderRelease';
import { DryRun } from '../render/scaffolderDryRun';
import { TemplateReleases } from '../releases/templateReleases';

export const GIT_AUTHOR = {
  GIT_AUTHOR_NAME: 'Jane Doe',
  GIT_AUTHOR_EMAIL: 'jane.doe@example.com',
  GIT_COMMITTER_NAME: 'Jane Doe',
  GIT_COMMITTER_EMAIL: 'jane.doe@example.com',
};

/**
 * A repository as a released template version generates it: the rendered
 * files, a decision record, the provenance, one commit on main.
 */
export async function generateRepository(options: {
  releases: TemplateReleases;
  dryRun: DryRun;
  template: string;
  version: string;
  answers: Record<string, unknown>;
}): Promise<string> {
  const releaseDir = createTemporaryFolder('release-');
  await options.releases.extract(options.template, options.version, releaseDir);
  const tree = await renderRelease({
    releaseDir,
    answers: options.answers,
    dryRun: options.dryRun,
  });
  tree.set('docs/adr/0001-use-the-pattern.md', {
    content: Buffer.from('# Use the pattern\n\nDecided on the first day.\n'),
    executable: false,
  });
  const repoDir = createTemporaryFolder('repo-');
  await writeTree(repoDir, tree);
  const library = tree.get('lib/constructs/VERSION')!.content.toString();
  await writeProvenance(
    repoDir,
    provenanceOf({
      tree,
      template: { name: options.template, version: options.version },
      answers: options.answers,
      constructLibraryVersion: library.trim().split(' ').pop()!,
      vendored: ['lib/constructs'],
      records: ['docs/adr'],
    }),
  );
  await git(repoDir, ['init', '-q', '-b', 'main']);
  await commitAll(repoDir, 'Initial commit from template');
  return repoDir;
}

export async function commitAll(repoDir: string, message: string) {
  await git(repoDir, ['add', '--all']);
  await git(repoDir, ['commit', '-q', '-m', message], GIT_AUTHOR);
}

/** Edits a file of a repository with a function of its text. */
export async function editFile(
  repoDir: string,
  file: string,
  edit: (text: string) => string,
) {
  const full = path.join(repoDir, file);
  await fs.writeFile(full, edit(await fs.readFile(full, 'utf8')));
}

/**
 * A releases folder holding copies of real releases plus a made-up newer
 * version of one, derived from an existing release by `change` (which edits
 * the unpacked release folder).
 */
export async function releasesWithExtraVersion(options: {
  source: TemplateReleases;
  template: string;
  copy: string[];
  derive: {
    from: string;
    version: string;
    change: (dir: string) => Promise<void>;
  };
}): Promise<TemplateReleases> {
  const root = createTemporaryFolder('releases-');
  const target = path.join(root, options.template, 'releases');
  await fs.ensureDir(target);
  for (const version of options.copy) {
    const dir = createTemporaryFolder('copy-');
    await options.source.extract(options.template, version, dir);
    await pack(dir, path.join(target, `${version}.tgz`));
  }
  const dir = createTemporaryFolder('derived-');
  await options.source.extract(options.template, options.derive.from, dir);
  const templateFile = path.join(dir, 'template.yaml');
  await fs.writeFile(
    templateFile,
    (
      await fs.readFile(templateFile, 'utf8')
    ).replace(
      /(architecture\.platform\.dev\/template-version: )\S+/,
      `$1${options.derive.version}`,
    ),
  );
  await options.derive.change(dir);
  await pack(dir, path.join(target, `${options.derive.version}.tgz`));
  return new TemplateReleases(root);
}

/** The note the made-up release of {@link releasesWithReadmeMoved} adds. */
export const README_MOVED_NOTE = 'This README moved to docs/ in 1.3.0.';

/**
 * Releases 1.1.0 and 1.2.0 of a template, and a made-up 1.3.0 derived from
 * 1.2.0 that moves README.md to docs/README.md (adding
 * {@link README_MOVED_NOTE}) and declares the move in its migration.
 */
export function releasesWithReadmeMoved(
  source: TemplateReleases,
  template: string,
) {
  return releasesWithExtraVersion({
    source,
    template,
    copy: ['1.1.0', '1.2.0'],
    derive: {
      from: '1.2.0',
      version: '1.3.0',
      change: async dir => {
        const skeleton = path.join(dir, 'skeleton');
        await fs.move(
          path.join(skeleton, 'README.md'),
          path.join(skeleton, 'docs/README.md'),
        );
        await fs.appendFile(
          path.join(skeleton, 'docs/README.md'),
          `\n${README_MOVED_NOTE}\n`,
        );
        await fs.writeFile(
          path.join(dir, 'migration.yaml'),
          'renames:\n  - from: README.md\n    to: docs/README.md\n',
        );
      },
    },
  });
}

async function pack(dir: string, file: string) {
  const entries = (await fs.readdir(dir)).sort();
  await tar.create({ gzip: true, file, cwd: dir, portable: true }, entries);
}
