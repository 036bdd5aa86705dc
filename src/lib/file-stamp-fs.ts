/**
 * A stamp of a file that changes whenever its content may have: its inode, size, modification time
 * and change time. Replacing the file changes the inode; writing to it changes the times (nothing
 * but the kernel sets the change time) and often the size. Two builds use it to tell a file left as
 * it was from one written again without reading it: the output folder kept between builds
 * (src/out-dir.ts), and the pages the search index hashes (scripts/lib/search-index.ts).
 */
import { lstatSync } from 'node:fs';

/** The stamp of the file at `path`, or undefined when there is none. */
export function fileStamp(path: string): string | undefined {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  return stats && `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}
