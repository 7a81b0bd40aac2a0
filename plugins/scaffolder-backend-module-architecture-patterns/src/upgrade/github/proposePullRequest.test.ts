import fs from 'fs-extra';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { startPortalTestBackend } from '../../__testUtils__/portalTestBackend';
import { createMockActionContext } from '../../__testUtils__/mockActionContext';
import { TEMPLATES_DIR } from '../../__testUtils__/templateFiles';
import {
  commitAll,
  editFile,
  generateRepository,
  GIT_AUTHOR,
  releasesWithReadmeMoved,
} from '../__testUtils__/generatedRepository';
import {
  FIXTURE_ENTITIES,
  fixtureAnswers,
  testBackendDryRun,
} from '../__testUtils__/releaseFixtures';
import { DryRun } from '../render/scaffolderDryRun';
import { TemplateReleases } from '../releases/templateReleases';
import { RunGate } from '../upgradeRepository';
import { proposePullRequest } from './proposePullRequest';
import { runPullRequestAction } from './runPullRequestAction';

jest.setTimeout(180_000);

const TEMPLATE = 'three-tier-service';
const TEAM_README_LINE = 'Support: #payments-oncall on chat.';

/**
 * GitHub is the one part mocked: the standard `publish:github:pull-request`
 * action runs for real, with an Octokit stand-in that records the pull
 * request it is asked to create.
 */
function recordingGithub() {
  const created: any[] = [];
  const action = createPublishGithubPullRequestAction({
    integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
    clientFactory: async () =>
      ({
        createPullRequest: async (options: any) => {
          created.push(options);
          return {
            data: {
              html_url: 'https://github.com/acme/payments/pull/7',
              number: 7,
              base: { ref: options.base ?? 'main' },
            },
          };
        },
      } as any),
  });
  return { action, created };
}

/** The files of a created pull request's one commit: content, or deleted. */
function filesOf(created: any): Record<string, string> {
  const { files } = created.changes[0];
  return Object.fromEntries(
    Object.entries(files).map(([file, change]: [string, any]) => [
      file,
      typeof change === 'symbol'
        ? 'deleted'
        : Buffer.from(change.content, change.encoding).toString('utf8'),
    ]),
  );
}

