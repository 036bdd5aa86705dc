/** A mistyped or outdated address: the 404 page offers a search and the newest postmortems. */
import { wcagViolations } from './fixtures/axe.ts';
import { V0_0_26, postmortemUrl } from './fixtures/postmortem-page.ts';
import { SearchPage } from './fixtures/search-page.ts';
import { expect, test } from './fixtures/test.ts';

const MISSING = '/postmortems/003-postmortem-for-v0-0-26/';

test.beforeEach(async ({ page, pageErrors }) => {
  const response = await page.goto(MISSING);
  expect(response?.status()).toBe(404);
  // The browser logs the 404 of the page itself as a console error: it is the point of this page.
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !error.includes('404 (Not Found)')));
});

test('has a search box that finds what was meant', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
  const form = page.getByRole('search', { name: 'Search for the page' });
  await form.getByRole('searchbox', { name: 'Search postmortems' }).fill('v0.0.26');
  await form.getByRole('button', { name: 'Search' }).click();

  await expect(page).toHaveURL('/search/?q=v0.0.26');
  const search = new SearchPage(page);
  await search.settled();
  await expect(search.resultLinks.first()).toHaveAttribute('href', postmortemUrl(V0_0_26));
});

test('offers the newest postmortems', async ({ page }) => {
  const recent = page.getByRole('region', { name: 'Recent postmortems' });
  await expect(recent.getByRole('heading').getByRole('link')).toHaveText([
    /003\s*Postmortem for v0\.0\.26 release/,
    /002/,
  ]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`passes axe (WCAG 2.1 AA) in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    expect(await wcagViolations(page)).toEqual([]);
  });
}
