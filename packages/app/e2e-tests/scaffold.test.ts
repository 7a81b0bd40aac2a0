import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('scaffold an event-driven service through the form and find it in the catalog', async ({
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

  // The catalog discovers the published repository within seconds.
  await expect(async () => {
    await page.goto(`/catalog/default/component/${name}`);
    await expect(
      page.getByRole('link', { name: 'Event-driven architecture (basic)' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByText('Generated from event-driven-service version 1.0.0'),
  ).toBeVisible();
});
