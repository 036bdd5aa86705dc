/**
 * Finding postmortems: the filterable list (with and without JavaScript, shared through its query
 * string and the back button) and the taxonomy pages a postmortem's badges and tags lead to.
 */
import { PostmortemListPage, publishedPostmortems } from './fixtures/browse-pages.ts';
import { V0_0_23, V0_0_26, postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

const published = await publishedPostmortems();
const allIds = published.map(({ id }) => id);
const outageIds = published.filter(({ data }) => data.level.includes('outage')).map(({ id }) => id);

test.describe('the postmortem list', () => {
  test('lists every published postmortem, newest first', async ({ page }) => {
    const list = new PostmortemListPage(page);
    await list.goto();
    expect(await list.shownIds()).toEqual(allIds);
    await expect(list.count).toHaveText(`${allIds.length} of ${allIds.length} postmortems`);
  });

  test('filtered by level outage shows exactly the outage postmortems, in the query string', async ({ page }) => {
    expect(outageIds, 'the seed, 003, is an outage; 002 is not').toEqual([V0_0_26]);
    const list = new PostmortemListPage(page);
    await list.goto();
    await list.choose('Level', 'outage');
    await expect(page).toHaveURL(/\/postmortems\/\?level=outage$/);
    await expect(list.count).toHaveText(`${outageIds.length} of ${allIds.length} postmortems`);
    expect(await list.shownIds()).toEqual(outageIds);

    await page.reload();
    await expect(list.control('Level')).toHaveValue('outage');
    expect(await list.shownIds()).toEqual(outageIds);
  });

  test('opens a shared link filtered, combines filters, and steps back through them', async ({ page }) => {
    const list = new PostmortemListPage(page);
    await list.goto('?service=engine');
    await expect(list.control('Service')).toHaveValue('engine');
    expect(await list.shownIds()).toEqual(allIds);

    await list.choose('Tag', 'ghcr');
    await expect(page).toHaveURL(/\?service=engine&tag=ghcr$/);
    expect(await list.shownIds()).toEqual([V0_0_23]);

    await list.choose('Sort', 'date-asc');
    await list.choose('Tag', '');
    await expect(page).toHaveURL(/\?service=engine&sort=date-asc$/);
    expect(await list.shownIds()).toEqual([...allIds].reverse());

    await page.goBack();
    await expect(page).toHaveURL(/\?service=engine&tag=ghcr&sort=date-asc$/);
    await expect(list.control('Tag')).toHaveValue('ghcr');
    expect(await list.shownIds()).toEqual([V0_0_23]);
  });

  test('says when nothing matches and clears the filters', async ({ page }) => {
    const list = new PostmortemListPage(page);
    await list.goto('?level=outage&tag=ghcr');
    await expect(list.count).toHaveText(`0 of ${allIds.length} postmortems`);
    await expect(page.getByText('No postmortem matches all of these filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await expect(page).toHaveURL(/\/postmortems\/$/);
    expect(await list.shownIds()).toEqual(allIds);
  });

  test('names a filter from the address that it cannot apply', async ({ page }) => {
    const list = new PostmortemListPage(page);
    await list.goto('?level=sev-1');
    await expect(page.getByText('Not applied, since nothing in the list has it: level “sev-1”.')).toBeVisible();
    expect(await list.shownIds()).toEqual(allIds);
  });

  test('sorts by time to resolve, the postmortems without one last', async ({ page }) => {
    const list = new PostmortemListPage(page);
    await list.goto('?sort=resolve-desc');
    await expect(list.control('Sort')).toHaveValue('resolve-desc');
    // 003 ran 26 days from its first outage to its mitigation; 002's timeline has no fix at all.
    expect(await list.shownIds()).toEqual([V0_0_26, V0_0_23]);
  });
});

test.describe('the postmortem list without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('shows every postmortem and the taxonomy pages to filter by', async ({ page }) => {
    const list = new PostmortemListPage(page);
    await list.goto('?level=outage');
    await expect(list.filters).toBeHidden();
    expect(await list.shownIds()).toEqual(allIds);
    await page.getByRole('link', { name: 'level', exact: true }).click();
    await expect(page).toHaveURL('/levels/');
    await page.getByRole('link', { name: 'Outage' }).click();
    await expect(page).toHaveURL('/levels/outage/');
  });
});

test.describe('taxonomy pages', () => {
  test('a service tag on the seed’s page opens the service’s page, with its postmortems', async ({
    page,
    postmortemPage,
  }) => {
    await postmortemPage.goto(V0_0_26);
    await postmortemPage.taxonomyLink('Services', 'engine').click();
    await expect(page).toHaveURL('/services/engine/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('engine');
    const engine = published.filter(({ data }) => data.services.includes('engine'));
    await expect(page.getByText(`${engine.length} postmortems`)).toBeVisible();
    for (const { id } of engine) await expect(page.locator(`h2 a[href="${postmortemUrl(id)}"]`)).toBeVisible();
  });

  test('a level badge opens the level’s page, with its description and exactly its postmortems', async ({ page }) => {
    await page.goto(postmortemUrl(V0_0_26));
    await page.getByRole('list', { name: 'Levels' }).getByRole('link', { name: 'Outage' }).click();
    await expect(page).toHaveURL('/levels/outage/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Level\s+Outage/);
    await expect(page.getByText('A service was unavailable or badly degraded.')).toBeVisible();
    const cards = page.getByRole('main').locator('h2 a');
    await expect(cards).toHaveCount(outageIds.length);
    await expect(cards.first()).toHaveAttribute('href', postmortemUrl(V0_0_26));
  });

  test('the author opens the author’s page, with their email and postmortems', async ({ page }) => {
    await page.goto(postmortemUrl(V0_0_26));
    await page.getByRole('link', { name: 'David Ellis' }).click();
    await expect(page).toHaveURL('/authors/david-ellis/');
    await expect(page.getByRole('link', { name: 'david@iasql.com' })).toHaveAttribute('href', 'mailto:david@iasql.com');
    await expect(page.getByRole('main').locator('h2 a')).toHaveCount(allIds.length);
  });

  test('each index page lists its values with counts and links', async ({ page }) => {
    await page.goto('/tags/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tags');
    const dhcp = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'dhcp', exact: true }) });
    const withDhcp = published.filter(({ data }) => data.tags.includes('dhcp')).length;
    await expect(dhcp).toContainText(`${withDhcp} postmortems`);
    await dhcp.getByRole('link').click();
    await expect(page).toHaveURL('/tags/dhcp/');
  });
});
