import fs from 'fs-extra';
import path from 'path';
import { ConflictError, InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkRelativePath,
  checkServiceName,
  LOCAL_REPOSITORY_PUBLISHED_TOPIC,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { awaitRegistration } from './awaitRegistration';
import { git } from './gitCommand';
import { readEntities } from './readEntities';
import { gitAuthorOf } from '../gitAuthor';
import { examples } from './publishLocal.examples';

const TASK_TRAILER = 'Scaffolder-Task';
/** Input defaults; the handler applies them itself, see below. */
const DEFAULTS = {
  sourcePath: '.',
  defaultBranch: 'main',
  commitMessage: 'Initial commit from template',
};

/**
 * `publish:local`: publishes the workspace as a new git repository in the
 * configured local publishing folder, with an initial commit by the user who
 * ran the template. The repository appears all at once (built aside, then
 * renamed into place), so a failed task leaves nothing behind; re-running
 * the step for the same task finds its own repository and succeeds.
 *
 * Given the catalog, publishing and registration are one outcome: the step
 * succeeds only once the catalog holds the entities of the repository's
 * catalog-info.yaml. If it does not within the time limit, the step removes
 * the repository it just created (nobody else can have committed to it
 * yet) and fails with the catalog's reason.
 */
export function createPublishLocalAction(options: {
  directory?: string;
  events?: EventsService;
  catalog?: CatalogService;
  registrationTimeoutMs?: number;
}) {
  return createTemplateAction({
    id: 'publish:local',
    description:
      'Creates a git repository for the workspace in the local publishing folder, where the catalog discovers it.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Repository name: lowercase letters, digits and hyphens.',
            ),
        sourcePath: z =>
          z
            .string()
            .default(DEFAULTS.sourcePath)
            .describe('Folder of the workspace to publish.'),
        defaultBranch: z =>
          z
            .string()
            .regex(/^[A-Za-z0-9._-]+$/)
            .default(DEFAULTS.defaultBranch)
            .describe('Name of the first branch.'),
        commitMessage: z =>
          z
            .string()
            .min(1)
            .default(DEFAULTS.commitMessage)
            .describe('Message of the first commit.'),
      },
      output: {
        remoteUrl: z => z.string().describe('file:// URL of the repository.'),
        repoContentsUrl: z =>
          z.string().describe('file:// URL of the repository contents.'),
        repositoryPath: z =>
          z.string().describe('Folder of the repository on the backend host.'),
      },
    },
    async handler(ctx) {
      if (!options.directory) {
        throw new InputError(
          'Local publishing is not configured: set architecturePatterns.localPublishing.directory',
        );
      }
      // The scaffolder checks input against the JSON schema but does not
      // apply the schema defaults: absent fields arrive as undefined.
      const {
        repoName,
        sourcePath = DEFAULTS.sourcePath,
        defaultBranch = DEFAULTS.defaultBranch,
        commitMessage = DEFAULTS.commitMessage,
      } = ctx.input;
      const problems = [
        ...checkServiceName(repoName, 'repoName'),
        ...checkRelativePath(sourcePath, 'sourcePath'),
      ];
      if (problems.length) throw new InputError(problems.join('; '));

      const baseDir = path.resolve(options.directory);
      const repoDir = resolveSafeChildPath(baseDir, repoName);
      const sourceDir = resolveSafeChildPath(ctx.workspacePath, sourcePath);
      const remoteUrl = `file://${repoDir}`;
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', remoteUrl);
      ctx.output('repositoryPath', repoDir);

      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would create a git repository at ${repoDir}`);
        return;
      }

      const author = gitAuthorOf(ctx.user);

      await ctx.checkpoint({
        key: `publish.local.${repoName}`,
        fn: async () => {
          if (await fs.pathExists(repoDir)) {
            if (await isOwnRepository(repoDir, ctx.task.id)) {
              ctx.logger.info(
                `Repository ${repoDir} was already published by this task`,
              );
              return;
            }
            throw new ConflictError(
              `repoName: a repository named "${repoName}" already exists in the local publishing folder`,
            );
          }
          await fs.ensureDir(baseDir);
          const staging = path.join(baseDir, `.${repoName}.${ctx.task.id}.tmp`);
          try {
            await fs.remove(staging);
            await fs.copy(sourceDir, staging);
            await git(staging, ['init', '-q', '-b', defaultBranch]);
            await git(staging, ['add', '--all']);
            await git(
              staging,
              [
                'commit',
                '-q',
                '-m',
                commitMessage,
                '--trailer',
                `${TASK_TRAILER}: ${ctx.task.id}`,
              ],
              author,
            );
            await fs.rename(staging, repoDir);
          } catch (error) {
            await fs.remove(staging);
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOTEMPTY' || code === 'EEXIST') {
              // Another task published the same name a moment earlier.
              throw new ConflictError(
                `repoName: a repository named "${repoName}" was just published by another task; choose another name`,
              );
            }
            throw error;
          }
        },
      });

      const announce = () =>
        options.events?.publish({
          topic: LOCAL_REPOSITORY_PUBLISHED_TOPIC,
          eventPayload: { repositoryPath: repoDir },
        });
      await announce();
      ctx.logger.info(`Published ${repoDir}`);

      const catalogFile = path.join(repoDir, 'catalog-info.yaml');
      if (!options.catalog || !(await fs.pathExists(catalogFile))) return;
      const entities = await readEntities(catalogFile);
      const credentials = await ctx.getInitiatorCredentials();
      const outcome = await awaitRegistration({
        catalog: options.catalog,
        credentials,
        entityRefs: entities.map(e => e.ref),
        location: `file:${catalogFile}`,
        timeoutMs: options.registrationTimeoutMs ?? 60_000,
        logger: ctx.logger,
      });
      if (outcome.registered) return;

      const catalogErrors: string[] = [];
      for (const { entity } of entities) {
        const result = await options.catalog.validateEntity(
          entity,
          `url:file://${catalogFile}`,
          { credentials },
        );
        if (!result.valid) {
          catalogErrors.push(...result.errors.map(error => error.message));
        }
      }
      if (await isOwnRepository(repoDir, ctx.task.id)) {
        await fs.remove(repoDir);
        await announce();
      }
      throw new ConflictError(
        `repoName: ${outcome.reason}${
          catalogErrors.length
            ? ` (the catalog says: ${catalogErrors.join('; ')})`
            : ''
        }; the repository this task published was removed`,
      );
    },
  });
}

/** Whether the repository's last commit was made by the given task. */
async function isOwnRepository(repoDir: string, taskId: string) {
  const trailer = await git(repoDir, [
    'log',
    '-1',
    `--format=%(trailers:key=${TASK_TRAILER},valueonly)`,
  ]).catch(() => '');
  return trailer === taskId;
}
