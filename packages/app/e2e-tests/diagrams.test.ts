import { test, expect, type Download, type Page } from '@playwright/test';
import { signInAsGuest } from './signIn';

async function contents(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The patterns the four service templates implement. */
const TEMPLATE_PATTERNS = [
  'three-tier',
  'event-driven-basic',
  'multi-site-active-active-dr',
  'multi-tenant-saas',
];

async function openDiagram(page: Page, name: string) {
  await page.goto(`/patterns/${name}`);
  const diagram = page.getByRole('img', { name: /^Diagram:/ });
  await expect(diagram).toBeVisible();
  // Every icon loaded (a broken asset URL has no natural size).
  await expect(async () => {
    const loaded = await diagram
      .locator('image')
      .evaluateAll(images =>
        images.map(image => (image as SVGImageElement).getBBox().width > 0),
      );
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every(Boolean)).toBe(true);
  }).toPass();
  return diagram;
}

test('the template patterns draw AWS icons; screenshots for review', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  for (const name of TEMPLATE_PATTERNS) {
    const diagram = await openDiagram(page, name);
    await expect(diagram.locator('image[href*="svg"]')).not.toHaveCount(0);
    await diagram.screenshot({
      path: test.info().outputPath(`diagram-${name}.png`),
    });
  }
});

test('the Regions of active-active sit side by side', async ({ page }) => {
  await signInAsGuest(page);
  await openDiagram(page, 'multi-site-active-active-dr');
  const east = await page
    .getByTestId('diagram-group-region-a')
    .locator('rect')
    .boundingBox();
  const west = await page
    .getByTestId('diagram-group-region-b')
    .locator('rect')
    .boundingBox();
  const [left, right] = [east!, west!].sort((a, b) => a.x - b.x);
  expect(left.x + left.width).toBeLessThanOrEqual(right.x);
  expect(Math.abs(left.y - right.y)).toBeLessThan(left.height);
});

test('download a diagram as SVG and PNG named after its pattern', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openDiagram(page, 'multi-site-active-active-dr');
  const title = 'Multi-site active-active disaster recovery';

  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe(`${title}.svg`);
  const markup = (await contents(svg)).toString('utf8');
  expect(markup).toContain(`<title>${title}</title>`);
  expect(markup).toContain('data:image/svg+xml;base64,');

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe(`${title}.png`);
  const bytes = await contents(png);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  // Drawn at twice the diagram's size: far larger than an empty canvas.
  expect(bytes.length).toBeGreaterThan(20_000);
});

test('keyboard users reach a related pattern from a diagram node', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openDiagram(page, 'top-3-designs');
  await page.getByRole('button', { name: 'Download PNG' }).focus();
  await page.keyboard.press('Tab');
  const link = page.getByRole('link', {
    name: 'Public ALB: open the related pattern three-tier',
  });
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/patterns\/three-tier$/);
});
