/**
 * Puts a copy of a folder of files somewhere else, as hard links where it can.
 *
 * Creating a file is the costly part of writing a small one: on the machine the benchmark runs on,
 * about 0.5 ms of system time each, against 0.02 ms for a hard link to an existing file
 * (docs/PERFORMANCE.md, seventh round). A part of the search index is a thousand files and more,
 * copied into the cache after it is indexed and back into the site on every build that reuses it:
 * 11,000 files at 10,000 postmortems.
 *
 * A hard link shares its file with the original, so a program that rewrote a file in place on one
 * side would change the other. Only files no tool has reason to rewrite are linked: Pagefind's
 * index files, named by their content's hash. Its scripts, style sheets and JSON, which a deploy
 * step might minify in place, are copied. Where a link cannot be made (another file system, or one
 * without hard links), every file is copied.
 */
import { copyFile, link as linkFile, mkdir, readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

/** Files copied rather than linked: those a deploy step might rewrite in place. */
const COPIED = new Set(['.js', '.mjs', '.css', '.json', '.html']);

export interface LinkTreeOptions {
  /** Makes a hard link (for tests); `fs.promises.link` by default. */
  link?: (existing: string, made: string) => Promise<void>;
}

/** What `linkTree` did: how many files it linked, and how many it copied. */
export interface LinkTreeResult {
  linked: number;
  copied: number;
}

/**
 * Puts every file of the folder `from` at the same place under `to`, creating the folders, 32
 * files at a time. `to` must not hold any of the files yet.
 */
export async function linkTree(from: string, to: string, options: LinkTreeOptions = {}): Promise<LinkTreeResult> {
  const link = options.link ?? linkFile;
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const target = (entry: { parentPath: string; name: string }) =>
    join(to, relative(from, join(entry.parentPath, entry.name)));
  await mkdir(to, { recursive: true });
  for (const entry of entries) if (entry.isDirectory()) await mkdir(target(entry), { recursive: true });
  const files = entries.filter((entry) => entry.isFile());
  const result: LinkTreeResult = { linked: 0, copied: 0 };
  let linking = true;
  let next = 0;
  const placeNext = async (): Promise<void> => {
    for (let index = next++; index < files.length; index = next++) {
      const entry = files[index] as (typeof files)[number];
      const source = join(entry.parentPath, entry.name);
      if (linking && !COPIED.has(extname(entry.name))) {
        try {
          await link(source, target(entry));
          result.linked += 1;
          continue;
        } catch (error) {
          // Another file system, or one without hard links: copy this file and every other.
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
          linking = false;
        }
      }
      await copyFile(source, target(entry));
      result.copied += 1;
    }
  };
  await Promise.all(Array.from({ length: 32 }, placeNext));
  return result;
}
