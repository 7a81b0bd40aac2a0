import { test, expect } from '@playwright/test';
// The end-to-end tests run in Node (Playwright), not in the browser: this one reads the version
// the template states.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { signInAsGuest } from './signIn';

/** The version the template states in its annotation. */
const templateVersion = fs
  .readFileSync(
    path.resolve(
      __dirname,
      '../../../templates/event-driven-service/template.yaml',
    ),
    'utf8',
  )
  .match(/architecture\.platform\.dev\/template-version: (\S+)/)![1];

test('scaffold an event-driven service through the form, find it in the catalog and read its docs', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = `e2e-orders-${Date.now().toString(36)}`;

  await signInAsGuest(page, '/create');
  await expect(
    page.getByText('Event-driven service (API Gateway, SQS, Lambda, DynamoDB)'),
  ).toBeVisible();
  await page.goto('/create/templates/default/event-driven-service');

  // Service identity
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('orders');
  await page.getByRole('option', { name: /orders-team/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Queue and processing: keep the defaults.
  await expect(page.getByText('Queue type')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Where to publish: the local default.
  await expect(page.getByText('Repository host')).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page
    .getByRole('button', { name: 'Open in the catalog' })
    .or(page.getByRole('link', { name: 'Open in the catalog' }))
    .first();
  await expect(open).toBeVisible({ timeout: 120_000 });
  // The template names its pattern once; the link follows the portal's patterns path, in the
  // portal's own window.
  const patternLink = page
    .getByRole('link', { name: 'The pattern it implements' })
    .first();
  await expect(patternLink).toHaveAttribute(
    'href',
    '/patterns/event-driven-basic',
  );
  await expect(patternLink).not.toHaveAttribute('target', '_blank');
  await page.screenshot({
    path: test.info().outputPath('scaffold-task.png'),
    fullPage: true,
  });

  // The catalog discovers the published repository within seconds.
  await expect(async () => {
    await page.goto(`/catalog/default/component/${name}`);
    await expect(
      page.getByRole('link', { name: 'Event-driven architecture (basic)' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByText(
      `Generated from event-driven-service version ${templateVersion}`,
    ),
  ).toBeVisible();

  // Its TechDocs build with the machine's MkDocs on the first visit: the
  // overview from docs/index.md, then the decision record the template wrote.
  await page.getByRole('link', { name: 'TechDocs', exact: true }).click();
  await expect(
    page.getByText(
      `${name} implements the event-driven-basic architecture pattern`,
    ),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('spawn mkdocs ENOENT')).toHaveCount(0);
  await page
    .getByRole('link', { name: /Use .*Event-driven architecture/i })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: /Context and Problem Statement/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/adr\/0001-use-event-driven-basic\/?$/);
  await page.screenshot({
    path: test.info().outputPath('techdocs.png'),
    fullPage: true,
  });
});
