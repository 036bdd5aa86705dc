/**
 * `/actions/` and the home page's open actions: every action of every published postmortem, in its
 * status group, with its owner, due date, overdue marker and a link back to its postmortem. What the
 * page should show is worked out from the content files with the site's own code.
 */
import { formatCalendarDate, parseCalendarDate } from '../../src/lib/dates.ts';
import { collectActions, groupActionsByStatus, isOverdue, outstandingActions } from '../../src/lib/actions.ts';
import { ActionsPage, publishedPostmortems } from './fixtures/browse-pages.ts';
import { postmortemUrl } from './fixtures/postmortem-page.ts';
import { expect, test } from './fixtures/test.ts';

const published = await publishedPostmortems();
const actions = collectActions(published);
const groups = groupActionsByStatus(actions);

test('/actions/ shows every action in its status group, with owner, due date and source', async ({ page }) => {
  const actionsPage = new ActionsPage(page);
  await actionsPage.goto();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Actions');
  expect(actions.length, 'the seed content has actions of every kind to check').toBeGreaterThan(5);
  const today = (await actionsPage.asOf.getAttribute('datetime')) ?? '';
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  for (const group of groups) {
    const section = actionsPage.group(group.label);
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(`${group.label} (${group.actions.length})`);
    await expect(actionsPage.items(section)).toHaveCount(group.actions.length);
    // In the order the page promises: due first for open items, latest closed first for closed ones.
    await expect(actionsPage.items(section)).toHaveText(
      group.actions.map((action) => new RegExp(escape(action.title))),
    );
    for (const action of group.actions) {
      const item = actionsPage.item(section, action.title);
      if (action.owner) await expect(item).toContainText(`Owner: ${action.owner}`);
      if (action.due) await expect(item).toContainText(`Due ${formatCalendarDate(parseCalendarDate(action.due))}`);
      await expect(item.getByText('Overdue', { exact: true })).toHaveCount(isOverdue(action, today) ? 1 : 0);
      const from = item.getByRole('link', {
        name: new RegExp(`^${String(action.postmortemNumber).padStart(3, '0')} · `),
      });
      await expect(from).toHaveAttribute('href', postmortemUrl(action.postmortemId, 'actions'));
    }
  }
});

test('/actions/ leads back to the actions of the postmortem an item came from', async ({ page }) => {
  const actionsPage = new ActionsPage(page);
  await actionsPage.goto();
  const [first] = groups.flatMap((group) => group.actions);
  if (!first) throw new Error('no action to follow');
  await actionsPage.page
    .getByRole('listitem')
    .filter({ hasText: first.title })
    .getByRole('link', { name: /^\d{3} · / })
    .click();
  await expect(page).toHaveURL(postmortemUrl(first.postmortemId, 'actions'));
  await expect(page.getByRole('region', { name: 'Actions' })).toContainText(first.title);
});

test('the home page lists the open actions, overdue first, and links to /actions/', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByRole('region', { name: 'Open actions' });
  const today = (await panel.locator('time').first().getAttribute('datetime')) ?? '';
  const outstanding = outstandingActions(actions, today);
  const overdue = outstanding.filter((action) => isOverdue(action, today)).length;
  await expect(panel).toContainText(`${outstanding.length} open or in progress, ${overdue} overdue`);
  await expect(panel.getByRole('listitem')).toHaveText(
    outstanding.slice(0, 5).map((action) => new RegExp(escape(action.title))),
  );
  await panel.getByRole('link', { name: 'Every action, by status' }).click();
  await expect(page).toHaveURL('/actions/');
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
