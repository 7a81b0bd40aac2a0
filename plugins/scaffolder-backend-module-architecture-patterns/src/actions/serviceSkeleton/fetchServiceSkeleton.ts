import { InputError } from '@backstage/errors';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { localTemplateFolder } from '../templateFolder';
import { describeTemplate } from '../validate/templateDescription';
import { examples } from './fetchServiceSkeleton.examples';
import {
  findServiceSkeleton,
  SERVICE_SKELETON,
} from './serviceSkeletonDirectory';

/**
 * `architecture:service-skeleton:fetch`: renders the skeleton files all
 * service templates share (templates/service-skeleton) into the workspace,
 * with the scaffolder's own fetch:template, so they have one source. The
 * template's own skeleton, fetched before, wins where both have a file.
 */
export function createFetchServiceSkeletonAction(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  /** The templates folder, whose service-skeleton/ is the last resort. */
  templatesDirectory?: string;
}) {
  const fetchTemplate = createFetchTemplateAction({
    reader: options.reader,
    integrations: options.integrations,
  });
  return createTemplateAction({
    id: 'architecture:service-skeleton:fetch',
    description: `Renders the skeleton files every service template shares (${SERVICE_SKELETON}/: catalog entity, TechDocs, CI workflow, the tests' CDK app) into the workspace, keeping files the template's own skeleton already wrote. The files see the given values, and the running template as values.template (name, ref, version, pattern).`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        values: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              'Values for the files, usually ${{ steps.validate.output.values }}.',
            ),
      },
    },
    async handler(ctx) {
      const values = {
        ...ctx.input.values,
        template: describeTemplate(ctx.templateInfo),
      };
      const templateBaseUrl = ctx.templateInfo?.baseUrl;
      if (templateBaseUrl && !localTemplateFolder(templateBaseUrl)) {
        // A template read from a repository host: the skeleton beside its
        // folder, through the portal's URL reader.
        ctx.logger.info(
          `Rendering the shared service skeleton beside ${templateBaseUrl}`,
        );
        await fetchTemplate.handler({
          ...ctx,
          input: { url: `../${SERVICE_SKELETON}`, values },
        });
        return;
      }
      const skeleton = await findServiceSkeleton({
        templateBaseUrl,
        templatesDirectory: options.templatesDirectory,
      });
      if (!skeleton) {
        throw new InputError(
          `No ${SERVICE_SKELETON}/ folder in or beside the template's folder, nor in the configured templates folder (architecturePatterns.templateReleases.directory)`,
        );
      }
      ctx.logger.info(`Rendering the shared service skeleton from ${skeleton}`);
      await fetchTemplate.handler({
        ...ctx,
        // fetch:template reads a relative url from beside the template file.
        templateInfo: {
          entityRef: ctx.templateInfo?.entityRef ?? '',
          ...ctx.templateInfo,
          baseUrl: `file://${skeleton}/template.yaml`,
        },
        input: { url: './', values },
      });
    },
  });
}
