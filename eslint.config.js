// @ts-check
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPluginAstro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, caches and test reports are generated, not written.
  globalIgnores(['dist/', '.astro/', '.bench/', 'node_modules/', 'test-results/', 'playwright-report/']),
  tseslint.configs.recommended,
  eslintPluginAstro.configs.recommended,
  {
    // Config files, scripts, the build and the tests all run on Node.
    languageOptions: { globals: { ...globals.node } },
  },
);
