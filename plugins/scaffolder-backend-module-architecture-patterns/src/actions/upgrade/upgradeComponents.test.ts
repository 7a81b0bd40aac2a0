import fs from 'fs-extra';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { git } from '../publishLocal/gitCommand';
import { startPortalTestBackend } from '../../__testUtils__/portalTestBackend';
import {
  createMockActionContext,
  createTemporaryFolder,
} from '../../__testUtils__/mockActionContext';
import { TEMPLATES_DIR } from '../../__testUtils__/templateFiles';
import {
  commitAll,
  editFile,
  generateRepository,
} from '../../upgrade/__testUtils__/generatedRepository';
import {
  FIXTURE_ENTITIES,
  fixtureAnswers,
  testBackendDryRun,
} from '../../upgrade/__testUtils__/releaseFixtures';
import { DryRun } from '../../upgrade/render/scaffolderDryRun';
import { TemplateReleases } from '../../upgrade/releases/templateReleases';
import { RunGate } from '../../upgrade/upgradeRepository';
import { createUpgradeComponentsAction } from './upgradeComponents';

jest.setTimeout(180_000);

const passingGate: RunGate = async () => ({
  passed: true,
  markdown: 'Gate: passed.',
});

function component(name: string, location: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-location': location },
    },
    spec: {
      type: 'service',
      owner: 'group:default/orders-team',
      lifecycle: 'production',
    },
  };
}

describe('architecture:template:upgrade', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  let dryRun: DryRun;
  const releases = new TemplateReleases(TEMPLATES_DIR);
  // Repositories start two releases behind the newest, whatever it is.
  let oldest: string;
  let middle: string;
  let newest: string;

  beforeAll(async () => {
    portal = await startPortalTestBackend();
    dryRun = testBackendDryRun(portal);
    [oldest, middle, newest] = (
      await releases.versions('three-tier-service')
    ).slice(-3);
    await portal.waitForEntities(FIXTURE_ENTITIES);
  });
  afterAll(() => portal?.stop());

  /** A repository two releases old in a local publishing folder, with a team edit. */
  async function publishedRepository(publishingDir: string, name: string) {
    const answers = { ...(await fixtureAnswers('three-tier-service')), name };
    const generated = await generateRepository({
      releases,
      dryRun,
      template: 'three-tier-service',
      version: oldest,
      answers,
    });
    const repoDir = path.join(publishingDir, name);
    await fs.move(generated, repoDir);
    await editFile(repoDir, 'README.md', text => `${text}\nTeam line.\n`);
    await commitAll(repoDir, 'Team edit');
    return repoDir;
  }

  function action(options: {
    allow: boolean;
    publishingDir: string;
    entities: Entity[];
  }) {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(async requests =>
      requests.map(() => ({
        result: options.allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
    );
    return {
      permissions,
      action: createUpgradeComponentsAction({
        catalog: catalogServiceMock({ entities: options.entities }),
        permissions,
        releases,
        localPublishingDirectory: options.publishingDir,
        integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
        urlReader: mockServices.urlReader.mock(),
        pullRequestAction: createPublishGithubPullRequestAction({
          integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
          clientFactory: async () => {
            throw new Error('no GitHub in this test');
          },
        }),
        dryRun,
        runGate: passingGate,
      }),
    };
  }

  it('pushes a branch template-upgrade/<version> to each repository and leaves its main branch and working tree alone', async () => {
    const publishingDir = createTemporaryFolder('published-');
    const repoDir = await publishedRepository(publishingDir, 'storefront');
    const mainBefore = await git(repoDir, ['rev-parse', 'main']);
    const { action: upgrade, permissions } = action({
      allow: true,
      publishingDir,
      entities: [component('storefront', `file:${repoDir}/catalog-info.yaml`)],
    });
    const ctx = createMockActionContext({
      input: { components: ['component:default/storefront'] },
    });
    await upgrade.handler(ctx);

    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'architecture-patterns.component.upgrade',
          }),
          resourceRef: 'component:default/storefront',
        }),
      ],
      expect.anything(),
    );
    expect(ctx.outputs.upgrades).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/storefront',
        status: 'upgraded',
        from: oldest,
        to: newest,
        branch: `template-upgrade/${newest}`,
      }),
    ]);
    expect(await git(repoDir, ['rev-parse', 'main'])).toBe(mainBefore);
    expect(await git(repoDir, ['status', '--porcelain'])).toBe('');
    const upgraded = await git(repoDir, [
      'show',
      `template-upgrade/${newest}:README.md`,
    ]);
    expect(upgraded).toContain('Team line.');
    // Two released steps, one commit and one report each.
    const log = await git(repoDir, [
      'log',
      '--format=%s',
      `main..template-upgrade/${newest}`,
    ]);
    expect(log.split('\n')).toEqual([
      `Upgrade three-tier-service from ${middle} to ${newest}`,
      `Upgrade three-tier-service from ${oldest} to ${middle}`,
    ]);
    for (const [from, to] of [
      [oldest, middle],
      [middle, newest],
    ]) {
      const report = await git(repoDir, [
        'show',
        `template-upgrade/${newest}:.platform/upgrades/${to}.md`,
      ]);
      expect(report).toContain(`template upgrade ${from} to ${to}`);
    }
    const summary = ctx.outputs.summary as string;
    expect(summary).toContain('## component:default/storefront');
    expect(summary).toContain(
      `**upgraded**: branch \`template-upgrade/${newest}\` of the repository \`storefront\``,
    );
    expect(summary).toContain(`template upgrade ${middle} to ${newest}`);
  });

  it('refuses a component the user may not upgrade, names it, and pushes nothing', async () => {
    const publishingDir = createTemporaryFolder('published-');
    const repoDir = await publishedRepository(publishingDir, 'storefront');
    const { action: upgrade } = action({
      allow: false,
      publishingDir,
      entities: [component('storefront', `file:${repoDir}/catalog-info.yaml`)],
    });
    const ctx = createMockActionContext({
      input: { components: ['component:default/storefront'] },
    });
    await expect(upgrade.handler(ctx)).rejects.toThrow(
      /You may not upgrade component:default\/storefront/,
    );
    expect(await git(repoDir, ['branch', '--list', 'template-upgrade/*'])).toBe(
      '',
    );
  });

  it('upgrades the others when one of several components cannot be upgraded, and then fails naming it', async () => {
    const publishingDir = createTemporaryFolder('published-');
    const repoDir = await publishedRepository(publishingDir, 'storefront');
    const { action: upgrade } = action({
      allow: true,
      publishingDir,
      entities: [
        component(
          'elsewhere',
          'url:https://gitlab.example.com/acme/elsewhere/-/blob/main/catalog-info.yaml',
        ),
        component('storefront', `file:${repoDir}/catalog-info.yaml`),
      ],
    });
    const ctx = createMockActionContext({
      input: {
        components: [
          'component:default/elsewhere',
          'component:default/missing',
          'component:default/storefront',
        ],
        targetVersion: '',
      },
    });
    await expect(upgrade.handler(ctx)).rejects.toThrow(
      /component:default\/elsewhere \(.*neither a repository in the local publishing folder nor on a GitHub host.*\); component:default\/missing \(.*not in the catalog\)/,
    );
    expect((ctx.outputs.upgrades as any[]).map(u => u.status)).toEqual([
      'failed',
      'failed',
      'upgraded',
    ]);
    expect(
      await git(repoDir, ['branch', '--list', 'template-upgrade/*']),
    ).toContain(`template-upgrade/${newest}`);
  });
});
