import fs from 'fs-extra';
import path from 'path';
import { git } from '../actions/publishLocal/gitCommand';
import { startPortalTestBackend } from '../__testUtils__/portalTestBackend';
import { createTemporaryFolder } from '../__testUtils__/mockActionContext';
import { TEMPLATES_DIR } from '../__testUtils__/templateFiles';
import { PROVENANCE_PATH, readProvenance } from '../provenance/provenance';
import {
  commitAll,
  editFile,
  generateRepository,
  GIT_AUTHOR,
  README_MOVED_NOTE,
  releasesWithExtraVersion,
  releasesWithReadmeMoved,
} from './__testUtils__/generatedRepository';
import {
  FIXTURE_ENTITIES,
  fixtureAnswers,
  testBackendDryRun,
} from './__testUtils__/releaseFixtures';
import { DryRun } from './render/scaffolderDryRun';
import { TemplateReleases } from './releases/templateReleases';
import { RunGate, upgradeRepository } from './upgradeRepository';

jest.setTimeout(180_000);

const TEMPLATE = 'three-tier-service';
const TEAM_STACK_LINE = '// Team note: capacity reviewed for the spring sale.';
const TEAM_README_LINE = 'Support: #storefront-oncall on chat.';

describe('upgrading a generated repository', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;
  let dryRun: DryRun;
  let answers: Record<string, unknown>;
  const releases = new TemplateReleases(TEMPLATES_DIR);
  const passingGate: RunGate = async () => ({
    passed: true,
    markdown: 'Gate: passed.',
  });

  beforeAll(async () => {
    portal = await startPortalTestBackend();
    dryRun = testBackendDryRun(portal);
    answers = await fixtureAnswers(TEMPLATE);
    await portal.waitForEntities(FIXTURE_ENTITIES);
  });
  afterAll(() => portal?.stop());

  /** A 1.1.0 repository with a commit of team edits to its stack and README. */
  async function editedRepository(from = releases) {
    const repoDir = await generateRepository({
      releases: from,
      dryRun,
      template: TEMPLATE,
      version: '1.1.0',
      answers,
    });
    await editFile(repoDir, `lib/${answers.name}-stack.ts`, text =>
      text.replace(/\n/, `\n${TEAM_STACK_LINE}\n`),
    );
    await editFile(repoDir, 'README.md', text =>
      text.replace(/\n\n/, `\n\n${TEAM_README_LINE}\n\n`),
    );
    await commitAll(repoDir, 'Team edits');
    await git(repoDir, ['checkout', '-q', '-b', 'template-upgrade/next']);
    return repoDir;
  }

  function upgrade(
    repoDir: string,
    overrides: Partial<Parameters<typeof upgradeRepository>[0]> = {},
  ) {
    return upgradeRepository({
      repoDir,
      releases,
      dryRun,
      runGate: passingGate,
      workDir: createTemporaryFolder('work-'),
      gitAuthor: GIT_AUTHOR,
      log: () => {},
      ...overrides,
    });
  }

  const read = (repoDir: string, file: string) =>
    fs.readFile(path.join(repoDir, file), 'utf8');

  it("merges the next version into the repository and keeps the team's edits", async () => {
    const repoDir = await editedRepository();
    // The step that brought the deploy-grade fixes and its migration.
    const result = await upgrade(repoDir, { targetVersion: '1.2.0' });

    expect(result).toMatchObject({
      from: '1.1.0',
      target: '1.2.0',
      status: 'upgraded',
    });
    expect(result.steps.map(s => s.to)).toEqual(['1.2.0']);
    expect(await read(repoDir, `lib/${answers.name}-stack.ts`)).toContain(
      TEAM_STACK_LINE,
    );
    expect(await read(repoDir, 'README.md')).toContain(TEAM_README_LINE);
    // The deploy-grade fixes arrived: the vendored constructs are 1.2.0's.
    const release = createTemporaryFolder('release-');
    await releases.extract(TEMPLATE, '1.2.0', release);
    expect(await read(repoDir, 'lib/constructs/common/kms.ts')).toBe(
      await read(release, 'library/src/common/kms.ts'),
    );
    expect(await read(repoDir, 'docs/adr/0001-use-the-pattern.md')).toContain(
      'Decided on the first day.',
    );
    const provenance = await readProvenance(repoDir);
    expect(provenance.template.version).toBe('1.2.0');
    // The recorded answers, and the one the 1.2.0 migration adds for clusters from before it.
    expect(provenance.answers).toEqual({
      ...answers,
      databaseAdminUsername: 'postgres',
    });
    expect(await read(repoDir, `lib/${answers.name}-stack.ts`)).toContain(
      "databaseAdminUsername: 'postgres'",
    );
    const report = await read(repoDir, '.platform/upgrades/1.2.0.md');
    expect(report).toContain(
      'three-tier-service: template upgrade 1.1.0 to 1.2.0',
    );
    expect(report).toContain(`\`lib/${answers.name}-stack.ts\``);
    expect(report).toContain('Gate: passed.');
    expect(report).toMatch(/matches (\d+) of the \1 files it generated\./);
    const log = await git(repoDir, ['log', '--format=%s', 'main..HEAD']);
    expect(log).toBe('Upgrade three-tier-service from 1.1.0 to 1.2.0');
    expect(await git(repoDir, ['status', '--porcelain'])).toBe('');
  });

  it('steps through every version when two behind, one commit each, and a renamed file keeps its edits', async () => {
    const threeReleases = await releasesWithReadmeMoved(releases, TEMPLATE);
    const repoDir = await editedRepository(threeReleases);
    const result = await upgrade(repoDir, { releases: threeReleases });

    expect(result.status).toBe('upgraded');
    expect(result.steps.map(s => [s.from, s.to])).toEqual([
      ['1.1.0', '1.2.0'],
      ['1.2.0', '1.3.0'],
    ]);
    const log = await git(repoDir, ['log', '--format=%s', 'main..HEAD']);
    expect(log.split('\n')).toEqual([
      'Upgrade three-tier-service from 1.2.0 to 1.3.0',
      'Upgrade three-tier-service from 1.1.0 to 1.2.0',
    ]);
    expect(await fs.pathExists(path.join(repoDir, 'README.md'))).toBe(false);
    const moved = await read(repoDir, 'docs/README.md');
    expect(moved).toContain(TEAM_README_LINE);
    expect(moved).toContain(README_MOVED_NOTE);
    expect((await readProvenance(repoDir)).template.version).toBe('1.3.0');
    expect(result.steps[1].report).toContain('README.md → docs/README.md');
  });

  it('upgrades only as far as the target version asked for', async () => {
    const threeReleases = await releasesWithExtraVersion({
      source: releases,
      template: TEMPLATE,
      copy: ['1.1.0', '1.2.0'],
      derive: { from: '1.2.0', version: '1.3.0', change: async () => {} },
    });
    const repoDir = await editedRepository(threeReleases);
    const result = await upgrade(repoDir, {
      releases: threeReleases,
      targetVersion: '1.2.0',
    });
    expect(result.steps.map(s => s.to)).toEqual(['1.2.0']);
  });

  it('proposes a draft with conflict markers when the team changed a vendored construct file, and stops there', async () => {
    const repoDir = await editedRepository();
    await editFile(repoDir, 'lib/constructs/common/kms.ts', text =>
      text.replace(/\n/, '\n// patched by the team\n'),
    );
    await commitAll(repoDir, 'Patch the vendored key construct');
    const gate = jest.fn(passingGate);
    const result = await upgrade(repoDir, { runGate: gate });

    expect(result.status).toBe('conflicts');
    expect(result.steps[0].files).toContainEqual(
      expect.objectContaining({
        path: 'lib/constructs/common/kms.ts',
        outcome: 'conflict',
      }),
    );
    const kms = await read(repoDir, 'lib/constructs/common/kms.ts');
    expect(kms).toContain('<<<<<<< your repository');
    expect(kms).toContain('// patched by the team');
    expect(kms).toContain('>>>>>>> template 1.2.0');
    expect(gate).not.toHaveBeenCalled();
    const log = await git(repoDir, ['log', '-1', '--format=%s']);
    expect(log).toContain('(draft: conflicts to resolve)');
    expect(await read(repoDir, '.platform/upgrades/1.2.0.md')).toContain(
      'CI refuses this branch until the markers are gone',
    );
  });

  it('proposes nothing of a step the safety gate refuses, and says why', async () => {
    const repoDir = await editedRepository();
    const head = await git(repoDir, ['rev-parse', 'HEAD']);
    const result = await upgrade(repoDir, {
      runGate: async () => ({
        passed: false,
        markdown: 'Gate: AppTable (AWS::DynamoDB::Table) would be replaced.',
        reason: 'a stateful resource would be replaced: AppTable',
      }),
    });
    expect(result.status).toBe('blocked');
    expect(result.steps[0].report).toContain(
      'Reason: a stateful resource would be replaced: AppTable',
    );
    expect(await git(repoDir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await git(repoDir, ['status', '--porcelain'])).toBe('');
  });

  it('refuses a repository whose provenance was edited by hand, and changes nothing', async () => {
    const repoDir = await editedRepository();
    const head = await git(repoDir, ['rev-parse', 'HEAD']);
    await editFile(repoDir, PROVENANCE_PATH, text =>
      text.replace('"version": "1.1.0"', '"version": "1.2.0"'),
    );
    await expect(upgrade(repoDir)).rejects.toThrow(/edited by hand/);
    expect(await git(repoDir, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('does nothing for a repository already on the newest version', async () => {
    const repoDir = await generateRepository({
      releases,
      dryRun,
      template: TEMPLATE,
      version: (await releases.versions(TEMPLATE)).at(-1)!,
      answers,
    });
    const result = await upgrade(repoDir);
    expect(result).toMatchObject({ status: 'up-to-date', steps: [] });
  });
});
