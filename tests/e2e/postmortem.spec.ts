/** The seed's postmortem page, as a reader uses it: header, timeline, sections, and the way to 002 and back. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostmortemPage, V0_0_23, V0_0_26, eventId, postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

const DIST = join(import.meta.dirname, '../../dist');

test.describe('the seed postmortem, 003', () => {
  test.beforeEach(async ({ postmortemPage }) => {
    await postmortemPage.goto(V0_0_26);
  });

  test('shows its title, levels, author, sections and edit link', async ({ page, postmortemPage }) => {
    await expect(postmortemPage.heading).toHaveText('Postmortem for v0.0.26 release');
    await expect(page).toHaveTitle(/Postmortem for v0\.0\.26 release/);
    await expect(postmortemPage.levels).toHaveText(['Internal', 'Outage']);
    await expect(page.getByRole('link', { name: 'David Ellis' })).toHaveAttribute('href', '/authors/david-ellis/');

    const body = ['Summary', 'Detection', 'Response', 'Cause', 'Prevention'];
    const headings = await postmortemPage.sectionHeadings();
    expect(headings.filter((heading) => body.includes(heading))).toEqual(body);

    await expect(postmortemPage.editLink).toHaveAttribute(
      'href',
      /\/edit\/[^/]+\/content\/postmortems\/003-postmortem-for-v0-0-26-release\.md$/,
    );
  });

  test('shows its seven timeline events in order, with machine and readable dates', async ({ postmortemPage }) => {
    const events = [
      ['2023-01-08', '8 January 2023'],
      ['2023-01-30', '30 January 2023'],
      ['2023-02-01', '1 February 2023'],
      ['2023-02-02', '2 February 2023'],
      ['2023-02-03', '3 February 2023'],
      ['2023-02-04', '4 February 2023'],
      ['2023-02-06', '6 February 2023'],
    ] as const;
    await expect(postmortemPage.timelineEvents).toHaveCount(events.length);
    expect(await PostmortemPage.datesOf(postmortemPage.timelineEvents)).toEqual(events.map(([date]) => date));
    for (const [index, [date, readable]] of events.entries()) {
      const item = postmortemPage.timelineEvents.nth(index);
      await expect(item).toHaveId(eventId(date));
      await expect(item.locator('time').first()).toHaveText(readable);
    }
  });

  test('and 002 link to each other in Related postmortems', async ({ page, postmortemPage }) => {
    const recurrenceOf = postmortemPage.relatedLink('Recurrence of');
    await expect(recurrenceOf).toHaveText(/Postmortem for v0\.0\.23 release/);
    await recurrenceOf.click();
    await expect(page).toHaveURL(postmortemUrl(V0_0_23));
    await expect(postmortemPage.heading).toHaveText('Postmortem for v0.0.23 release');

    const recurredIn = postmortemPage.relatedLink('Recurred in');
    await expect(recurredIn).toHaveText(/Postmortem for v0\.0\.26 release/);
    await recurredIn.click();
    await expect(page).toHaveURL(postmortemUrl(V0_0_26));
  });

  test('takes a reader to the 8 January outage in 002 in one click, and back', async ({ page, postmortemPage }) => {
    const toldFirstIn = postmortemPage.event('2023-01-08').getByText('Told first in').getByRole('link');
    await toldFirstIn.click();
    await expect(page).toHaveURL(postmortemUrl(V0_0_23, eventId('2023-01-08')));
    const there = postmortemPage.event('2023-01-08');
    await expect(there).toBeInViewport();
    await expect(page.locator(`#${eventId('2023-01-08')}:target`)).toHaveCount(1);
    await expect(there).toContainText('DHCP');

    // Back: 002 tells the event first, so its way back to 003 is the event itself or its chain row.
    const back = there
      .or(postmortemPage.chainOutage('2023-01-08'))
      .locator(`a[href^="${postmortemUrl(V0_0_26)}"]`)
      .first();
    await back.click();
    await expect(page).toHaveURL(new RegExp(`${postmortemUrl(V0_0_26)}(#${eventId('2023-01-08')})?$`));
    await expect(postmortemPage.heading).toHaveText('Postmortem for v0.0.26 release');
  });
});

test.describe('every postmortem page', () => {
  const ids = readdirSync(join(DIST, 'postmortems'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  for (const id of ids) {
    test(`ships no JavaScript: ${id}`, async ({ page }) => {
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      await page.goto(postmortemUrl(id));
      // Executable scripts only: a JSON data block would not be JavaScript.
      const inline = page.locator('script[src], script:not([type]), script[type="module"], script[type*="javascript"]');
      await expect(inline).toHaveCount(0);
      expect(scripts).toEqual([]);
    });
  }
});
