/**
 * The last build's output is moved out of the way when a build starts, and deleted when it is done.
 *
 * Astro empties `dist/` before it writes the pages, and a warm build then copies most of them back
 * from its cache. On ext4, creating a file right after thousands were deleted is slow: for some
 * 30 s the allocator steps over the inodes just freed, about 0.5 ms of system time per file against
 * 0.03 ms otherwise (seen in `perf` as `recently_deleted` and `find_inode_bit`). At 10,000
 * postmortems that was 21,000 files and folders deleted, then 10,600 pages created: over 10 s of
 * system time in a warm build of 30 s (docs/PERFORMANCE.md, seventh round).
 *
 * So `astro:build:start` renames the output folder into the cache folder, which Astro then finds
 * gone and has nothing to empty, and `astro:build:done` deletes it, once the pages are written. A
 * folder that cannot be renamed (on another file system than the cache, a symbolic link, one
 * holding `.git`, which Astro keeps, or one holding the cache folder) is left for Astro to empty,
 * as before. A build that fails
 * leaves the old output in the cache folder; the next build that finishes deletes it.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const PREFIX = 'previous-output-';

/**
 * Moves the folder `outDir` into `parkingDir`; returns where it went, or undefined when there was
 * none or it was left in place (see the top of this file).
 */
export function setAsideOutDir(outDir: string, parkingDir: string): string | undefined {
  let isDirectory: boolean;
  try {
    isDirectory = lstatSync(outDir).isDirectory();
  } catch {
    return undefined;
  }
  if (!isDirectory || existsSync(join(outDir, '.git'))) return undefined;
  // A cache folder inside the output folder would go with it.
  const fromOut = relative(outDir, parkingDir);
  if (fromOut === '' || (!fromOut.startsWith('..') && !isAbsolute(fromOut))) return undefined;
  mkdirSync(parkingDir, { recursive: true });
  const target = join(parkingDir, `${PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    renameSync(outDir, target);
  } catch {
    // Another file system, or a folder in use: Astro empties it.
    return undefined;
  }
  return target;
}

/** Deletes every output `setAsideOutDir` moved into `parkingDir`; returns how many. */
export function removeSetAside(parkingDir: string): number {
  if (!existsSync(parkingDir)) return 0;
  const parked = readdirSync(parkingDir).filter((name) => name.startsWith(PREFIX));
  for (const name of parked) rmSync(join(parkingDir, name), { recursive: true, force: true });
  return parked.length;
}

/** The integration that sets the last output aside as a build starts and deletes it once done. */
export function freshOutDir(): AstroIntegration {
  let outDir: string | undefined;
  let parkingDir: string | undefined;
  return {
    name: 'hindsight-fresh-out-dir',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        parkingDir = fileURLToPath(new URL('hindsight/', config.cacheDir));
      },
      'astro:build:start': () => {
        if (outDir && parkingDir) setAsideOutDir(outDir, parkingDir);
      },
      'astro:build:done': () => {
        if (parkingDir) removeSetAside(parkingDir);
      },
    },
  };
}
