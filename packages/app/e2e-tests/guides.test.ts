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

test('a guide respects stated requirements, states a conflict, and reports a tie', async ({
  page,
}, testInfo) => {
  await signInAsGuest(page, '/patterns/guides');

  // A constrained recommendation: backup and restore would score highest,
  // but its own recovery point is hours and the answer allows minutes.
  await page.goto('/patterns/guides/disaster-recovery?rpo=minutes&rto=hours');
  await expect(page.getByTestId('guide-recommended')).toHaveText('Pilot light');
  const ruledOut = page.getByTestId('guide-ruled-out');
  await expect(ruledOut).toContainText('Backup and restore');
  await expect(ruledOut).toContainText('Excluded by "A few minutes at most"');

  // A conflict: the link is needed within days, which only a VPN can do,
  // but the data must never cross the public internet.
  await page.goto(
    '/patterns/guides/hybrid-connectivity?setup-time=days&data-residency=private-path',
  );
  const conflict = page.getByTestId('guide-conflict');
  await expect(conflict).toContainText('No option meets every requirement');
  await expect(page.getByTestId('guide-recommended')).toHaveCount(0);
  await expect(page.getByText('Create from template')).toHaveCount(0);
  await expect(page.getByTestId('guide-resolutions')).toContainText(
    '"Weeks to a few months is acceptable" instead of "Within a day or two"',
  );
  await page.screenshot({
    path: testInfo.outputPath('guide-conflict.png'),
    fullPage: true,
  });

  // Resolving it from the page: accept weeks of lead time.
  const setupTime = page.getByRole('group', {
    name: 'How soon must the connection be live?',
  });
  await setupTime
    .getByRole('radio', { name: /^Weeks to a few months/ })
    .check();
  await expect(page.getByTestId('guide-conflict')).toHaveCount(0);
  await expect(page.getByTestId('guide-recommended')).toHaveText(
    'AWS Direct Connect',
  );

  // A tie: a greenfield start favours a monolith and three tiers equally.
  await page.goto(
    '/patterns/guides/service-architecture?starting-point=greenfield',
  );
  const tie = page.getByTestId('guide-tie');
  await expect(tie).toContainText(
    'A well-structured (modular) monolith and Three-tier application with private tiers tie at 1 point',
  );
  await expect(page.getByTestId('guide-recommended')).toHaveCount(0);
  await expect(page.getByTestId('guide-separators')).toContainText(
    'would recommend Three-tier application with private tiers',
  );
  await page.screenshot({
    path: testInfo.outputPath('guide-tie.png'),
    fullPage: true,
  });
});
