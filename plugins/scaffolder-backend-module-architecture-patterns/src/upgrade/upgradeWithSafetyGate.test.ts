import { git } from '../actions/publishLocal/gitCommand';
import { startPortalTestBackend } from '../__testUtils__/portalTestBackend';
import { createTemporaryFolder } from '../__testUtils__/mockActionContext';
import { TEMPLATES_DIR } from '../__testUtils__/templateFiles';
import {
  commitAll,
  editFile,
  generateRepository,
  GIT_AUTHOR,
} from './__testUtils__/generatedRepository';
import {
  fixtureAnswers,
  testBackendDryRun,
  UPGRADE_TEST_INSTALLS,
} from './__testUtils__/releaseFixtures';
import { createSafetyGateRunner } from './gateRunner';
import { TemplateReleases } from './releases/templateReleases';
import { upgradeRepository } from './upgradeRepository';

// Real renders, installs, tests, synths and stack diffs of generated services.
jest.setTimeout(1_200_000);

const TEAM_LINE = '// Team note: reviewed before the upgrade.';

describe('upgrading a released service to the deploy-grade release, with the safety gate', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  const releases = new TemplateReleases(TEMPLATES_DIR);
  const runGate = createSafetyGateRunner({
    installCacheDir: UPGRADE_TEST_INSTALLS,
    timeoutMs: 900_000,
  });

  beforeAll(async () => {
    portal = await startPortalTestBackend();
  });
  afterAll(() => portal?.stop());

  // One template here (the end-to-end test upgrades a three-tier service from the portal, and
  // `npx yarn benchmark:upgrades` all four): each case takes minutes of real work.
  it.each(['event-driven-service'])(
    '%s 1.1.0 → 1.2.0: tests and synth pass, the diff lists the changed resources and replaces no stateful one',
    async template => {
      const dryRun = testBackendDryRun(portal);
      const answers = await fixtureAnswers(template);
      const repoDir = await generateRepository({
        releases,
        dryRun,
        template,
        version: '1.1.0',
        answers,
      });
      await editFile(repoDir, `lib/${answers.name}-stack.ts`, text =>
        text.replace(/\n/, `\n${TEAM_LINE}\n`),
      );
      await commitAll(repoDir, 'Team edit');
      await git(repoDir, ['checkout', '-q', '-b', 'template-upgrade']);

      const result = await upgradeRepository({
        repoDir,
        releases,
        dryRun,
        runGate,
        workDir: createTemporaryFolder('work-'),
        gitAuthor: GIT_AUTHOR,
        log: () => {},
        // The step with the deploy-grade fixes (the end-to-end test takes every step).
        targetVersion: '1.2.0',
      });
      const [step] = result.steps;
      // On failure, the report (printed in the diff) says why.
      expect({ status: result.status, report: step.report }).toEqual({
        status: 'upgraded',
        report: expect.stringContaining('Safety gate: **passed**.'),
      });
      expect(step.report).toContain('Safety gate: **passed**.');
      expect(step.resources!.length).toBeGreaterThan(0);
      expect(
        step.resources!.filter(
          r =>
            r.stateful &&
            ['replaced', 'destroyed', 'orphaned'].includes(r.change) &&
            !r.declaredReason,
        ),
      ).toEqual([]);
      expect(step.report).toMatch(/\| changed \|/);
    },
  );
});
