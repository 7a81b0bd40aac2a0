import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('browse to an advanced event-driven pattern and on to one of its adopters', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Patterns', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Pattern catalog' }),
  ).toBeVisible();

  await page.locator('#pattern-filter-level').click();
  await page.getByRole('option', { name: /^advanced/ }).click();
  await page.locator('#pattern-filter-category').click();
  await page.getByRole('option', { name: /^event-driven/ }).click();

  // The filters live in the URL, so the view can be shared.
  await expect(page).toHaveURL(/level=advanced/);
  await expect(page).toHaveURL(/category=event-driven/);
  await expect(
    page.getByTestId('pattern-card-event-driven-advanced'),
  ).toBeVisible();
  await expect(page.getByTestId('pattern-card-event-driven-basic')).toHaveCount(
    0,
  );
  await expect(page.getByTestId('pattern-card-three-tier')).toHaveCount(0);

  await page
    .getByTestId('pattern-card-event-driven-advanced')
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(/\/patterns\/event-driven-advanced$/);

  const diagram = page.getByRole('img', { name: /^Diagram:/ });
  await expect(diagram).toBeVisible();
  await expect(
    diagram.locator('[data-testid^="diagram-node-"]'),
  ).not.toHaveCount(0);
  await expect(page.getByText('Trade-offs', { exact: true })).toBeVisible();
  await expect(
    page.getByText(/^Gives .*, at the cost of /).first(),
  ).toBeVisible();

  // Adoption relations appear once the catalog has processed the example
  // services, a few seconds after a fresh start: reload until they are there.
  const adopter = page.getByRole('link', {
    name: 'Order routing',
    exact: true,
  });
  await expect(async () => {
    await page.reload();
    await expect(adopter).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });

  await adopter.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/order-routing/);
  const card = page.locator('text=Architecture patterns').first();
  await expect(card).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Event-driven architecture \(advanced/ }),
  ).toBeVisible();
});
