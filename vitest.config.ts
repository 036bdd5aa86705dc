import { defineConfig } from 'vitest/config';

// The core under test is plain TypeScript with no astro:* imports, so a plain Vitest config is
// enough; end-to-end tests in tests/e2e belong to Playwright. Build-level tests run `astro build`
// on content of their own, so they are a project apart with room for a build's time.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One build at a time: builds in one project share Astro's content cache.
          fileParallelism: false,
        },
      },
    ],
  },
});
