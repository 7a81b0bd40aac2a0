import { test, expect, Page } from '@playwright/test';
import { expectSignedIn, signInWithOidc } from './oidcSignIn';

/** The signed-in user's Backstage token, from the auth backend's session. */
async function backstageToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/oidc/refresh?env=production', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      credentials: 'include',
    });
    return (await response.json()).backstageIdentity.token;
  });
}

async function exportAsUser(page: Page) {
  const token = await backstageToken(page);
  const response = await page.request.get(
    '/api/architecture-patterns/adoption/export.csv',
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return { status: response.status(), body: await response.text() };
}

async function openAdoption(page: Page) {
  await page.goto('/patterns/adoption');
  await expect(
    page.getByRole('heading', { name: 'Adoption overview' }),
  ).toBeVisible();
  // The counts have loaded, so the permission answer has too.
  await expect(page.getByText(/^Adopters \(\d+\)$/)).toBeVisible();
}

test.describe('the production permission policy, for two signed-in users', () => {
  test('ada (platform team) may export the adoption data: the button and the endpoint', async ({
    page,
  }) => {
    await signInWithOidc(page, 'ada');
    await expectSignedIn(page);

    const { status, body } = await exportAsUser(page);
    expect(status).toBe(200);
    expect(body.split('\r\n')[0]).toBe(
      'name,kind,owner,system,lifecycle,patterns,template,template version,provenance,conformance',
    );

    await openAdoption(page);
    await expect(
      page.getByRole('button', { name: 'Export CSV' }),
    ).toBeVisible();
  });

  test('grace (orders team) may not: no button, and the endpoint answers 403', async ({
    page,
  }) => {
    await signInWithOidc(page, 'grace');
    await expectSignedIn(page);

    const { status, body } = await exportAsUser(page);
    expect(status).toBe(403);
    expect(body).toContain('architecture-patterns.adoption.export');

    await openAdoption(page);
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(
      0,
    );
  });
});
