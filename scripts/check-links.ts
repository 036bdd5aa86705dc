/**
 * Checks every internal link, fragment and asset of the built site: each page or file exists, each
 * `#fragment` names an element of its page, under the site's base path and trailing-slash setting.
 * External links are counted (and listed with --verbose), never fetched. Exits 1 on any broken link.
 *
 * Usage: node scripts/check-links.ts [--dir dist] [--base /postmortems/]
 *          [--trailing-slash always|never|ignore] [--verbose]
 */
import { formatReport, isTrailingSlash, trailingSlashes } from '../src/lib/check-links.ts';
import { checkBuiltSite } from '../src/lib/check-links-fs.ts';
import { parseCommandLine } from './lib/cli.ts';
import { loadSiteOptions } from './lib/site-options.ts';

const usage = `Usage: npm run check:links -- [options]

  --dir <folder>              the build to check (default: dist)
  --base <path>               the base path it was built with (default: astro.config.mjs, HINDSIGHT_BASE)
  --trailing-slash <setting>  ${trailingSlashes.join(', ')} (default: astro.config.mjs)
  --verbose                   list every external link
  --help                      show this help`;

const { values } = parseCommandLine(
  {
    dir: { type: 'string', default: 'dist' },
    base: { type: 'string' },
    'trailing-slash': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
  usage,
);
const trailingSlash = values['trailing-slash'];
if (trailingSlash !== undefined && !isTrailingSlash(trailingSlash)) {
  console.error(`--trailing-slash: received "${trailingSlash}"; expected one of ${trailingSlashes.join(', ')}.`);
  process.exit(2);
}

// The site's settings load (through astro.config.mjs, a third of a second) while the pages are read.
const configured = values.base === undefined || trailingSlash === undefined ? loadSiteOptions() : undefined;
try {
  const report = await checkBuiltSite(
    { dir: values.dir },
    Promise.resolve(configured).then((options) => ({
      base: values.base ?? options?.base ?? '/',
      trailingSlash: trailingSlash ?? options?.trailingSlash ?? 'ignore',
    })),
  );
  const text = formatReport(report, { dir: values.dir, verbose: values.verbose });
  if (report.broken.length > 0) {
    console.error(text);
    process.exitCode = 1;
  } else {
    console.log(text);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
