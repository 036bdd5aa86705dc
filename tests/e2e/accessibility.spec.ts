/**
 * Zero axe violations of WCAG 2.0 and 2.1, levels A and AA, on one page of every route (pages of
 * a route share a template), in the light and the dark colour scheme. Routes are found from
 * dist/ and src/pages/, so a new page type is checked as soon as it is built.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { site } from '../../src/site.config.ts';
import { addressOf, builtPages, onePagePerRoute } from '../support/site-pages.ts';
import { expect, test } from './fixtures/test.ts';

const ROOT = join(import.meta.dirname, '../..');
const templates = onePagePerRoute(builtPages(join(ROOT, 'dist'), join(ROOT, 'src/pages'), site.base));
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    for (const template of templates) {
      // The browser logs the not-found page's own 404 as an error; any other error still counts.
      test.describe(() => {
        if (template.notFound) test.use({ expectedConsoleErrors: [/status of 404 \(Not Found\)/] });
        test(`${template.route} has no WCAG 2.1 A or AA violation (${template.url})`, async ({ page }) => {
          await page.goto(addressOf(template, site.base));
          const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
          const found = violations.flatMap((violation) =>
            violation.nodes.map(
              (node) =>
                `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`,
            ),
          );
          expect(found, `axe violations on ${template.url}`).toEqual([]);
        });
      });
    }
  });
}
