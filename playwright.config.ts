import { defineConfig, devices } from '@playwright/test';
import { site } from './src/site.config.ts';
import { chromiumLaunchOptions } from './tests/e2e/chromium.ts';

// HINDSIGHT_E2E_PORT lets several checkouts run their end-to-end tests side by side.
const PORT = Number(process.env['HINDSIGHT_E2E_PORT'] ?? 4329);

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
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() },
    },
  ],
  webServer: {
    command: `node_modules/.bin/astro preview --port ${PORT} --ignore-lock`,
    // Under a base path (HINDSIGHT_BASE) the server answers 404 at its root: wait for the site's home.
    url: `http://localhost:${PORT}${site.base}`,
    reuseExistingServer: !process.env['CI'],
  },
});
