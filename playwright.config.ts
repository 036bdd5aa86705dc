import { defineConfig, devices } from '@playwright/test';
import { site } from './src/site.config.ts';
import { chromiumLaunchOptions } from './tests/e2e/chromium.ts';

// HINDSIGHT_E2E_PORT lets several checkouts run their end-to-end tests side by side.
const PORT = Number(process.env['HINDSIGHT_E2E_PORT'] ?? 4329);
// A second site, for the search index in parts (src/lib/search-shards.ts): 60 generated
// postmortems in parts of 8, built and served by a web server of its own for
// tests/e2e/search-parts.spec.ts.
const PARTS_PORT = PORT + 1;
const PARTS = '.astro/e2e-search-parts';
const partsSite = [
  `rm -rf ${PARTS}`,
  `node scripts/generate.ts --count 60 --seed 3 --out ${PARTS}/content`,
  `node_modules/.bin/astro build --silent --outDir ${PARTS}/dist`,
  `node scripts/search-index.ts --outDir ${PARTS}/dist`,
  `node_modules/.bin/astro preview --outDir ${PARTS}/dist --port ${PARTS_PORT} --ignore-lock`,
].join(' && ');

// End-to-end tests run against the built site in dist/ (`npm run build` comes first in `npm test`).
export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: !!process.env['CI'],
  retries: process.env['CI'] ? 1 : 0,
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'search-parts.spec.ts',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() },
    },
    {
      name: 'search-parts',
      testMatch: 'search-parts.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions(),
        baseURL: `http://localhost:${PARTS_PORT}`,
      },
    },
  ],
  webServer: [
    {
      command: `node_modules/.bin/astro preview --port ${PORT} --ignore-lock`,
      // Under a base path (HINDSIGHT_BASE) the server answers 404 at its root: wait for the site's home.
      url: `http://localhost:${PORT}${site.base}`,
      reuseExistingServer: !process.env['CI'],
    },
    {
      command: partsSite,
      url: `http://localhost:${PARTS_PORT}${site.base}`,
      env: {
        HINDSIGHT_CONTENT_DIR: `${PARTS}/content`,
        HINDSIGHT_CACHE_DIR: `${PARTS}/cache`,
        HINDSIGHT_SEARCH_SHARD_SIZE: '8',
      },
      timeout: 180_000,
      reuseExistingServer: !process.env['CI'],
    },
  ],
});
