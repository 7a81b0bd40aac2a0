import path from 'path';
import { InputError, NotFoundError } from '@backstage/errors';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { assertMayUpgrade } from '../../upgrade/upgradePermission';
import { DryRun } from '../../upgrade/render/scaffolderDryRun';
import { TemplateReleases } from '../../upgrade/releases/templateReleases';
import { RunGate } from '../../upgrade/upgradeRepository';
import { localRepositoryOf } from '@platform-architecture/backstage-plugin-architecture-patterns-node';
import { proposeLocalUpgrade } from '../../upgrade/proposeLocalUpgrade';
import { gitAuthorOf } from '../gitAuthor';
import { examples } from './upgradeComponents.examples';

/** What happened to one component, as the step outputs it. */
type ComponentUpgrade = {
  entityRef: string;
  status: string;
  from?: string;
  to?: string;
  branch?: string;
  repositoryPath?: string;
  report?: string;
  error?: string;
};

function summaryMarkdown(results: ComponentUpgrade[]): string {
  return results
    .map(r => {
      const outcome = r.branch
        ? `**${r.status}**: branch \`${
            r.branch
          }\` of the repository \`${path.basename(
            r.repositoryPath ?? '',
          )}\`, with the report in \`.platform/upgrades/${r.to}.md\`.`
        : `**${r.status}**${r.error ? `: ${r.error}` : ''}`;
      return [`## ${r.entityRef}`, '', outcome, '', r.report ?? ''].join('\n');
    })
    .join('\n\n');
}

/**
 * `architecture:template:upgrade`: proposes an upgrade of each component's
 * repository to a newer release of the template that generated it, as a
 * branch `template-upgrade/<version>` with one commit and one report per
 * version step. Checks the upgrade permission per component first.
 */
export function createUpgradeComponentsAction(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  releases?: TemplateReleases;
  localPublishingDirectory?: string;
  dryRun: DryRun;
  runGate: RunGate;
}) {
  return createTemplateAction({
    id: 'architecture:template:upgrade',
    description:
      'Proposes upgrades of generated repositories to a newer template release: renders the recorded and the new version with the recorded answers, merges them into the repository, runs tests, synth and a stack diff, and pushes a branch template-upgrade/<version> with a report.',
    examples,
    schema: {
      input: {
        components: z =>
          z
            .array(z.string().min(1))
            .min(1)
            .describe('Entity refs of the components to upgrade.'),
        targetVersion: z =>
          z
            .string()
            .regex(/^(\d+\.\d+\.\d+)?$/)
            .optional()
            .describe(
              'The template release to upgrade to, such as 1.2.0; the newest when absent or empty.',
            ),
      },
      output: {
        upgrades: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .describe('Per component: status, versions, branch and report.'),
        summary: z =>
          z
            .string()
            .describe(
              'Markdown: per component its outcome, the branch and the report.',
            ),
      },
    },
    async handler(ctx) {
      const { releases, localPublishingDirectory } = options;
      if (!releases) {
        throw new InputError(
          'No template releases are configured: set architecturePatterns.templateReleases.directory',
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      const gitAuthor = gitAuthorOf(ctx.user);
      const results: ComponentUpgrade[] = [];
      for (const [index, entityRef] of ctx.input.components.entries()) {
        try {
          const entity = await options.catalog.getEntityByRef(entityRef, {
            credentials,
          });
          if (!entity)
            throw new NotFoundError(`${entityRef} is not in the catalog`);
          await assertMayUpgrade({
            permissions: options.permissions,
            credentials,
            entityRef,
          });
          const repositoryPath =
            localPublishingDirectory &&
            localRepositoryOf(entity, localPublishingDirectory);
          if (!repositoryPath) {
            throw new InputError(
              `${entityRef} is not a repository in the local publishing folder; upgrade proposals for other hosts are not available yet`,
            );
          }
          ctx.logger.info(`${entityRef}: upgrading ${repositoryPath}`);
          const proposal = await proposeLocalUpgrade({
            repositoryPath,
            releases,
            dryRun: options.dryRun,
            runGate: options.runGate,
            workDir: path.join(ctx.workspacePath, `upgrade-${index}`),
            targetVersion: ctx.input.targetVersion || undefined,
            gitAuthor,
            log: line => ctx.logger.info(`${entityRef}: ${line}`),
          });
          const last = proposal.steps[proposal.steps.length - 1];
          results.push({
            entityRef,
            status: proposal.status,
            from: proposal.from,
            to: last?.to ?? proposal.from,
            branch: proposal.branch,
            repositoryPath,
            report: last?.report,
          });
          ctx.logger.info(
            proposal.branch
              ? `${entityRef}: ${proposal.status}, proposed on branch ${proposal.branch}`
              : `${entityRef}: ${proposal.status}`,
          );
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          ctx.logger.error(`${entityRef}: ${message}`);
          results.push({ entityRef, status: 'failed', error: message });
        }
      }

      ctx.output('upgrades', results);
      ctx.output('summary', summaryMarkdown(results));
      const failed = results.filter(r => r.status === 'failed');
      if (failed.length > 0) {
        throw new Error(
          `Upgrade failed for ${failed
            .map(r => `${r.entityRef} (${r.error})`)
            .join('; ')}`,
        );
      }
    },
  });
}
