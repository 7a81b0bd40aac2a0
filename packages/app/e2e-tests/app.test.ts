import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('the portal signs a guest in and offers the pattern catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'Patterns', exact: true }),
  ).toBeVisible();
});
