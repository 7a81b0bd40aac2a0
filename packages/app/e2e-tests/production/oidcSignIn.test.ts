import { test, expect } from '@playwright/test';
import { expectSignedIn, signInWithOidc } from './oidcSignIn';

test.describe('production sign-in through OpenID Connect', () => {
  test('the built frontend is served by the backend and offers only OIDC', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByText('Test SSO').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
    await page.screenshot({
      path: 'node_modules/.cache/e2e-test-results/production-sign-in-page.png',
    });
  });

  test('a user in the catalog signs in through the redirect flow and is that user', async ({
    page,
  }) => {
    await signInWithOidc(page, 'ada');
    await expectSignedIn(page);
    // The Backstage identity is the User entity whose email the token carries.
    const identity = await page.evaluate(async () => {
      const response = await fetch('/api/auth/oidc/refresh?env=production', {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
        credentials: 'include',
      });
      return response.json();
    });
    expect(identity.backstageIdentity.identity).toEqual(
      expect.objectContaining({
        userEntityRef: 'user:default/ada',
        ownershipEntityRefs: expect.arrayContaining([
          'group:default/platform-team',
        ]),
      }),
    );
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Patterns', exact: true })
      .click();
    // The catalog in PostgreSQL serves the pattern library.
    await expect(
      page.getByTestId('pattern-card-event-driven-basic'),
    ).toBeVisible();
    await page.screenshot({
      path: 'node_modules/.cache/e2e-test-results/production-signed-in.png',
      fullPage: true,
    });
  });

  test('an account with no User entity is refused with a message that says why', async ({
    page,
  }) => {
    await signInWithOidc(page, 'mallory');
    await expect(
      page.getByText(
        /no User entity in the catalog has the email mallory@example\.org/,
      ),
    ).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'sidebar nav' }),
    ).toHaveCount(0);
  });
});
