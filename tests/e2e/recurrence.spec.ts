/**
 * The seed's recurring incident seen from every page that shows it: both postmortems' recurrence
 * chains, the global timeline (with its filters, with and without JavaScript) and /recurrences/.
 */
import { PostmortemPage, V0_0_23, V0_0_26, eventId, itemOn, postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

/**
 * The outages of the chain, oldest first. 002 also tells four unrelated staging failures; 003 refs
 * only its 8 January outage, so only that one belongs to the chain (see `RecurrenceChain.outages`).
 */
const CHAIN = [
  { date: '2023-01-08', environment: 'staging', toldIn: [V0_0_23, V0_0_26] },
  { date: '2023-01-30', environment: 'staging', toldIn: [V0_0_26] },
  { date: '2023-02-01', environment: 'production', toldIn: [V0_0_26] },
  { date: '2023-02-06', environment: 'production', toldIn: [V0_0_26] },
] as const;

const PRODUCTION_EVENTS = ['2023-02-06', '2023-02-04', '2023-02-03', '2023-02-01'];
const OTHER_EVENTS = ['2023-02-02', '2023-01-30', '2023-01-11', '2023-01-08', '2023-01-03', '2022-12-27', '2022-12-20'];

test.describe('recurrence chain on a postmortem page', () => {
  test('003 lists every outage of the chain in order and marks its own', async ({ postmortemPage }) => {
    await postmortemPage.goto(V0_0_26);
    expect(await PostmortemPage.datesOf(postmortemPage.chainOutages)).toEqual(CHAIN.map(({ date }) => date));
    for (const { date, environment, toldIn } of CHAIN) {
      const outage = postmortemPage.chainOutage(date);
      await expect(outage).toContainText(environment);
      await expect(outage).toContainText(/this postmortem/i);
      for (const id of toldIn) {
        await expect(outage.locator(`a[href="${postmortemUrl(id, eventId(date))}"]`)).toBeVisible();
      }
    }
  });

  test('002 shows it recurred in 003, and marks only the outage it told', async ({ postmortemPage }) => {
    await postmortemPage.goto(V0_0_23);
    await expect(postmortemPage.relatedLink('Recurred in')).toHaveAttribute('href', postmortemUrl(V0_0_26));
    expect(await PostmortemPage.datesOf(postmortemPage.chainOutages)).toEqual(CHAIN.map(({ date }) => date));
    await expect(postmortemPage.chainOutage('2023-01-08')).toContainText(/this postmortem/i);
    for (const { date } of CHAIN.slice(1)) {
      await expect(postmortemPage.chainOutage(date)).not.toContainText(/this postmortem/i);
    }
  });
});

test.describe('global timeline', () => {
  test('shows the 8 January outage once, from both postmortems', async ({ page }) => {
    await page.goto('/timeline/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Timeline');
    const outage = itemOn(page.getByRole('main'), '2023-01-08');
    await expect(outage).toHaveCount(1);
    for (const id of [V0_0_23, V0_0_26]) {
      await expect(outage.locator(`a[href="${postmortemUrl(id, eventId('2023-01-08'))}"]`)).toBeVisible();
    }
  });

  test('filters by environment in place, without loading a page', async ({ page }) => {
    await page.goto('/timeline/');
    // A property set on the window survives only as long as the document does.
    await page.evaluate(() => Object.assign(window, { hindsightSameDocument: true }));
    let loads = 0;
    page.on('load', () => (loads += 1));

    await page
      .getByRole('navigation', { name: 'Filter the timeline' })
      .locator('a[href="/timeline/environment/production/"]')
      .click();

    const main = page.getByRole('main');
    for (const date of PRODUCTION_EVENTS) await expect(itemOn(main, date)).toBeVisible();
    for (const date of OTHER_EVENTS) await expect(itemOn(main, date)).toBeHidden();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/timeline/');
    expect(url.searchParams.get('environment')).toBe('production');
    expect(await page.evaluate(() => 'hindsightSameDocument' in window)).toBe(true);
    expect(loads).toBe(0);
  });

  test('on a filter page, another value of its dimension loads that page: only its events are here', async ({
    page,
  }) => {
    await page.goto('/timeline/environment/production/');
    const main = page.getByRole('main');
    for (const date of OTHER_EVENTS) await expect(itemOn(main, date)).toHaveCount(0);
    await page
      .getByRole('navigation', { name: 'Filter the timeline' })
      .locator('a[href="/timeline/environment/staging/"]')
      .click();
    // The staging page loads; its script then keeps the address as /timeline/?environment=staging.
    await expect(page).toHaveURL(/\/timeline\/(environment\/staging\/|\?environment=staging)$/);
    await expect(itemOn(main, '2023-01-08')).toBeVisible();
    for (const date of PRODUCTION_EVENTS) await expect(itemOn(main, date)).toHaveCount(0);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the environment filter link serves only production events', async ({ page }) => {
      await page.goto('/timeline/');
      await page
        .getByRole('navigation', { name: 'Filter the timeline' })
        .locator('a[href="/timeline/environment/production/"]')
        .click();
      await expect(page).toHaveURL('/timeline/environment/production/');
      const main = page.getByRole('main');
      for (const date of PRODUCTION_EVENTS) await expect(itemOn(main, date)).toBeVisible();
      for (const date of OTHER_EVENTS) await expect(itemOn(main, date)).toBeHidden();
    });
  });
});

test('/recurrences/ lists the chain, linked to both postmortems', async ({ page }) => {
  await page.goto('/recurrences/');
  // Each chain is a region named after its postmortems; other chains may come and go.
  const chain = page.getByRole('main').getByRole('region', { name: /Postmortem for v0\.0\.26 release/ });
  for (const id of [V0_0_23, V0_0_26]) {
    await expect(chain.locator(`a[href="${postmortemUrl(id)}"]`).first()).toBeVisible();
  }
  const outages = chain.locator('ol.chain > li');
  expect(await PostmortemPage.datesOf(outages)).toEqual(CHAIN.map(({ date }) => date));
  for (const { date, environment, toldIn } of CHAIN) {
    const outage = itemOn(chain.locator('ol.chain'), date);
    await expect(outage).toContainText(environment);
    for (const id of toldIn) {
      await expect(outage.locator(`a[href="${postmortemUrl(id, eventId(date))}"]`)).toBeVisible();
    }
  }
});