describe('proposing an upgrade of a repository on GitHub as a pull request', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  let dryRun: DryRun;
  let answers: Record<string, unknown>;
  const releases = new TemplateReleases(TEMPLATES_DIR);
  let newest: string;
  const passingGate: RunGate = async () => ({
    passed: true,
    markdown: 'Gate: passed.',
  });

  beforeAll(async () => {
    portal = await startPortalTestBackend();
    dryRun = testBackendDryRun(portal);
    answers = await fixtureAnswers(TEMPLATE);
    newest = (await releases.versions(TEMPLATE)).at(-1)!;
    await portal.waitForEntities(FIXTURE_ENTITIES);
  });
  afterAll(() => portal?.stop());

  /** A 1.1.0 repository with a team edit, as GitHub would serve its files. */
  async function repositoryOnGithub(from: TemplateReleases) {
    const repoDir = await generateRepository({
      releases: from,
      dryRun,
      template: TEMPLATE,
      version: '1.1.0',
      answers,
    });
    await editFile(repoDir, 'README.md', text =>
      text.replace(/\n\n/, `\n\n${TEAM_README_LINE}\n\n`),
    );
    await commitAll(repoDir, 'Team edit');
    return async (targetDir: string) =>
      fs.copy(repoDir, targetDir, {
        filter: source => path.basename(source) !== '.git',
      });
  }

  async function propose(options: {
    releases: TemplateReleases;
    readRepository: (targetDir: string) => Promise<void>;
    dryRun?: boolean;
  }) {
    const github = recordingGithub();
    const ctx = createMockActionContext({
      input: {},
      isDryRun: options.dryRun,
    });
    const proposal = await proposePullRequest({
      releases: options.releases,
      dryRun,
      runGate: passingGate,
      workDir: path.join(ctx.workspacePath, 'upgrade-0'),
      workspacePath: ctx.workspacePath,
      gitAuthor: GIT_AUTHOR,
      log: () => {},
      repoUrl: 'github.com?owner=acme&repo=payments',
      targetBranchName: 'main',
      readRepository: options.readRepository,
      openPullRequest: runPullRequestAction(github.action, ctx),
    });
    return { proposal, created: github.created, ctx };
  }

  it('opens one pull request for two version steps, with the changed files, the removed ones and both reports', async () => {
    const threeReleases = await releasesWithReadmeMoved(releases, TEMPLATE);
    const { proposal, created } = await propose({
      releases: threeReleases,
      readRepository: await repositoryOnGithub(threeReleases),
    });

    expect(proposal.status).toBe('upgraded');
    expect(proposal.steps.map(s => s.to)).toEqual(['1.2.0', '1.3.0']);
    expect(created).toHaveLength(1);
    const [pullRequest] = created;
    expect(pullRequest).toMatchObject({
      owner: 'acme',
      repo: 'payments',
      head: 'template-upgrade/1.3.0',
      base: 'main',
      draft: false,
      update: true,
      title: 'Upgrade three-tier-service from 1.1.0 to 1.3.0',
    });
    expect(pullRequest.body).toContain(
      'three-tier-service: template upgrade 1.1.0 to 1.2.0',
    );
    expect(pullRequest.body).toContain(
      'three-tier-service: template upgrade 1.2.0 to 1.3.0',
    );
    const files = filesOf(pullRequest);
    expect(files['README.md']).toBe('deleted');
    expect(files['docs/README.md']).toContain(TEAM_README_LINE);
    expect(files['lib/constructs/common/kms.ts']).toBeDefined();
    expect(files['.platform/provenance.json']).toContain('"version": "1.3.0"');
    expect(files['.platform/upgrades/1.2.0.md']).toBeDefined();
    expect(files['.platform/upgrades/1.3.0.md']).toBeDefined();
    // Unchanged files are not part of the commit.
    expect(files['docs/adr/0001-use-the-pattern.md']).toBeUndefined();
    expect(proposal.pullRequest).toMatchObject({
      url: 'https://github.com/acme/payments/pull/7',
      number: 7,
    });
  });

  it('opens a draft, with the conflict markers in the file, when the team changed a vendored construct', async () => {
    const readRepository = await repositoryOnGithub(releases);
    const patched = async (targetDir: string) => {
      await readRepository(targetDir);
      await editFile(targetDir, 'lib/constructs/common/kms.ts', text =>
        text.replace(/\n/, '\n// patched by the team\n'),
      );
    };
    const { proposal, created } = await propose({
      releases,
      readRepository: patched,
    });

    expect(proposal.status).toBe('conflicts');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      draft: true,
      head: 'template-upgrade/1.2.0',
      title:
        'Upgrade three-tier-service from 1.1.0 to 1.2.0 (draft: conflicts to resolve)',
    });
    const kms = filesOf(created[0])['lib/constructs/common/kms.ts'];
    expect(kms).toContain('<<<<<<< your repository');
    expect(kms).toContain('>>>>>>> template 1.2.0');
    expect(created[0].body).toContain(
      'CI refuses this branch until the markers are gone',
    );
  });

  it('calls GitHub for nothing in a dry run, and for nothing when the repository is current', async () => {
    const { proposal, created } = await propose({
      releases,
      readRepository: await repositoryOnGithub(releases),
      dryRun: true,
    });
    expect(proposal.pullRequest).toMatchObject({
      branchName: `template-upgrade/${newest}`,
      draft: false,
    });
    expect(created).toHaveLength(0);

    const current = await generateRepository({
      releases,
      dryRun,
      template: TEMPLATE,
      version: newest,
      answers,
    });
    const upToDate = await propose({
      releases,
      readRepository: targetDir =>
        fs.copy(current, targetDir, {
          filter: source => path.basename(source) !== '.git',
        }),
    });
    expect(upToDate.proposal.status).toBe('up-to-date');
    expect(upToDate.created).toHaveLength(0);
  });
});
