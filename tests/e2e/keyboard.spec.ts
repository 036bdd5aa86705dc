/**
 * A reader with only a keyboard can reach and use what the pages offer: the skip link, the
 * timeline's filters and its links to postmortems, the list's filters, and search. Each journey tabs
 * from the top of the page, as such a reader starts; add one here for each new control.
 */
import { PostmortemListPage } from './fixtures/browse-pages.ts';
import { HeaderSearch, SearchPage } from './fixtures/search-page.ts';
import { expect, test } from './fixtures/test.ts';

test.describe('with the keyboard only', () => {
  test('the skip link moves past the header to the content', async ({ page, timelinePage, keyboard }) => {
    await timelinePage.goto();
    await keyboard.tabTo(page.getByRole('link', { name: 'Skip to content' }));
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeInViewport();
    await keyboard.activate();
    await expect(page).toHaveURL(/#main$/);
    await keyboard.tabTo(page.getByRole('main').getByRole('link').first());
  });

  test('a timeline filter is reached with Tab and applied with Enter, and undone the same way', async ({
    timelinePage,
    keyboard,
  }) => {
    await timelinePage.goto();
    const total = await timelinePage.events.count();
    const production = timelinePage.filter('environment', /^production/i);

    await keyboard.tabTo(production);
    await keyboard.activate();
    await expect(production).toHaveAttribute('aria-current', 'page');
    await expect(production).toBeFocused();
    await expect(timelinePage.page).toHaveURL(/\?environment=production$/);
    const shown = await timelinePage.events.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    await expect(timelinePage.count).toHaveText(`${shown} of ${total} events`);

    const all = timelinePage.filter('environment', 'All');
    await keyboard.tabTo(all, { backwards: true });
    await keyboard.activate();
    await expect(timelinePage.events).toHaveCount(total);
    await expect(timelinePage.count).toHaveText(`${total} of ${total} events`);
  });

  test('a timeline event leads to its postmortem, at the event', async ({ page, timelinePage, keyboard }) => {
    await timelinePage.goto();
    const link = timelinePage.eventLinks().first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/postmortems\/[^/]+\/#event-/);

    await keyboard.tabTo(link);
    await keyboard.activate();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.locator(':target')).toBeInViewport();
  });

  test('a list filter is reached with Tab and set with the arrow keys', async ({ page, keyboard }) => {
    const list = new PostmortemListPage(page);
    await list.goto();
    const total = await list.shown.count();
    const level = list.control('Level');

    await keyboard.tabTo(level);
    // A closed drop-down takes the arrow keys in place: Down moves to the next level, Internal, Outage...
    for (let press = 0; press < 10 && (await level.inputValue()) !== 'outage'; press += 1) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(page).toHaveURL(/\?level=outage$/);
    await expect(list.count).toHaveText(`${await list.shown.count()} of ${total} postmortems`);
    expect(await list.shownIds()).toEqual(['003-postmortem-for-v0-0-26-release']);
  });

  test('search is reached from the header, and a result followed, without the mouse', async ({ page, keyboard }) => {
    await page.goto('/timeline/');
    const header = new HeaderSearch(page);
    await keyboard.tabTo(header.box);
    await page.keyboard.type('ConnectionManager');
    await keyboard.activate();
    await expect(page).toHaveURL('/search/?q=ConnectionManager');

    const search = new SearchPage(page);
    await search.settled();
    const first = search.resultLinks.first();
    await keyboard.tabTo(first);
    await keyboard.activate();
    await expect(page).toHaveURL(/\/postmortems\/003-postmortem-for-v0-0-26-release\//);
  });
});
