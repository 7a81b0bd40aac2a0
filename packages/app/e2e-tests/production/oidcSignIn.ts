import { expect, Page } from '@playwright/test';

/**
 * Signs in through the OpenID Connect redirect flow: the portal's sign-in
 * button sends the window to the test OpenID provider's login form
 * (scripts/test-oidc-provider.mjs), which sends it back to the portal.
 */
export async function signInWithOidc(page: Page, login: string, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The provider's development login form: any password is accepted.
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

export async function expectSignedIn(page: Page) {
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Patterns', exact: true }),
  ).toBeVisible();
}
