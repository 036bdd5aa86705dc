// @ts-check
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPluginAstro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Calls that format or compare text in the locale of the machine that runs them. A build must not
 * depend on that machine (`npm run reproducible` builds in two locales), so a locale is always
 * passed explicitly.
 */
const implicitLocale = [
  {
    selector: "CallExpression[callee.property.name='localeCompare'][arguments.length<2]",
    message: "Pass a locale: a.localeCompare(b, 'en'). Without one, the order depends on the build machine.",
  },
  {
    selector:
      'CallExpression[callee.property.name=/^toLocale(String|DateString|TimeString|UpperCase|LowerCase)$/][arguments.length=0]',
    message: "Pass a locale, such as 'en': without one, the text depends on the build machine.",
  },
  {
    selector: "NewExpression[callee.object.name='Intl'][arguments.length=0]",
    message: "Pass a locale to Intl, such as 'en': without one, the output depends on the build machine.",
  },
  {
    selector: "NewExpression[callee.object.name='Intl'] > Identifier.arguments:first-child[name='undefined']",
    message: "Pass a locale to Intl, such as 'en': without one, the output depends on the build machine.",
  },
];

export default defineConfig(
  // Build output, caches and test reports are generated, not written.
  globalIgnores(['dist/', '.astro/', '.bench/', 'node_modules/', 'test-results/', 'playwright-report/']),
  tseslint.configs.recommended,
  eslintPluginAstro.configs.recommended,
  {
    // Config files, scripts, the build and the tests all run on Node.
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-syntax': ['error', ...implicitLocale] },
  },
);
