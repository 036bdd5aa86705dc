/**
 * Builds the site twice, on machines set up as differently as a build machine can be, and fails
 * unless every output file is byte-identical: two builds of the same content must not differ, and
 * neither the time zone nor the locale of the machine may show in the output.
 *
 * - Time zones 26 hours apart (Etc/GMT+12 is UTC-12, Pacific/Kiritimati UTC+14): at any instant
 *   they are on different calendar days, so a date read through the local zone shows.
 * - Locales that format and sort differently from English and from each other: Swedish writes
 *   1 234,5 and 1970-01-01 and sorts ä after z; Thai counts years from 543 BC (1/1/2513). Text
 *   formatted or compared without an explicit locale shows. (ESLint also forbids such calls.)
 *
 * Each build has caches of its own (`HINDSIGHT_CACHE_DIR`), so neither takes anything the other made.
 *
 * Both builds mark overdue actions against the same day (`HINDSIGHT_TODAY`, pinned here to today in
 * UTC unless set), so a run that crosses midnight does not report a difference that is only the date.
 *
 * Usage: node scripts/check-reproducible.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSite, withTemporaryFolder } from './lib/build.ts';

interface Machine {
  readonly TZ: string;
  readonly locale: string;
}

const machines = [
  { TZ: 'Etc/GMT+12', locale: 'sv_SE.UTF-8' },
  { TZ: 'Pacific/Kiritimati', locale: 'th_TH.UTF-8' },
] as const satisfies readonly Machine[];
const describe = ({ TZ, locale }: Machine) => `${TZ} with ${locale}`;
const today = process.env['HINDSIGHT_TODAY'] || new Date().toISOString().slice(0, 10);

function files(dir: string): Map<string, Buffer> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    entries.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), readFileSync(path)];
    }),
  );
}

await withTemporaryFolder('hindsight-reproducible-', (work) => {
  const [a, b] = machines.map((machine, index) => {
    const outDir = join(work, String(index));
    // Caches of its own, so that the second build renders and indexes everything again rather than
    // taking the first's bodies and search index from the cache.
    const cache = join(work, `${index}-cache`);
    const env = { TZ: machine.TZ, LANG: machine.locale, LC_ALL: machine.locale, HINDSIGHT_TODAY: today };
    buildSite(outDir, { ...env, HINDSIGHT_CACHE_DIR: cache });
    return files(outDir);
  }) as [Map<string, Buffer>, Map<string, Buffer>];
  const differences = [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((path) => !a.get(path)?.equals(b.get(path) ?? Buffer.alloc(0)) || !b.has(path));
  if (differences.length > 0) {
    console.error(`The builds in ${machines.map(describe).join(' and ')} differ in ${differences.length} files:`);
    for (const path of differences) console.error(`  ${path}`);
    process.exitCode = 1;
  } else {
    console.log(`Reproducible: ${a.size} files identical in builds in ${machines.map(describe).join(' and ')}.`);
  }
});
