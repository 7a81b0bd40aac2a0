import fs from 'fs-extra';
import path from 'path';
import { localTemplateFolder } from '../templateFolder';

/** The folder of the skeleton files every service template shares. */
export const SERVICE_SKELETON = 'service-skeleton';

/**
 * Where the shared service skeleton is for a template read from a local
 * folder, first found of: the template's own folder (a release archive
 * carries the skeleton it was released with, so rendering that version again
 * renders the same files), the folder beside it (the templates folder of this
 * repository, or a portal's copy of it), and the templates folder configured
 * for upgrades (for a template that is in neither, such as a dry run in the
 * template editor).
 */
export async function findServiceSkeleton(options: {
  templateBaseUrl?: string;
  templatesDirectory?: string;
}): Promise<string | undefined> {
  const candidates: string[] = [];
  const templateDir = localTemplateFolder(options.templateBaseUrl);
  if (templateDir) {
    candidates.push(
      path.join(templateDir, SERVICE_SKELETON),
      path.join(path.dirname(templateDir), SERVICE_SKELETON),
    );
  }
  if (options.templatesDirectory) {
    candidates.push(path.resolve(options.templatesDirectory, SERVICE_SKELETON));
  }
  for (const candidate of candidates) {
    if ((await fs.stat(candidate).catch(() => undefined))?.isDirectory()) {
      return candidate;
    }
  }
  return undefined;
}
