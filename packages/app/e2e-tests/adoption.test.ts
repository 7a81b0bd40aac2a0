import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('open the adoption overview, filter by a group and follow a pattern to its adopters', async ({
  page,
}) => {
  await signInAsGuest(page, '/patterns');
  await page.getByText('Adoption', { exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Adoption overview' }),
  ).toBeVisible();

  // Adoption relations appear once the example services are processed.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByTestId('bar-group:default/analytics-team'),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });

  await page
    .getByTestId('bar-group:default/analytics-team')
    .getByRole('button')
    .click();
  await expect(page).toHaveURL(
    /owner=group%3Adefault%2Fanalytics-team|owner=group:default\/analytics-team/,
  );
  // The filter narrows the adopters table (the template skew card lists every
  // service behind its template, whoever owns it).
  const adopters = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Conformance' }) });
  await expect(
    adopters.getByRole('link', { name: 'Reporting API' }),
  ).toBeVisible();
  await expect(
    adopters.getByRole('link', { name: 'Order intake' }),
  ).toHaveCount(0);

  await page
    .getByTestId('bar-architecturepattern:default/cqrs')
    .getByRole('button')
    .click();
  await expect(page).toHaveURL(/pattern=/);
  await page.goto('/patterns/cqrs');
  await expect(
    page.getByRole('link', { name: 'Reporting API', exact: true }),
  ).toBeVisible();
});
