import { test, expect, APIRequestContext } from '@playwright/test';
// The end-to-end tests run in Node (Playwright), not in the browser: this one lays out a
// repository of an earlier template release in the local publishing folder and commits to it
// as its team would.
// eslint-disable-next-line no-restricted-imports
import { execFileSync } from 'child_process';
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import os from 'os';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { parse } from 'yaml';
import { signInAsGuest } from './signIn';

/*
 * Template upgrades end to end: a service generated from the previous release of the
 * three-tier template (1.1.0, before the deploy-grade fixes) gets a team edit to its stack and
 * one to its README; "Upgrade" on the adoption page runs the upgrade task, which proposes the
 * branch template-upgrade/<newest> (one commit per later release) with the fixes merged, both
 * edits kept, tests and synth passing and an infrastructure diff that replaces no stateful
 * resource.
 */
const BACKEND = 'http://localhost:7007';
const ROOT = path.resolve(__dirname, '../../..');
const REPOSITORIES = path.join(ROOT, '.local-repositories');
const TEMPLATE = 'three-tier-service';
const STACK_EDIT =
  '// Team note: the web tier serves the spring campaign pages.';
const README_EDIT = 'On call: the storefront team, #storefront-oncall.';
const FROM = '1.1.0';

const byVersion = (a: string, b: string) => {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
/** The releases after FROM, in order: one upgrade step each. */
const STEPS = fs
  .readdirSync(path.join(ROOT, 'templates', TEMPLATE, 'releases'))
  .map(file => file.replace(/\.tgz$/, ''))
  .filter(version => byVersion(version, FROM) > 0)
  .sort(byVersion);
const NEWEST = STEPS[STEPS.length - 1];

function files(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? files(dir, path.join(prefix, entry.name))
        : [path.join(prefix, entry.name)],
    );
}

/**
 * Generates the service from the released 1.1.0 archive through the portal's scaffolder
 * (a dry run of that release's own template, provenance step included) and publishes the
 * result as a git repository in the local publishing folder, as publish:local does.
 */
async function generateFromPreviousRelease(
  request: APIRequestContext,
  name: string,
) {
  const release = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
  execFileSync('tar', [
    '-xzf',
    path.join(ROOT, 'templates', TEMPLATE, 'releases', `${FROM}.tgz`),
    '-C',
    release,
  ]);
  const template = parse(
    fs.readFileSync(path.join(release, 'template.yaml'), 'utf8'),
  );
  const values = {
    ...parse(
      fs.readFileSync(
        path.join(ROOT, 'templates', TEMPLATE, 'fixtures', 'values.yaml'),
        'utf8',
      ),
    ),
    name,
    system: undefined,
  };
  const refresh = await request.get(`${BACKEND}/api/auth/guest/refresh`);
  const { backstageIdentity } = await refresh.json();
  const rendered = await request.post(`${BACKEND}/api/scaffolder/v2/dry-run`, {
    headers: { Authorization: `Bearer ${backstageIdentity.token}` },
    data: {
      template,
      values,
      directoryContents: files(release).map(file => ({
        path: file,
        base64Content: fs
          .readFileSync(path.join(release, file))
          .toString('base64'),
      })),
    },
  });
  expect(rendered.status()).toBe(200);
  const { directoryContents } = await rendered.json();
  const repository = path.join(REPOSITORIES, name);
  for (const file of directoryContents) {
    fs.mkdirSync(path.dirname(path.join(repository, file.path)), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(repository, file.path),
      Buffer.from(file.base64Content, 'base64'),
    );
  }
  const provenance = JSON.parse(
    fs.readFileSync(path.join(repository, '.platform/provenance.json'), 'utf8'),
  );
  expect(provenance.template).toEqual({ name: TEMPLATE, version: FROM });
  git(repository, 'init', '-q', '-b', 'main');
  git(repository, 'add', '--all');
  git(repository, 'commit', '-qm', `Initial commit from template ${FROM}`);
  return repository;
}

function git(repository: string, ...args: string[]) {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Storefront Team',
      '-c',
      'user.email=storefront@example.com',
      ...args,
    ],
    { cwd: repository, encoding: 'utf8' },
  ).trim();
}

