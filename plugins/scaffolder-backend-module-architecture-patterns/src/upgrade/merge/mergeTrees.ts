import { FileTree, TreeFile } from '../../provenance/fileTree';
import {
  fileKind,
  PROVENANCE_PATH,
  sha256,
  TemplateProvenance,
} from '../../provenance/provenance';
import { isBinary, MergeLabels, mergeText } from './mergeText';

/** What the upgrade did with one file. */
export type FileOutcome =
  /** New in the template version. */
  | 'added'
  /** The template's change, on a file the team had not changed. */
  | 'updated'
  /** The template's and the team's changes, combined. */
  | 'merged'
  /** Removed by the template version; the team had not changed it. */
  | 'removed'
  /** The team deleted it; it stays deleted although the template changed it. */
  | 'kept-deleted'
  /** Moved by the version's migration, with the team's edits. */
  | 'renamed'
  /** Needs a person: conflict markers in the file, or the note says why. */
  | 'conflict';

export type MergedFile = { path: string; outcome: FileOutcome; note?: string };

export type TreeMerge = {
  tree: FileTree;
  /** Every file the upgrade changed or left for a person, by path. */
  files: MergedFile[];
  conflicts: string[];
};

const same = (a?: TreeFile, b?: TreeFile) =>
  Boolean(a && b && a.content.equals(b.content));

/** The whole file in conflict: the team's version against the template's. */
function wholeFileConflict(
  ours: Buffer,
  base: Buffer | undefined,
  theirs: Buffer | undefined,
  labels: MergeLabels,
): Buffer {
  const block = (content?: Buffer) => {
    if (!content?.length) return '';
    const text = content.toString('utf8');
    return text.endsWith('\n') ? text : `${text}\n`;
  };
  return Buffer.from(
    `<<<<<<< ${labels.ours}\n${block(ours)}||||||| ${labels.base}\n${block(
      base,
    )}=======\n${block(theirs)}>>>>>>> ${labels.theirs}${
      theirs ? '' : ' (deleted)'
    }\n`,
  );
}

/**
 * Merges a template version into a repository, path by path. `base` is the
 * old version rendered with the recorded answers, `theirs` the new version,
 * `ours` the repository as the team left it; `recorded` is the provenance of
 * `base` (the hashes of what the template wrote, and which files are
 * vendored or records).
 *
 * - Generated files (stacks, tests, docs, workflow): three-way merge.
 * - Vendored files (the construct library copy): replaced while the team has
 *   not changed them; a file the team changed is a conflict, never overwritten.
 * - Records (decision records): the team's; never touched.
 * - A file the team deleted stays deleted.
 */
export async function mergeTrees(options: {
  base: FileTree;
  theirs: FileTree;
  ours: FileTree;
  recorded: TemplateProvenance;
  labels: MergeLabels;
}): Promise<TreeMerge> {
  const { base, theirs, ours, recorded, labels } = options;
  const tree: FileTree = new Map(ours);
  const files: MergedFile[] = [];
  const note = (path: string, outcome: FileOutcome, text?: string) =>
    files.push({ path, outcome, ...(text ? { note: text } : {}) });
  const conflict = (
    path: string,
    content: Buffer | undefined,
    text: string,
  ) => {
    if (content) tree.set(path, { ...tree.get(path)!, content });
    note(path, 'conflict', text);
  };

  const paths = new Set([...base.keys(), ...theirs.keys(), ...ours.keys()]);
  paths.delete(PROVENANCE_PATH);
  for (const path of [...paths].sort()) {
    const [b, t, o] = [base.get(path), theirs.get(path), ours.get(path)];
    const kind = fileKind(path, recorded.folders);

    if (!o) {
      if (b) {
        if (t && !same(b, t)) note(path, 'kept-deleted');
      } else if (t) {
        tree.set(path, t);
        note(path, 'added');
      }
      continue;
    }
    if (kind === 'record' || same(o, t) || (!t && !b)) continue;

    if (kind === 'vendored') {
      const generated = recorded.files[path]?.sha256;
      const changedByTeam = generated
        ? sha256(o.content) !== generated
        : !same(o, b);
      if (!changedByTeam) {
        if (t) {
          tree.set(path, t);
          note(path, 'updated');
        } else {
          tree.delete(path);
          note(path, 'removed');
        }
      } else if (!same(b, t)) {
        conflict(
          path,
          wholeFileConflict(o.content, b?.content, t?.content, labels),
          'vendored construct file that your team changed: keep your change, take the template version, or combine them',
        );
      }
      continue;
    }

    if (!t) {
      if (same(o, b)) {
        tree.delete(path);
        note(path, 'removed');
      } else {
        conflict(
          path,
          wholeFileConflict(o.content, b!.content, undefined, labels),
          'the new version removes this file, and your team changed it',
        );
      }
      continue;
    }
    if (same(o, b)) {
      tree.set(path, t);
      note(path, 'updated');
      continue;
    }
    if (same(t, b)) continue; // only the team changed it
    if ([o, b, t].some(f => f && isBinary(f.content))) {
      conflict(
        path,
        undefined,
        'binary file changed by your team and by the template: yours is kept, take the new one by hand if you want it',
      );
      continue;
    }
    const merged = await mergeText(
      o.content,
      b?.content ?? Buffer.alloc(0),
      t.content,
      labels,
    );
    tree.set(path, { content: merged.content, executable: o.executable });
    if (merged.conflicts > 0) {
      note(
        path,
        'conflict',
        `${merged.conflicts} conflicting change${
          merged.conflicts === 1 ? '' : 's'
        } marked in the file`,
      );
    } else {
      note(path, 'merged');
    }
  }
  return {
    tree,
    files,
    conflicts: files.filter(f => f.outcome === 'conflict').map(f => f.path),
  };
}
