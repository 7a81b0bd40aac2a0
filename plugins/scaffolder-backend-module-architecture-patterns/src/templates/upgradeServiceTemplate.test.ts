import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { startPortalTestBackend } from '../__testUtils__/portalTestBackend';
import { TEMPLATES_DIR } from '../__testUtils__/templateFiles';
import {
  commitAll,
  editFile,
  generateRepository,
} from '../upgrade/__testUtils__/generatedRepository';
import { startFakeGithub } from '../upgrade/__testUtils__/fakeGithub';
import {
  fixtureAnswers,
  testBackendDryRun,
} from '../upgrade/__testUtils__/releaseFixtures';
import { TemplateReleases } from '../upgrade/releases/templateReleases';

jest.setTimeout(300_000);

/*
 * The upgrade-service template as the portal runs it, in the scaffolder's
 * dry run, for a service whose repository is on GitHub: the real catalog,
 * scaffolder, URL reader and `publish:github:pull-request` action, with
 * GitHub's API the one part stood in for.
 */
describe('the upgrade-service template for a repository on GitHub', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  const repositories: Record<string, string> = {};

  beforeAll(async () => {
    github = await startFakeGithub(repositories);
    portal = await startPortalTestBackend({
      githubApiBaseUrl: github.apiBaseUrl,
    });
  }, 300_000);
  afterAll(async () => {
    await portal?.stop();
    await github?.stop();
  });

  it('proposes a draft pull request with the conflict markers when the team changed a vendored construct', async () => {
    const template = 'three-tier-service';
    const answers = await fixtureAnswers(template);
    const repoDir = await generateRepository({
      releases: new TemplateReleases(TEMPLATES_DIR),
      dryRun: testBackendDryRun(portal),
      template,
      version: '1.1.0',
      answers,
    });
    await editFile(repoDir, 'lib/constructs/common/kms.ts', text =>
      text.replace(/\n/, '\n// patched by the team\n'),
    );
    await commitAll(repoDir, 'Patch the vendored key construct');
    repositories['acme/payments'] = repoDir;

    const registered = await portal.api('POST', '/api/catalog/locations', {
      type: 'url',
      target: 'https://github.com/acme/payments/blob/main/catalog-info.yaml',
    });
    expect(registered.status).toBe(201);
    const entityRef = `component:default/${answers.name}`;
    await portal.waitForEntities([`component/default/${answers.name}`]);

    const { spec } = parse(
      await fs.readFile(
        path.join(TEMPLATES_DIR, 'upgrade-service/template.yaml'),
        'utf8',
      ),
    );
    const { status, body } = await portal.api(
      'POST',
      '/api/scaffolder/v2/dry-run',
      {
        template: {
          apiVersion: 'scaffolder.backstage.io/v1beta3',
          kind: 'Template',
          metadata: { name: 'upgrade-service' },
          spec,
        },
        values: { components: [entityRef] },
        directoryContents: [],
      },
    );
    expect(status).toBe(200);

    const log = (body.log as Array<{ body: { message?: string } }>)
      .map(entry => entry.body.message)
      .join('\n');
    expect(log).toContain('upgrading acme/payments on GitHub');
    expect(log).toContain('Performing dry run of creating pull request');
    expect(github.requests).toContainEqual(
      expect.stringMatching(/^GET \/repos\/acme\/payments\/tarball\//),
    );

    const files = new Map<string, string>(
      (
        body.directoryContents as Array<{ path: string; base64Content: string }>
      ).map(file => [
        file.path,
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const kms = files.get(
      'upgrade-0/pull-request/lib/constructs/common/kms.ts',
    );
    expect(kms).toContain('<<<<<<< your repository');
    expect(kms).toContain('// patched by the team');
    expect(
      files.get('upgrade-0/pull-request/.platform/upgrades/1.2.0.md'),
    ).toContain('CI refuses this branch until the markers are gone');
    // Only the pull request's files stay in the workspace.
    expect(
      [...files.keys()].filter(
        file => !file.startsWith('upgrade-0/pull-request/'),
      ),
    ).toEqual([]);

    const summary = (body.output.text as Array<{ content: string }>)
      .map(text => text.content)
      .join('\n');
    expect(summary).toContain(`## ${entityRef}`);
    expect(summary).toContain('**conflicts**: draft [pull request]');
    expect(summary).toContain(
      'from the branch `template-upgrade/1.2.0` of the repository `acme/payments`',
    );
  });
});
