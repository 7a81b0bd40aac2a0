import { expect, Page } from '@playwright/test';

/** Opens the portal at `path` and signs in as the guest user. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Patterns', exact: true }),
  ).toBeVisible();
}
