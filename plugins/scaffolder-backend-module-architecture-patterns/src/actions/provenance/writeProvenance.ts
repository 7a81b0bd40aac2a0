import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_TEMPLATE_VERSION,
  checkRelativePath,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  computeProvenance,
  PROVENANCE_PATH,
  writeProvenance,
} from '../../provenance/provenance';
import { examples } from './writeProvenance.examples';

/** Input defaults; the handler applies them itself (the scaffolder does not). */
const DEFAULTS = { vendored: ['lib/constructs'], records: ['docs/adr'] };

/**
 * `architecture:provenance:write`: records the template name and version,
 * the normalised answers, the construct library version and a hash of every
 * file in the workspace, so that an upgrade can render this version again and
 * tell the team's changes from the template's.
 */
export function createWriteProvenanceAction() {
  return createTemplateAction({
    id: 'architecture:provenance:write',
    description: `Writes ${PROVENANCE_PATH}: template name and version (from the template's ${ANNOTATION_TEMPLATE_VERSION} annotation), answers, construct library version and file hashes. Run it after every step that writes files.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        answers: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              'The normalised answers (the validate step output), as the template steps read them.',
            ),
        constructLibraryVersion: z =>
          z
            .string()
            .min(1)
            .describe('Version of the construct library copied.'),
        vendored: z =>
          z
            .array(z.string())
            .default(DEFAULTS.vendored)
            .describe(
              'Folders holding vendored code: an upgrade replaces such a file only while the team has not changed it.',
            ),
        records: z =>
          z
            .array(z.string())
            .default(DEFAULTS.records)
            .describe(
              'Folders of records written once for the team (decision records): upgrades never touch them.',
            ),
      },
      output: {
        version: z => z.string().describe('The template version recorded.'),
      },
    },
    async handler(ctx) {
      const metadata = ctx.templateInfo?.entity?.metadata;
      const version = metadata?.annotations?.[ANNOTATION_TEMPLATE_VERSION];
      if (!metadata?.name || !version) {
        throw new InputError(
          `The template has no ${ANNOTATION_TEMPLATE_VERSION} annotation, so there is no version to record`,
        );
      }
      const { vendored = DEFAULTS.vendored, records = DEFAULTS.records } =
        ctx.input;
      const problems = [...vendored, ...records].flatMap(folder =>
        checkRelativePath(folder, 'vendored/records'),
      );
      if (problems.length) throw new InputError(problems.join('; '));

      const provenance = await computeProvenance({
        rootDir: ctx.workspacePath,
        template: { name: metadata.name, version },
        answers: ctx.input.answers,
        constructLibraryVersion: ctx.input.constructLibraryVersion,
        vendored,
        records,
      });
      await writeProvenance(ctx.workspacePath, provenance);
      ctx.logger.info(
        `Recorded ${metadata.name} ${version} and ${
          Object.keys(provenance.files).length
        } file hashes in ${PROVENANCE_PATH}`,
      );
      ctx.output('version', version);
    },
  });
}
