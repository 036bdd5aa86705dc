/**
 * A reader with only a keyboard can reach and use what the pages offer: the skip link, the
 * timeline's filters and its links to postmortems. Each journey tabs from the top of the page, as
 * such a reader starts; add one here for each new control (list filters, search).
 */
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
});
