/**
 * Full-text search as a reader uses it: from the header box of any page, from a shared link with
 * filters, and with the filters of the search page. Pagefind's index is built by `npm run build`.
 */
import { wcagViolations } from './fixtures/axe.ts';
import { V0_0_23, V0_0_26, postmortemUrl } from './fixtures/postmortem-page.ts';
import { HeaderSearch, SearchPage } from './fixtures/search-page.ts';
import { expect, test } from './fixtures/test.ts';

/** Words from the seed's Cause section, and nowhere else in either postmortem. */
const CAUSE_PHRASE = 'DAG-based module system';

test.describe('search', () => {
  test('for ConnectionManager from the header box finds 003', async ({ page, postmortemPage }) => {
    await postmortemPage.goto(V0_0_23);
    await new HeaderSearch(page).search('ConnectionManager');

    await expect(page).toHaveURL('/search/?q=ConnectionManager');
    const search = new SearchPage(page);
    expect(await search.settled()).toBe('1 postmortem found for “ConnectionManager”.');
    await expect(search.resultLinks).toHaveText(['003Postmortem for v0.0.26 release']);
    const result = search.results.first();
    await expect(result.locator('time')).toHaveAttribute('datetime', '2023-02-06');
    await expect(result.getByRole('list', { name: 'Levels' }).getByRole('listitem')).toHaveText(['Internal', 'Outage']);
    await expect(result.locator('mark').first()).toHaveText('ConnectionManager');
  });

  test("for a phrase from the seed's Cause section lands on 003", async ({ page, postmortemPage }) => {
    const search = new SearchPage(page);
    await search.goto();
    await expect(search.status).toHaveText('Type words to find, or choose a filter.');
    await search.search(CAUSE_PHRASE);
    await search.settled();
    await expect(page).toHaveURL(`/search/?q=${encodeURIComponent(CAUSE_PHRASE).replace(/%20/g, '+')}`);
    await search.resultLinks.first().click();
    await expect(page).toHaveURL(postmortemUrl(V0_0_26));
    await expect(postmortemPage.heading).toHaveText('Postmortem for v0.0.26 release');
  });

  test('filters by level, keeping the filter in the query string', async ({ page }) => {
    const search = new SearchPage(page);
    await search.goto('q=DHCP');
    expect(await search.settled()).toBe('2 postmortems found for “DHCP”.');

    await search.filter('Level').selectOption({ label: 'Outage' });
    await expect(page).toHaveURL('/search/?q=DHCP&level=outage');
    await expect(search.status).toHaveText('1 postmortem found for “DHCP”, level Outage.');
    await expect(search.resultLinks).toHaveText([/Postmortem for v0\.0\.26 release/]);

    await page.goBack();
    await expect(search.status).toHaveText('2 postmortems found for “DHCP”.');
    await expect(search.filter('Level')).toHaveValue('');
  });

  test('lists by filters alone from a shared link, newest first, with summaries', async ({ page }) => {
    const search = new SearchPage(page);
    await search.goto('environment=staging&year=2023');
    expect(await search.settled()).toBe('2 postmortems found, environment staging, year 2023.');
    await expect(search.filter('Environment')).toHaveValue('staging');
    await expect(search.filter('Year')).toHaveValue('2023');
    await expect(search.resultLinks).toHaveText([/v0\.0\.26/, /v0\.0\.23/]);
    await expect(search.results.first()).toContainText('In some ways this is a continuation of the prior outage.');
  });

  test('says so when nothing matches', async ({ page }) => {
    const search = new SearchPage(page);
    await search.goto('q=kubernetes');
    expect(await search.settled()).toBe('No postmortems found for “kubernetes”.');
    await expect(search.results).toHaveCount(0);
    await expect(search.more).toBeHidden();
  });

  test('loads Pagefind only once there is something to search for', async ({ page }) => {
    const loaded: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pagefind/')) loaded.push(new URL(request.url()).pathname);
    });
    const search = new SearchPage(page);
    await search.goto();
    await expect(search.status).toHaveText('Type words to find, or choose a filter.');
    expect(loaded).toEqual([]);
    await search.search('leak');
    await search.settled();
    expect(loaded).toContain('/pagefind/pagefind.js');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`with results passes axe (WCAG 2.1 AA) in ${colorScheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const search = new SearchPage(page);
      await search.goto('q=staging');
      await search.settled();
      expect(await wcagViolations(page)).toEqual([]);
    });
  }
});
