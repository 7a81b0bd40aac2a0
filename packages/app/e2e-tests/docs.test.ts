import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test("the portal's own component renders its TechDocs", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsGuest(page, '/catalog/default/component/architecture-portal');
  await page.getByRole('link', { name: 'TechDocs', exact: true }).click();
  // Built with the machine's MkDocs on first view (no techdocs-core, no Docker).
  await expect(
    page.getByRole('heading', { name: 'Where things are' }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(
    page.getByText('a set of Backstage plugins plus software templates'),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('techdocs.png'),
    fullPage: true,
  });
});
