import AxeBuilder from '@axe-core/playwright';
import { test, expect, Page } from '@playwright/test';
import { signInAsGuest } from './signIn';

/*
 * WCAG 2.1 A and AA, checked by axe-core in Chromium on every page the
 * plugin owns. Any serious or critical violation fails the test, except the
 * ones listed here: each comes from Backstage itself, not from this
 * project's components, and names the rule and the element.
 */
const FRAMEWORK_OWNED = [
  {
    rule: 'aria-valid-attr-value',
    target: '-tab-templates',
    why: "The scaffolder page's header tabs (@backstage/ui Tabs, react-aria) point aria-controls at a tab panel they never render.",
  },
];

type Finding = { rule: string; target: string; summary: string };

async function seriousViolations(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v =>
      v.nodes.map(node => ({
        rule: v.id,
        target: node.target.join(' '),
        summary: (node.failureSummary ?? '').split('\n')[1] ?? v.help,
      })),
    )
    .filter(
      finding =>
        !FRAMEWORK_OWNED.some(
          owned =>
            owned.rule === finding.rule &&
            finding.target.includes(owned.target),
        ),
    );
}

const GUIDE_RESULT =
  '/patterns/guides/service-architecture?team=small-team&starting-point=greenfield&caller-waits=must-wait&consistency=single-transaction&data-sensitivity=regulated';

const PAGES: Array<[string, string, (page: Page) => Promise<unknown>]> = [
  [
    'the pattern catalog with filters',
    '/patterns?level=intermediate&category=event-driven',
    page => expect(page.getByText(/\d+ patterns?$/)).toBeVisible(),
  ],
  [
    'a pattern page with templates and adopters',
    '/patterns/event-driven-basic',
    page => expect(page.getByRole('table').first()).toBeVisible(),
  ],
  [
    'a system design pattern page',
    '/patterns/multi-tenant-saas',
    page => expect(page.getByRole('img', { name: /^Diagram:/ })).toBeVisible(),
  ],
  [
    'a disaster recovery pattern page',
    '/patterns/dr-pilot-light',
    page => expect(page.getByRole('img', { name: /^Diagram:/ })).toBeVisible(),
  ],
  [
    'a building-block pattern page',
    '/patterns/cqrs',
    page => expect(page.getByRole('img', { name: /^Diagram:/ })).toBeVisible(),
  ],
  [
    'the guide list',
    '/patterns/guides',
    page =>
      expect(
        page.getByRole('link', { name: 'Which service architecture fits?' }),
      ).toBeVisible(),
  ],
  [
    'a guide with a recommendation',
    GUIDE_RESULT,
    page => expect(page.getByTestId('guide-recommended')).toBeVisible(),
  ],
  [
    'a guide whose answers conflict',
    '/patterns/guides/disaster-recovery?rpo=minutes&rto=hours&budget=minimal',
    page => expect(page.getByTestId('guide-conflict')).toBeVisible(),
  ],
  [
    'a guide whose top options tie',
    '/patterns/guides/service-architecture?starting-point=greenfield',
    page => expect(page.getByTestId('guide-tie')).toBeVisible(),
  ],
  [
    'a comparison',
    '/patterns/compare/service-architecture/monolith-vs-microservices',
    page => expect(page.getByRole('table')).toBeVisible(),
  ],
  [
    'the adoption overview with a filter',
    '/patterns/adoption?owner=group:default/analytics-team',
    page => expect(page.getByText(/^Adopters \(\d+\)$/)).toBeVisible(),
  ],
  [
    "a component's patterns card",
    '/catalog/default/component/order-routing',
    page =>
      expect(
        page.getByRole('link', {
          name: 'Event-driven architecture (advanced routing and fan-out)',
        }),
      ).toBeVisible(),
  ],
  [
    'the not-found page',
    '/patterns/a/b/c',
    page =>
      expect(
        page.getByRole('heading', { name: 'There is no page at this address' }),
      ).toBeVisible(),
  ],
];

test('every page of the plugin has no serious or critical axe violation', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page, '/patterns');
  const found: Record<string, Finding[]> = {};
  const check = async (name: string) => {
    // Let lazy parts (diagram layout, counts) settle first.
    await page.waitForLoadState('networkidle');
    const findings = await seriousViolations(page);
    if (findings.length > 0) found[name] = findings;
  };

  for (const [name, path, loaded] of PAGES) {
    await test.step(name, async () => {
      await page.goto(path);
      await loaded(page);
      await check(name);
    });
  }
  await test.step('the template form reached from a guide', async () => {
    await page.goto(GUIDE_RESULT);
    await page.getByText('Create from template', { exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
    await check('the template form reached from a guide');
  });

  expect(found).toEqual({});
});
