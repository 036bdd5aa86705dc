import { defineConfig } from 'vitest/config';

// The core under test is plain TypeScript with no astro:* imports, so a plain Vitest config is
// enough; end-to-end tests in tests/e2e belong to Playwright.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
  },
});
