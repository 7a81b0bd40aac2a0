import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('complete the architecture guide, reopen the result by its URL, and start from the template', async ({
  page,
  context,
}) => {
  await signInAsGuest(page, '/patterns');
  await page.getByText('Help me choose', { exact: true }).click();
  await page
    .getByRole('link', { name: 'Which service architecture fits?' })
    .click();

  // Each question is a fieldset named by its legend: answer with the keyboard.
  const answer = async (question: string, label: RegExp) => {
    const radio = page
      .getByRole('group', { name: question })
      .getByRole('radio', { name: label });
    await radio.focus();
    await page.keyboard.press('Space');
    await expect(radio).toBeChecked();
  };
  await answer('Who will build and run the system?', /^One small team/);
  await answer('What are you starting from?', /^A new product/);
  await answer(
    'Does the caller need the final result within the same request?',
    /^Yes, the response depends/,
  );
  await answer(
    'What consistency does the data need?',
    /^Related changes commit together/,
  );
  await answer(
    'What data does it handle, and where may that data sit on the network?',
    /^Regulated data/,
  );

  await expect(page.getByTestId('guide-recommended')).toHaveText(/Three-tier/);
  await expect(page.getByTestId('guide-trade-off')).toHaveText(
    /^This gives .* at the cost of .*; chosen because .*\.$/,
  );
  await expect(page.getByTestId('guide-runner-up')).toBeVisible();

  // Back and forward step through the answers.
  await page.goBack();
  await expect(
    page.getByRole('radio', { name: /^Regulated data/ }),
  ).not.toBeChecked();
  await page.goForward();
  await expect(
    page.getByRole('radio', { name: /^Regulated data/ }),
  ).toBeChecked();

  // The answers live in the URL: a fresh page shows the same result.
  const url = page.url();
  expect(url).toContain('data-sensitivity=regulated');
  const fresh = await context.newPage();
  await fresh.goto(url);
  await expect(fresh.getByTestId('guide-recommended')).toHaveText(/Three-tier/);

  await fresh.getByText('Create from template', { exact: true }).click();
  await expect(fresh).toHaveURL(
    /\/create\/templates\/default\/three-tier-service/,
  );
  await expect(
    fresh.getByRole('textbox', { name: /Why this service/ }),
  ).toHaveValue(/chosen because/);
});
