import path from 'path';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionContext,
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { assertMayUpgrade } from '../../upgrade/upgradePermission';
import { DryRun } from '../../upgrade/render/scaffolderDryRun';
import { TemplateReleases } from '../../upgrade/releases/templateReleases';
import { RunGate } from '../../upgrade/upgradeRepository';
import { localRepositoryOf } from '@platform-architecture/backstage-plugin-architecture-patterns-node';
import { proposeLocalUpgrade } from '../../upgrade/proposeLocalUpgrade';
import { githubRepositoryOf } from '../../upgrade/github/githubRepository';
import {
  PullRequestProposal,
  proposePullRequest,
} from '../../upgrade/github/proposePullRequest';
import { runPullRequestAction } from '../../upgrade/github/runPullRequestAction';
import { gitAuthorOf } from '../gitAuthor';
import { examples } from './upgradeComponents.examples';

/** What happened to one component, as the step outputs it. */
type ComponentUpgrade = {
  entityRef: string;
  status: string;
  from?: string;
  to?: string;
  branch?: string;
  /** Where the branch is: a local repository's folder name or `owner/name` on GitHub. */
  repository?: string;
  pullRequest?: { url?: string; draft: boolean };
  report?: string;
  error?: string;
};

function outcomeMarkdown(r: ComponentUpgrade): string {
  if (!r.branch) return `**${r.status}**${r.error ? `: ${r.error}` : ''}`;
  const where = `branch \`${r.branch}\` of the repository \`${r.repository}\``;
  const report = `the report in \`.platform/upgrades/${r.to}.md\``;
  if (!r.pullRequest) return `**${r.status}**: ${where}, with ${report}.`;
  const pullRequest = r.pullRequest.url
    ? `[pull request](${r.pullRequest.url})`
    : 'pull request';
  return `**${r.status}**: ${
    r.pullRequest.draft ? 'draft ' : ''
  }${pullRequest} from the ${where}, with ${report}.`;
}

function summaryMarkdown(results: ComponentUpgrade[]): string {
  return results
    .map(r =>
      [`## ${r.entityRef}`, '', outcomeMarkdown(r), '', r.report ?? ''].join(
        '\n',
      ),
    )
    .join('\n\n');
}

/**
 * `architecture:template:upgrade`: proposes an upgrade of each component's
 * repository to a newer release of the template that generated it, with one
 * report per version step: a branch `template-upgrade/<version>` (one commit
 * per step) for a repository in the local publishing folder, a pull request
 * from that branch (through `publish:github:pull-request`) for a repository
 * on GitHub. Checks the upgrade permission per component first.
 */
export function createUpgradeComponentsAction(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  releases?: TemplateReleases;
  localPublishingDirectory?: string;
  integrations: ScmIntegrationRegistry;
  urlReader: UrlReaderService;
  /** The scaffolder's `publish:github:pull-request` action. */
  pullRequestAction: TemplateAction<any, any, any>;
  dryRun: DryRun;
  runGate: RunGate;
}) {
  const { releases, localPublishingDirectory } = options;

  /** Proposes the upgrade of one component where its repository lives. */
  async function propose(
    ctx: ActionContext<any, any>,
    entity: Entity,
    entityRef: string,
    upgrade: {
      releases: TemplateReleases;
      workDir: string;
      targetVersion?: string;
      gitAuthor: Record<string, string>;
    },
  ): Promise<PullRequestProposal & { repository: string }> {
    const common = {
      ...upgrade,
      dryRun: options.dryRun,
      runGate: options.runGate,
      log: (line: string) => ctx.logger.info(`${entityRef}: ${line}`),
    };
    const repositoryPath =
      localPublishingDirectory &&
      localRepositoryOf(entity, localPublishingDirectory);
    if (repositoryPath) {
      ctx.logger.info(`${entityRef}: upgrading ${repositoryPath}`);
      const proposal = await proposeLocalUpgrade({
        ...common,
        repositoryPath,
        push: !ctx.isDryRun,
      });
      return { ...proposal, repository: path.basename(repositoryPath) };
    }
    const github = githubRepositoryOf(entity, options.integrations);
    if (github) {
      ctx.logger.info(`${entityRef}: upgrading ${github.slug} on GitHub`);
      const proposal = await proposePullRequest({
        ...common,
        repoUrl: github.repoUrl,
        targetBranchName: github.branch,
        readRepository: async targetDir => {
          const tree = await options.urlReader.readTree(github.treeUrl);
          await tree.dir({ targetDir });
        },
        workspacePath: ctx.workspacePath,
        openPullRequest: runPullRequestAction(options.pullRequestAction, ctx),
      });
      return { ...proposal, repository: github.slug };
    }
    throw new InputError(
      `${entityRef} is neither a repository in the local publishing folder nor on a GitHub host the portal has an integration for`,
    );
  }

  return createTemplateAction({
    id: 'architecture:template:upgrade',
    description:
      'Proposes upgrades of generated repositories to a newer template release: renders the recorded and the new version with the recorded answers, merges them into the repository, runs tests, synth and a stack diff, and proposes the result with a report on a branch template-upgrade/<version> (local repositories) or as a pull request (GitHub).',
    examples,
    supportsDryRun: true,
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
            .describe(
              'Per component: status, versions, branch, pull request and report.',
            ),
        summary: z =>
          z
            .string()
            .describe(
              'Markdown: per component its outcome, the branch or pull request and the report.',
            ),
      },
    },
    async handler(ctx) {
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
          const proposal = await propose(ctx, entity, entityRef, {
            releases,
            workDir: path.join(ctx.workspacePath, `upgrade-${index}`),
            targetVersion: ctx.input.targetVersion || undefined,
            gitAuthor,
          });
          const last = proposal.steps[proposal.steps.length - 1];
          results.push({
            entityRef,
            status: proposal.status,
            from: proposal.from,
            to: last?.to ?? proposal.from,
            branch: proposal.branch,
            repository: proposal.repository,
            pullRequest: proposal.pullRequest && {
              url: proposal.pullRequest.url,
              draft: proposal.pullRequest.draft,
            },
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