function edit(file: string, change: (text: string) => string) {
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

test('upgrade a service from the previous template release from the adoption page: fixes merged, team edits kept, tests, synth and a safe diff', async ({
  page,
  request,
}) => {
  test.setTimeout(1_800_000);
  const name = `upgrade-e2e-${Date.now().toString(36)}`;
  const repository = await generateFromPreviousRelease(request, name);
  const stackFile = path.join(repository, 'lib', `${name}-stack.ts`);
  edit(stackFile, text => text.replace(/\n/, `\n${STACK_EDIT}\n`));
  edit(path.join(repository, 'README.md'), text =>
    text.replace(/\n\n/, `\n\n${README_EDIT}\n\n`),
  );
  git(repository, 'commit', '-qam', 'Team edits to the stack and the README');
  const mainBefore = git(repository, 'rev-parse', 'main');

  await signInAsGuest(page, '/patterns');
  await page.getByText('Adoption', { exact: true }).click();
  // The catalog discovers the repository on its next scan of the local publishing folder.
  const upgrade = page.getByRole('button', {
    name: `Upgrade ${name} to ${NEWEST}`,
  });
  await expect(async () => {
    await page.reload();
    await expect(upgrade).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  await upgrade.click();

  const dialog = page.getByRole('dialog', {
    name: `Upgrade ${name} to ${NEWEST}?`,
  });
  await expect(dialog).toContainText(`template-upgrade/${NEWEST}`);
  await dialog.getByRole('button', { name: 'Start upgrade' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);

  // Renders, merges, then installs, tests and synthesizes before and after, and diffs.
  await expect(
    page.getByText(
      `upgraded: branch template-upgrade/${NEWEST} of the repository ${name}`,
    ),
  ).toBeVisible({ timeout: 1_500_000 });
  await page.screenshot({
    path: test.info().outputPath('upgrade-task.png'),
    fullPage: true,
  });

  expect(git(repository, 'rev-parse', 'main')).toBe(mainBefore);
  const onBranch = (file: string) =>
    git(repository, 'show', `template-upgrade/${NEWEST}:${file}`);
  expect(onBranch(`lib/${name}-stack.ts`)).toContain(STACK_EDIT);
  expect(onBranch('README.md')).toContain(README_EDIT);
  // The deploy-grade fixes: the vendored constructs are the current library's.
  expect(
    onBranch('lib/constructs/three-tier-web-app/three-tier-web-app.ts'),
  ).toBe(
    fs
      .readFileSync(
        path.join(
          ROOT,
          'packages/cdk-pattern-constructs/src/three-tier-web-app/three-tier-web-app.ts',
        ),
        'utf8',
      )
      .trim(),
  );
  expect(
    JSON.parse(onBranch('.platform/provenance.json')).template.version,
  ).toBe(NEWEST);
  // One step per later release, each with its report and a passing gate.
  expect(
    git(repository, 'log', '--format=%s', `main..template-upgrade/${NEWEST}`)
      .split('\n')
      .reverse(),
  ).toEqual(
    STEPS.map(
      (to, i) => `Upgrade ${TEMPLATE} from ${[FROM, ...STEPS][i]} to ${to}`,
    ),
  );
  for (const version of STEPS) {
    const report = onBranch(`.platform/upgrades/${version}.md`);
    expect(report).toContain('Safety gate: **passed**.');
    expect(report).toMatch(/\| npm test \| passed .* \| passed .* \|/);
    expect(report).toMatch(/\| cdk synth \| passed .* \| passed .* \|/);
    expect(report).not.toContain('blocks the upgrade');
  }
  // 1.2.0 brought the deploy-grade fixes; the later releases change how the code and the
  // template are written, not what they deploy.
  expect(onBranch('.platform/upgrades/1.2.0.md')).toMatch(
    /\| AWS::KMS::Key \| changed \|/,
  );
  for (const version of STEPS.slice(1)) {
    expect(onBranch(`.platform/upgrades/${version}.md`)).toContain(
      'No resource changes in any stack.',
    );
  }
});
