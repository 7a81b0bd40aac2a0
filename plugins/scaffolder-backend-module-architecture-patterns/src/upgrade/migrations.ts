import { FileTree } from '../provenance/fileTree';
import { TemplateProvenance } from '../provenance/provenance';
import { Migration } from './releases/templateReleases';

/** Fills `${{ values.x }}` in a migration path with the recorded answers. */
export function migrationPath(
  template: string,
  answers: Record<string, unknown>,
): string {
  return template.replace(
    /\$\{\{\s*values\.([A-Za-z0-9_]+)\s*\}\}/g,
    (_, key: string) => String(answers[key] ?? ''),
  );
}

function move<T>(map: Map<string, T>, from: string, to: string) {
  const value = map.get(from);
  if (value === undefined || map.has(to)) return false;
  map.delete(from);
  map.set(to, value);
  return true;
}

/**
 * Applies a version's renames before the merge: the repository's file (with
 * the team's edits), the old version's and its recorded hash move to the new
 * path, so the three-way merge lines them up with the new version's file.
 */
export function applyRenames(options: {
  migration: Migration;
  answers: Record<string, unknown>;
  ours: FileTree;
  base: FileTree;
  recorded: TemplateProvenance;
}): {
  ours: FileTree;
  base: FileTree;
  recorded: TemplateProvenance;
  renamed: Array<{ from: string; to: string }>;
} {
  const ours = new Map(options.ours);
  const base = new Map(options.base);
  const files = new Map(Object.entries(options.recorded.files));
  const renamed: Array<{ from: string; to: string }> = [];
  for (const rename of options.migration.renames) {
    const from = migrationPath(rename.from, options.answers);
    const to = migrationPath(rename.to, options.answers);
    move(base, from, to);
    move(files, from, to);
    if (move(ours, from, to)) renamed.push({ from, to });
  }
  return {
    ours,
    base,
    recorded: { ...options.recorded, files: Object.fromEntries(files) },
    renamed,
  };
}
