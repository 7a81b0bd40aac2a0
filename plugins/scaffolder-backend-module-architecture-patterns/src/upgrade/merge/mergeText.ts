import { execFile } from 'child_process';
import fs from 'fs-extra';
import os from 'os';
import path from 'path';

/** The outcome of a three-way merge of one file. */
export type TextMerge = { content: Buffer; conflicts: number };

/** Labels of the conflict markers: what each side is, for the person resolving. */
export type MergeLabels = { ours: string; base: string; theirs: string };

/** Whether content looks binary (a NUL byte early on), so not line-mergeable. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/**
 * Three-way merges one text file with `git merge-file` (the merge git itself
 * uses): changes on either side since the base are combined; where both
 * changed the same lines, conflict markers in diff3 style show ours, the base
 * and theirs.
 */
export async function mergeText(
  ours: Buffer,
  base: Buffer,
  theirs: Buffer,
  labels: MergeLabels,
): Promise<TextMerge> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'merge-'));
  try {
    const [o, b, t] = ['ours', 'base', 'theirs'].map(name =>
      path.join(dir, name),
    );
    await Promise.all([
      fs.writeFile(o, ours),
      fs.writeFile(b, base),
      fs.writeFile(t, theirs),
    ]);
    return await new Promise<TextMerge>((resolve, reject) => {
      execFile(
        'git',
        [
          'merge-file',
          '-p',
          '--diff3',
          '-L',
          labels.ours,
          '-L',
          labels.base,
          '-L',
          labels.theirs,
          o,
          b,
          t,
        ],
        { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          // Exit status: the number of conflicts; negative (>127) on error.
          const code = error ? (error as { code?: number }).code ?? -1 : 0;
          if (typeof code !== 'number' || code < 0 || code > 127) {
            reject(
              new Error(`git merge-file failed: ${stderr.toString().trim()}`),
            );
            return;
          }
          resolve({ content: stdout, conflicts: code });
        },
      );
    });
  } finally {
    await fs.remove(dir);
  }
}
