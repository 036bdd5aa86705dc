/**
 * A postmortem printed on A4 and on Letter: only the content, in the light theme whatever the
 * screen's, and nothing wider than the printable width (page width less the stylesheet's 15 mm
 * margins each side), where it would be cut off.
 */
import { V0_0_26, postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

const MM = 96 / 25.4;
const papers = [
  { format: 'A4', width: 210 },
  { format: 'Letter', width: 215.9 },
] as const;

for (const { format, width } of papers) {
  test(`003 prints cleanly on ${format}`, async ({ page }) => {
    await page.setViewportSize({ width: Math.floor((width - 30) * MM), height: 1000 });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await page.goto(postmortemUrl(V0_0_26));

    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(page.getByRole('search')).toBeHidden();
    await expect(page.getByRole('link', { name: 'Edit this postmortem' })).toBeHidden();

    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      text: getComputedStyle(document.body).color,
      background: getComputedStyle(document.documentElement).backgroundColor,
    }));
    expect(layout).toEqual({ overflow: 0, text: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });

    const pdf = await page.pdf({ format });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
}
