import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { FileTree, readTree } from '../../provenance/fileTree';
import { PROVENANCE_PATH } from '../../provenance/provenance';
import { DryRun } from './scaffolderDryRun';

/**
 * Steps that do not shape the repository's files, or that only make sense for
 * a new repository: publishing and registration, the catalog's check of a new
 * entity, the decision record (written once for the team, dated the day it was
 * decided) and the provenance (the upgrade writes its own).
 */
const NOT_RENDERED = [
  /^publish:/,
  /^catalog:/,
  /^architecture:catalog-info:validate$/,
  /^architecture:decision-record:write$/,
  /^architecture:provenance:write$/,
];

type TemplateStep = { action: string; input?: Record<string, unknown> };

/**
 * A template's steps for rendering an existing repository again: the steps
 * that write its files, without the check that the name is still free (it is
 * taken, by the repository itself).
 */
export function renderingTemplate(template: any) {
  const steps = (template.spec.steps as TemplateStep[])
    .filter(step => !NOT_RENDERED.some(pattern => pattern.test(step.action)))
    .map(step => {
      if (step.action !== 'architecture:inputs:validate') return step;
      const { newEntityName: _free, ...input } = step.input ?? {};
      return { ...step, input };
    });
  return { ...template, spec: { ...template.spec, steps, output: {} } };
}

/**
 * Renders an unpacked template release with the recorded answers through the
 * scaffolder's dry run: the files that version generates for those answers.
 */
export async function renderRelease(options: {
  releaseDir: string;
  answers: Record<string, unknown>;
  dryRun: DryRun;
}): Promise<FileTree> {
  const template = parse(
    await fs.readFile(path.join(options.releaseDir, 'template.yaml'), 'utf8'),
  );
  const files = await readTree(options.releaseDir);
  const response = await options.dryRun({
    template: renderingTemplate(template),
    values: options.answers,
    directoryContents: [...files].map(([file, { content }]) => ({
      path: file,
      base64Content: content.toString('base64'),
    })),
  });
  const tree: FileTree = new Map();
  const sorted = [...response.directoryContents].sort((a, b) =>
    a.path < b.path ? -1 : 1,
  );
  for (const file of sorted) {
    if (file.path === PROVENANCE_PATH) continue;
    tree.set(file.path, {
      content: Buffer.from(file.base64Content, 'base64'),
      executable: Boolean(file.executable),
    });
  }
  return tree;
}
