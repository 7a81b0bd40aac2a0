import { test, expect, APIRequestContext } from '@playwright/test';
// The end-to-end tests run in Node (Playwright), not in the browser: this one commits to
// the generated repository in the local publishing folder as its team would.
// eslint-disable-next-line no-restricted-imports
import { execFileSync } from 'child_process';
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { signInAsGuest } from './signIn';

/*
 * Conformance from the code itself: the portal evaluates a generated repository in the local
 * publishing folder on every new commit (app-config.yaml: every 15 s), and a commit that takes
 * the dead-letter queue away turns the service non-conforming, naming the rule, on its page and
 * among the pattern's adopters.
 */
const BACKEND = 'http://localhost:7007';
const REPOSITORIES = path.resolve(__dirname, '../../../.local-repositories');
const DLQ_RULE =
  'Every queue a Lambda function consumes has a dead-letter queue and a maximum receive count.';

async function scaffold(request: APIRequestContext, name: string) {
  const refresh = await request.get(`${BACKEND}/api/auth/guest/refresh`);
  const { backstageIdentity } = await refresh.json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
  const created = await request.post(`${BACKEND}/api/scaffolder/v2/tasks`, {
    headers,
    data: {
      templateRef: 'template:default/event-driven-service',
      values: { name, owner: 'group:default/orders-team' },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`${BACKEND}/api/scaffolder/v2/tasks/${id}`, {
              headers,
            })
          ).json()
        ).status,
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe('completed');
}

/** A team's commit to the generated stack: the processing queue loses its dead-letter queue. */
function removeDeadLetterQueue(name: string): string {
  const repository = path.join(REPOSITORIES, name);
  const stack = path.join(repository, 'lib', `${name}-stack.ts`);
  const source = fs.readFileSync(stack, 'utf8');
  const end = source.lastIndexOf('  }\n}');
  fs.writeFileSync(
    stack,
    `${source.slice(0, end)}    // No dead-letter queue after all.\n` +
      `    (this.service.queue.node.defaultChild as any).redrivePolicy = undefined;\n` +
      `${source.slice(end)}`,
  );
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repository, encoding: 'utf8' }).trim();
  git(
    '-c',
    'user.name=Orders Team',
    '-c',
    'user.email=orders@example.com',
    'commit',
    '-qam',
    'Drop the dead-letter queue',
  );
  return git('rev-parse', 'HEAD');
}

test('a generated service reads conforming, and non-conforming, naming the rule, once a commit removes its dead-letter queue', async ({
  page,
  request,
}) => {
  test.setTimeout(600_000);
  const name = `e2e-conform-${Date.now().toString(36)}`;
  await scaffold(request, name);

  await signInAsGuest(page, `/catalog/default/component/${name}`);
  // The first evaluation installs the dependencies (cached afterwards by lock file).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^Conforming$/).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  await expect(
    page.getByText(/Checked .* by the portal at commit/),
  ).toBeVisible();

  const commit = removeDeadLetterQueue(name);
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByText(/^Non-conforming: 1 of 5 rules fail$/),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
  const failing = page.getByRole('list', { name: 'Failing rules' });
  await expect(failing).toContainText(DLQ_RULE);
  await expect(failing).toContainText('consumed_queues_have_dead_letter_queue');
  await expect(page.getByTestId('commit')).toHaveText(commit.slice(0, 7));
  await failing.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: test.info().outputPath('component-non-conforming.png'),
  });

  // Among the pattern's adopters, filtered to the non-conforming ones.
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(async () => {
    await page.goto('/patterns/event-driven-basic');
    await expect(row).toContainText('Non-conforming', { timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: test.info().outputPath('pattern-adopters-non-conforming.png'),
  });
});
