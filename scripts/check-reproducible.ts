/**
 * Builds the site twice, in two time zones a day apart (America/Los_Angeles, UTC-8, and
 * Pacific/Kiritimati, UTC+14), and fails unless every output file is byte-identical. Calendar dates
 * must read the same everywhere, and two builds of the same content must not differ.
 *
 * Both builds mark overdue actions against the same day (`HINDSIGHT_TODAY`, pinned here to today in
 * UTC unless set), so a run that crosses midnight does not report a difference that is only the date.
 *
 * Usage: node scripts/check-reproducible.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSite, withTemporaryFolder } from './lib/build.ts';

const zones = ['America/Los_Angeles', 'Pacific/Kiritimati'] as const;
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
  const [a, b] = zones.map((zone) => {
    const outDir = join(work, zone.replace('/', '-'));
    buildSite(outDir, { TZ: zone, HINDSIGHT_TODAY: today });
    return files(outDir);
  }) as [Map<string, Buffer>, Map<string, Buffer>];
  const differences = [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((path) => !a.get(path)?.equals(b.get(path) ?? Buffer.alloc(0)) || !b.has(path));
  if (differences.length > 0) {
    console.error(`The builds in ${zones.join(' and ')} differ in ${differences.length} files:`);
    for (const path of differences) console.error(`  ${path}`);
    process.exitCode = 1;
  } else {
    console.log(`Reproducible: ${a.size} files identical in builds in ${zones.join(' and ')}.`);
  }
});
