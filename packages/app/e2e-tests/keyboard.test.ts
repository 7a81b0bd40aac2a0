import { test, expect, Locator, Page } from '@playwright/test';

/*
 * One whole flow without the mouse: the pattern catalog, a pattern, a
 * decision guide and the template form it hands off to. Every step is
 * reached with Tab (or Shift+Tab) and used with Enter, Space or typing.
 */

/**
 * Presses Tab until the element has the focus, and checks that the focus
 * shows: a native outline or shadow, or Material UI's focus styles on the
 * element or the control around it. Fails if Tab never gets there.
 */
async function tabTo(
  page: Page,
  target: Locator,
  options: { checkFocusShown?: boolean } = {},
) {
  const handle = await target.elementHandle();
  for (let i = 0; i < 80; i++) {
    if (await handle!.evaluate(el => el === document.activeElement)) {
      if (options.checkFocusShown === false) return;
      const shown = await handle!.evaluate(el => {
        const style = getComputedStyle(el);
        return (
          (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') ||
          style.boxShadow !== 'none' ||
          el.closest('.Mui-focusVisible, .Mui-focused') !== null
        );
      });
      expect({ focusShown: shown, element: String(target) }).toEqual({
        focusShown: true,
        element: String(target),
      });
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('catalog, pattern, guide and template form with the keyboard alone', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The sign-in page is Backstage's own; its focus style is not ours to check.
  await page.goto('/patterns');
  const enter = page.getByRole('button', { name: 'Enter' });
  await tabTo(page, enter, { checkFocusShown: false });
  await page.keyboard.press('Enter');

  // The catalog: search, then open a pattern.
  const search = page.getByRole('textbox', { name: 'Search patterns' });
  await expect(search).toBeVisible();
  await tabTo(page, search);
  await page.keyboard.type('event');
  const card = page
    .getByTestId('pattern-card-event-driven-basic')
    .getByRole('link')
    .first();
  await expect(card).toBeVisible();
  await tabTo(page, card);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/patterns\/event-driven-basic$/);

  // The pattern: on to a guide that can recommend it.
  const guideLink = page.getByRole('link', {
    name: 'Which service architecture fits?',
  });
  await expect(guideLink).toBeVisible();
  await tabTo(page, guideLink);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/patterns\/guides\/service-architecture/);

  // The guide: answer two questions with Tab and Space.
  // Tab enters a radio group once; the arrow keys move within it.
  const answer = async (question: string, label: RegExp) => {
    const group = page.getByRole('group', { name: question });
    const radio = group.getByRole('radio', { name: label });
    await tabTo(page, group.getByRole('radio').first());
    for (let i = 0; i < 5; i++) {
      if (await radio.evaluate(el => el === document.activeElement)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    await expect(radio).toBeChecked();
  };
  await answer(
    'Does the caller need the final result within the same request?',
    /^No, an acknowledgement is enough/,
  );
  await answer(
    'How does traffic arrive, and what should happen when processing fails?',
    /^In sharp surges/,
  );
  await expect(page.getByTestId('guide-recommended')).toHaveText(
    /Event-driven/,
  );

  // The hand-off: the template form, filled in by typing.
  const create = page.locator('a', { hasText: 'Create from template' });
  await tabTo(page, create);
  await page.keyboard.press('Enter');
  const name = page.getByRole('textbox', { name: 'Name' });
  await expect(name).toBeVisible();
  await tabTo(page, name);
  await page.keyboard.type('keyboard-orders');
  await expect(name).toHaveValue('keyboard-orders');
});
