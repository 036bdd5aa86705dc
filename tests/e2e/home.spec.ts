/**
 * The home page as a reader meets it: the newest postmortems, counts that lead to the matching
 * postmortems, two charts with their numbers, and the recurrence chains. It ships no JavaScript:
 * the charts are SVG drawn at build time.
 */
import { wcagViolations } from './fixtures/axe.ts';
import { V0_0_23, V0_0_26, postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('shows the newest postmortems first', async ({ page }) => {
  const recent = page.getByRole('region', { name: 'Recent postmortems' });
  await expect(recent.getByRole('heading', { level: 3 })).toHaveText([
    /003\s*Postmortem for v0\.0\.26 release/,
    /002\s*Postmortem for v0\.0\.23 release/,
  ]);
  await recent.getByRole('link', { name: /v0\.0\.26/ }).click();
  await expect(page).toHaveURL(postmortemUrl(V0_0_26));
});

test('counts postmortems by level and by year, each count leading to them', async ({ page }) => {
  const counts = page.getByRole('region', { name: 'By level and year' });
  const byLevel = counts.getByRole('list', { name: 'By level' }).getByRole('listitem');
  await expect(byLevel).toHaveText([/Internal\s*2/, /Outage\s*1/, /Corruption\s*0/, /Breach\s*0/]);
  await expect(counts.getByRole('list', { name: 'By year' }).getByRole('listitem')).toHaveText([/2023\s*2/]);

  await counts.getByRole('link', { name: '1 Outage postmortems' }).click();
  await expect(page).toHaveURL('/levels/outage/');
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText([/v0\.0\.26/]);

  await page.goBack();
  await counts.getByRole('link', { name: '2 postmortems written in 2023' }).click();
  await expect(page).toHaveURL('/postmortems/?year=2023');
  await expect(page.getByText('2 of 2 postmortems')).toBeVisible();
});

test('draws postmortems per month by level, with the numbers behind it', async ({ page }) => {
  const chart = page.getByRole('img', { name: 'Postmortems per month, by level' });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/2 postmortems written from January 2023 to February 2023/);
  await expect(chart.locator('rect.chart__bar')).toHaveCount(2);

  const figure = page.getByRole('figure').filter({ has: chart });
  await figure.getByText('The numbers').click();
  const rows = figure.getByRole('table').getByRole('row');
  await expect(rows).toHaveText([
    /Month\s*Internal\s*Outage\s*Total/,
    /January 2023\s*1\s*0\s*1/,
    /February 2023\s*0\s*1\s*1/,
  ]);
});

test('draws the median time to resolve, with the numbers behind it', async ({ page }) => {
  const chart = page.getByRole('img', { name: 'Median time to detect and to resolve, per month' });
  await expect(chart).toBeVisible();
  const figure = page.getByRole('figure').filter({ has: chart });
  await figure.getByText('The numbers').click();
  // 002 has no outage event, and 003 no detection: one time to resolve, 26 days, in February.
  await expect(figure.getByRole('table').getByRole('row')).toHaveText([
    /Month\s*Time to detect \(median\)\s*Time to resolve \(median\)/,
    /February 2023\s*–\s*26 days \(of 1\)/,
  ]);
});

test('lists the recurrence chains', async ({ page }) => {
  const chains = page.getByRole('region', { name: 'Recurrence chains' });
  const chain = chains.getByRole('listitem');
  await expect(chain).toHaveCount(1);
  await expect(chain.getByRole('link')).toHaveText([/^002 · /, /^003 · /]);
  await expect(chain.getByRole('link').first()).toHaveAttribute('href', postmortemUrl(V0_0_23));
  await expect(chain).toContainText('4 outages · recurred after the fix');
  await expect(chains.getByRole('link', { name: 'Every recurrence chain' })).toHaveAttribute('href', '/recurrences/');
});

test('ships no JavaScript', async ({ page }) => {
  await expect(page.locator('script')).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`passes axe (WCAG 2.1 AA) in ${colorScheme} mode, the numbers shown`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const numbers of await page.getByText('The numbers').all()) await numbers.click();
    expect(await wcagViolations(page)).toEqual([]);
  });
}
