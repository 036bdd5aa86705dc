/**
 * Proves the site works when hosted under a path: builds it with HINDSIGHT_BASE=/postmortems/ into a
 * temporary folder, then runs the link checker on that build with the base path and trailing-slash
 * setting astro.config.mjs has under that variable. Any link that forgot the base fails here.
 *
 * Usage: node scripts/check-base-path.ts
 */
import { formatReport } from '../src/lib/check-links.ts';
import { checkLinks } from '../src/lib/check-links-fs.ts';
import { buildSite, withTemporaryFolder } from './lib/build.ts';
import { loadSiteOptions } from './lib/site-options.ts';

const BASE = '/postmortems/';

// astro.config.mjs reads HINDSIGHT_BASE when it is first imported, so set it before loading it.
process.env['HINDSIGHT_BASE'] = BASE;
const options = await loadSiteOptions();
if (options.base !== BASE) throw new Error(`astro.config.mjs did not take HINDSIGHT_BASE: its base is ${options.base}`);

await withTemporaryFolder('hindsight-base-path-', async (outDir) => {
  buildSite(outDir, { HINDSIGHT_BASE: BASE });
  const report = await checkLinks({ dir: outDir, ...options });
  console.log(`Link check of the site built with HINDSIGHT_BASE=${BASE}, in a temporary folder:`);
  const text = formatReport(report, { dir: outDir });
  if (report.broken.length > 0) {
    console.error(text);
    process.exitCode = 1;
  } else {
    console.log(text);
  }
});
