import { execFile } from 'child_process';
import fs from 'fs-extra';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { startPortalTestBackend } from '../__testUtils__/portalTestBackend';
import {
  fixtureNames,
  loadTemplate,
  templateNames,
  templateVersion,
  writeDirectoryContents,
} from '../__testUtils__/templateFiles';

const run = promisify(execFile);

/*
 * Renders every template through the real scaffolder's dry-run API with its
 * fixture values, then installs the generated repository and runs its tests
 * and `cdk synth`, offline as far as AWS goes: no account, no Docker.
 */
describe('service templates', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  const workDirs: string[] = [];

  beforeAll(async () => {
    portal = await startPortalTestBackend();
    await portal.waitFor(
      'the pattern library and templates in the catalog',
      async () => {
        const { body } = await portal.api(
          'GET',
          '/api/catalog/entities/by-query?filter=kind=Template&filter=kind=ArchitecturePattern&limit=1',
        );
        return body?.totalItems >= 21 + templateNames().length
          ? true
          : undefined;
      },
      // Generous: on a busy machine the catalog takes minutes to settle.
      240_000,
    );
    // The owners and system the fixtures name.
    await portal.waitForEntities([
      'group/default/orders-team',
      'group/default/payments-team',
      'system/default/checkout',
    ]);
  }, 360_000);

  afterAll(async () => {
    await portal?.stop();
    await Promise.all(workDirs.map(dir => fs.remove(dir)));
  }, 120_000);

  it('has the four pattern templates', () => {
    expect(templateNames()).toEqual([
      'active-active-service',
      'event-driven-service',
      'multi-tenant-saas-service',
      'three-tier-service',
    ]);
  });

  // Every fixture of every template (the variants cover each enum value at least once). The
  // generated package.json and lock file do not depend on the values, so a template's later
  // fixtures reuse the node_modules its first one installed with `npm ci`.
  const installed = new Map<string, string>();
  it.each(
    templateNames().flatMap(name =>
      fixtureNames(name).map(fixture => [name, fixture] as const),
    ),
  )(
    '%s (%s) renders, and the generated repository passes npm ci, npm test and cdk synth',
    async (name, fixture) => {
      const { template, values, directoryContents } = await loadTemplate(
        name,
        fixture,
      );
      const { status, body } = await portal.api(
        'POST',
        '/api/scaffolder/v2/dry-run',
        {
          template,
          values,
          directoryContents,
        },
      );
      expect({ status, errors: body.errors ?? body.error }).toEqual({
        status: 200,
        errors: undefined,
      });
      const failed = body.steps.filter(
        (s: { status: string }) => s.status === 'failed',
      );
      expect(failed).toEqual([]);

      const files: string[] = body.directoryContents.map(
        (f: { path: string }) => f.path,
      );
      expect(files).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'package.json',
          'package-lock.json',
          'cdk.json',
          'README.md',
          'mkdocs.yml',
          'docs/index.md',
          '.github/workflows/ci.yml',
          'conformance/rules.json',
          expect.stringMatching(/^conformance\/.+\.guard$/),
          expect.stringMatching(/^docs\/adr\/0001-use-.+\.md$/),
          expect.stringMatching(/^bin\/.+\.ts$/),
          expect.stringMatching(/^lib\/.+\.ts$/),
          expect.stringMatching(/^test\/.+\.test\.ts$/),
        ]),
      );

      const repo = await fs.mkdtemp(path.join(os.tmpdir(), `${name}-`));
      workDirs.push(repo);
      await writeDirectoryContents(repo, body.directoryContents);
      const catalogInfo = await fs.readFile(
        path.join(repo, 'catalog-info.yaml'),
        'utf8',
      );
      expect(catalogInfo).toContain(`name: ${values.name}`);
      expect(catalogInfo).toContain(
        'architecture.platform.dev/implements-patterns:',
      );
      expect(catalogInfo).toContain(
        `architecture.platform.dev/template-version: ${templateVersion(name)}`,
      );

      // The TechDocs build the portal runs on the Docs tab (MkDocs with the
      // material theme; --strict fails on a broken nav or link).
      const site = `${repo}-site`;
      workDirs.push(site);
      await run('mkdocs', ['build', '--strict', '-d', site], { cwd: repo });
      expect(await fs.readdir(path.join(site, 'adr'))).toEqual([
        expect.stringMatching(/^0001-use-/),
      ]);

      const env = {
        ...process.env,
        CI: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      };
      const lock = await fs.readFile(path.join(repo, 'package-lock.json'));
      const shared = installed.get(name);
      if (
        shared &&
        lock.equals(await fs.readFile(path.join(shared, 'package-lock.json')))
      ) {
        await fs.symlink(
          path.join(shared, 'node_modules'),
          path.join(repo, 'node_modules'),
          'dir',
        );
      } else {
        await run('npm', ['ci', '--prefer-offline'], {
          cwd: repo,
          env,
          maxBuffer: 64 << 20,
        });
        installed.set(name, repo);
      }
      await run('npm', ['test'], { cwd: repo, env, maxBuffer: 64 << 20 });
      const synth = await run('npx', ['cdk', 'synth', '--quiet'], {
        cwd: repo,
        env,
        maxBuffer: 64 << 20,
      });
      expect(synth.stderr).not.toMatch(/AwsSolutions-/);
      expect(synth.stderr).not.toMatch(/cdk-validator-cfnguard/);
      expect(
        (await fs.readdir(path.join(repo, 'cdk.out'))).some(f =>
          f.endsWith('.template.json'),
        ),
      ).toBe(true);
    },
    600_000,
  );

  it('publishes to GitHub with the standard actions when GitHub is chosen', async () => {
    const { template, values, directoryContents } = await loadTemplate(
      'event-driven-service',
    );
    const { status, body } = await portal.api(
      'POST',
      '/api/scaffolder/v2/dry-run',
      {
        template,
        values: {
          ...values,
          publishTarget: 'github',
          repoUrl: 'github.com?owner=acme&repo=orders-api',
        },
        directoryContents,
      },
    );
    expect(status).toBe(200);
    const messages: string[] = body.log.map(
      (l: { body: { message: string } }) => l.body.message,
    );
    const ran = (action: string) =>
      messages.some(m => m.includes(`Running ${action} in dry-run mode`));
    expect(ran('publish:github')).toBe(true);
    expect(ran('catalog:register')).toBe(true);
    expect(ran('publish:local')).toBe(false);
    expect(messages.join('\n')).toContain(
      '"repoUrl": "github.com?owner=acme&repo=orders-api"',
    );
  });
});
