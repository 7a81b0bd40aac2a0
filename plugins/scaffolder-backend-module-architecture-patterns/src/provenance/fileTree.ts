import fs from 'fs-extra';
import path from 'path';

/** A file of a repository tree. */
export type TreeFile = { content: Buffer; executable: boolean };

/** A repository's files by relative path (forward slashes), without .git and build output. */
export type FileTree = Map<string, TreeFile>;

/** Folders that are never part of a repository's content. */
const IGNORED = new Set(['.git', 'node_modules', 'cdk.out']);

/** The files of a repository tree, as sorted relative paths with forward slashes. */
export async function listFiles(rootDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (IGNORED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) found.push(full);
    }
  };
  await walk(rootDir);
  return found
    .map(file => path.relative(rootDir, file).split(path.sep).join('/'))
    .sort();
}

export async function readTree(rootDir: string): Promise<FileTree> {
  const tree: FileTree = new Map();
  for (const file of await listFiles(rootDir)) {
    const full = path.join(rootDir, file);
    const [content, stat] = await Promise.all([
      fs.readFile(full),
      fs.stat(full),
    ]);
    // eslint-disable-next-line no-bitwise
    tree.set(file, { content, executable: (stat.mode & 0o111) !== 0 });
  }
  return tree;
}

/**
 * Makes `rootDir` hold exactly `tree`: writes its files and removes every other
 * file (keeping .git, node_modules and build output).
 */
export async function writeTree(rootDir: string, tree: FileTree) {
  for (const file of await listFiles(rootDir)) {
    if (!tree.has(file)) await fs.remove(path.join(rootDir, file));
  }
  for (const [file, { content, executable }] of tree) {
    const full = path.join(rootDir, file);
    await fs.outputFile(full, content);
    await fs.chmod(full, executable ? 0o755 : 0o644);
  }
  await removeEmptyFolders(rootDir);
}

async function removeEmptyFolders(dir: string): Promise<boolean> {
  let empty = true;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !IGNORED.has(entry.name)) {
      if (await removeEmptyFolders(path.join(dir, entry.name))) {
        await fs.rmdir(path.join(dir, entry.name));
        continue;
      }
    }
    empty = false;
  }
  return empty;
}
