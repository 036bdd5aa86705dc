/**
 * Packs: many texts appended one after the other to one file, each found again by where it is.
 *
 * Creating a file costs far more than writing its bytes on the machine the benchmark runs on: about
 * 0.5 ms of system time each right after a build has deleted thousands, as ext4 steps over the
 * inodes just freed (docs/PERFORMANCE.md, seventh round). So what a build keeps per postmortem in
 * its cache folder (the rendered bodies, src/loaders/rendered-bodies.ts, and each file's checks,
 * validation-cache-fs.ts) goes into one pack per sync rather than a file each.
 */
import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where a text is: which pack in the folder, from which byte, and how many bytes. */
export interface PackLocation {
  readonly pack: string;
  readonly offset: number;
  readonly length: number;
}

/** Appends texts to a pack of its own in `dir`, made at the first text. */
export class PackWriter {
  readonly #dir: string;
  readonly #suffix: string;
  #open: { pack: string; fd: number; offset: number } | undefined;

  /** `suffix` ends the pack's name (`.bodies`). */
  constructor(dir: string, suffix: string) {
    this.#dir = dir;
    this.#suffix = suffix;
  }

  /** The name of the pack being written, if one is. */
  get pack(): string | undefined {
    return this.#open?.pack;
  }

  append(text: string): PackLocation {
    if (!this.#open) {
      mkdirSync(this.#dir, { recursive: true });
      // Unique to this writer: another process's pack, or an earlier one's, is never written to.
      const random = Math.random().toString(36).slice(2, 8);
      const pack = `${Date.now().toString(36)}-${process.pid}-${random}${this.#suffix}`;
      this.#open = { pack, fd: openSync(join(this.#dir, pack), 'wx'), offset: 0 };
    }
    const open = this.#open;
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length;) {
      written += writeSync(open.fd, bytes, written, bytes.length - written, open.offset + written);
    }
    const location = { pack: open.pack, offset: open.offset, length: bytes.length };
    open.offset += bytes.length;
    return location;
  }

  /** Closes the pack; the next text starts a new one. */
  close(): void {
    if (this.#open) closeSync(this.#open.fd);
    this.#open = undefined;
  }
}

/** Reads texts back from the packs of `dir`, keeping each pack open until `close`. */
export class PackReader {
  readonly #dir: string;
  readonly #open = new Map<string, number>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The text at `location`; undefined when its pack is not there, or ends before the text does. */
  read(location: PackLocation): string | undefined {
    let fd = this.#open.get(location.pack);
    if (fd === undefined) {
      try {
        fd = openSync(join(this.#dir, location.pack), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      this.#open.set(location.pack, fd);
    }
    const bytes = Buffer.alloc(location.length);
    for (let read = 0; read < location.length;) {
      const got = readSync(fd, bytes, read, location.length - read, location.offset + read);
      if (got === 0) return undefined;
      read += got;
    }
    return bytes.toString('utf8');
  }

  close(): void {
    for (const fd of this.#open.values()) closeSync(fd);
    this.#open.clear();
  }
}
