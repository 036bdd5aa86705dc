/**
 * Every page of the built site, found in dist/ (see tests/support/site-pages.ts), loaded in a real
 * browser: status 200 (404 for the not-found page, reached at an address with no page), a
 * Content Security Policy of `default-src 'self'` that nothing on the page violates, no failed
 * request, and no request leaving the site's origin: the site must work offline, with no CDN.
 * Console errors fail the test through the shared fixture.
 */
import { join } from 'node:path';
import { site } from '../../src/site.config.ts';
import { addressOf, builtPages } from '../support/site-pages.ts';
import { expect, test } from './fixtures/test.ts';

const ROOT = join(import.meta.dirname, '../..');
const pages = builtPages(join(ROOT, 'dist'), join(ROOT, 'src/pages'), site.base);

test('the built site has pages', () => {
  expect(pages.length, 'build the site first: npm run build').toBeGreaterThan(1);
});

for (const builtPage of pages) {
  // The browser logs the not-found page's own 404 as an error; any other error still counts.
  test.describe(() => {
    if (builtPage.notFound) test.use({ expectedConsoleErrors: [/status of 404 \(Not Found\)/] });
    test(`${builtPage.url} loads cleanly from the site alone`, async ({ page, baseURL }) => {
      const origin = new URL(baseURL ?? 'http://localhost').origin;
      const problems: string[] = [];
      // Requests elsewhere are refused before they leave, so a test run stays offline too.
      await page.route(
        (url) => url.origin !== origin,
        async (route) => {
          problems.push(`request leaving the site: ${route.request().url()}`);
          await route.abort('blockedbyclient');
        },
      );
      page.on('requestfailed', (request) => {
        if (new URL(request.url()).origin === origin) {
          problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`);
        }
      });
      page.on('response', (response) => {
        const isDocument = response.request().isNavigationRequest() && response.request().frame() === page.mainFrame();
        if (response.status() >= 400 && !(isDocument && builtPage.notFound)) {
          problems.push(`HTTP ${response.status()}: ${response.url()}`);
        }
      });
      await page.addInitScript(() => {
        const violations: string[] = [];
        Object.assign(window, { hindsightCspViolations: violations });
        document.addEventListener('securitypolicyviolation', (event) =>
          violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`),
        );
      });

      const address = addressOf(builtPage, site.base);
      const response = await page.goto(address);
      await page.waitForLoadState('networkidle');

      expect(response?.status(), `status of ${address}`).toBe(builtPage.notFound ? 404 : 200);
      if (builtPage.notFound) await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const policy = await page.locator('meta[http-equiv="content-security-policy" i]').getAttribute('content');
      expect(policy, 'a Content Security Policy in the page').toMatch(/(^|;)\s*default-src 'self'\s*;/);
      const violations = await page.evaluate(
        () => (window as unknown as { hindsightCspViolations: string[] }).hindsightCspViolations,
      );
      expect([...problems, ...violations.map((violation) => `CSP violation: ${violation}`)]).toEqual([]);
    });
  });
}
