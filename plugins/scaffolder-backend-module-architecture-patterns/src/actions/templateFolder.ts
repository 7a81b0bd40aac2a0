import path from 'path';
import { fileURLToPath } from 'url';

/**
 * The folder of the running template's `template.yaml` when it is read from
 * the local file system (a `file` location, a dry run, or an unpacked release
 * archive), else undefined (a template on a repository host).
 */
export function localTemplateFolder(
  templateBaseUrl: string | undefined,
): string | undefined {
  return templateBaseUrl?.startsWith('file:')
    ? path.dirname(fileURLToPath(templateBaseUrl))
    : undefined;
}
