import fs from 'fs-extra';
import path from 'path';
import { startPortalTestBackend } from '../../__testUtils__/portalTestBackend';
import { createTemporaryFolder } from '../../__testUtils__/mockActionContext';
import {
  TEMPLATES_DIR,
  templateNames,
} from '../../__testUtils__/templateFiles';
import { PROVENANCE_PATH } from '../../provenance/provenance';
import { TemplateReleases } from '../releases/templateReleases';
import {
  fixtureAnswers,
  testBackendDryRun,
} from '../__testUtils__/releaseFixtures';
import { renderRelease } from './renderRelease';
import { DryRun } from './scaffolderDryRun';

jest.setTimeout(180_000);

describe('rendering a released template version again', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  let dryRun: DryRun;
  const releases = new TemplateReleases(TEMPLATES_DIR);

  beforeAll(async () => {
    portal = await startPortalTestBackend();
    dryRun = testBackendDryRun(portal);
  });
  afterAll(() => portal?.stop());

  it.each(templateNames())(
    '%s: every released version renders the same files every time, with the construct library it was released with',
    async template => {
      const answers = await fixtureAnswers(template);
      for (const version of await releases.versions(template)) {
        const releaseDir = createTemporaryFolder(`${template}-${version}-`);
        await releases.extract(template, version, releaseDir);
        const first = await renderRelease({ releaseDir, answers, dryRun });
        const second = await renderRelease({ releaseDir, answers, dryRun });
        expect([...second.keys()]).toEqual([...first.keys()]);
        for (const [file, { content }] of first) {
          expect(second.get(file)!.content.equals(content)).toBe(true);
        }

        const files = [...first.keys()];
        expect(files).toEqual(
          expect.arrayContaining([
            'catalog-info.yaml',
            'package-lock.json',
            `lib/${answers.name}-stack.ts`,
            'lib/constructs/VERSION',
          ]),
        );
        // Written once for the team, or by the upgrade itself: not rendered.
        expect(files.filter(f => f.startsWith('docs/adr/'))).toEqual([]);
        expect(files).not.toContain(PROVENANCE_PATH);
        expect(first.get('catalog-info.yaml')!.content.toString()).toContain(
          `architecture.platform.dev/template-version: ${version}`,
        );
        // The vendored construct source is the release's own.
        const kms = 'lib/constructs/common/kms.ts';
        expect(first.get(kms)!.content.toString()).toBe(
          await fs.readFile(
            path.join(releaseDir, 'library/src/common/kms.ts'),
            'utf8',
          ),
        );
      }
    },
  );

  it('names the answer that does not fit the released version', async () => {
    const releaseDir = createTemporaryFolder('release-');
    await releases.extract('three-tier-service', '1.1.0', releaseDir);
    const answers = await fixtureAnswers('three-tier-service');
    await expect(
      renderRelease({
        releaseDir,
        answers: { ...answers, databaseEngine: 'cassandra' },
        dryRun,
      }),
    ).rejects.toThrow(/databaseEngine/);
  });
});
