/**
 * The results of the per-file checks (`checkPostmortem`) of the last content sync, so that a build
 * checks again only the files that changed. Parsing the YAML and outlining the body of every file
 * took 5 of the 12 s of a warm build's content sync at 10,000 postmortems (docs/PERFORMANCE.md).
 *
 * A result is reused only for the very same text of the same file, and only when the checking code
 * is the same (`code`: a digest of the validator's sources and the lockfile, see
 * `validation-cache-fs.ts`). Each file's result is kept on its own, so an edit writes one. Only
 * files that passed are kept: a file with issues is checked again each time, and so reports them
 * each time. The collection checks (numbers, references, links) are never cached, as they depend
 * on every file. The position of a frontmatter value, which a collection check's issue reports, is
 * found again from the file's text when one is reported.
 */
import { parseFrontmatter, splitFrontmatter } from './frontmatter.ts';
import { textDigest } from './page-key.ts';
import type { CheckedPostmortem, PostmortemFile } from './validate.ts';

/** A checked postmortem as kept: all of it but `locate`, which is made again from the text. */
export type StoredPostmortem = Omit<CheckedPostmortem, 'locate'>;

/** One file's kept result, as its entry in a `ValidationStore` holds it (as JSON). */
export interface StoredEntry {
  /** The checking code the result came from. */
  readonly code: string;
  /** The digest of the file's text it is the result for. */
  readonly digest: string;
  readonly postmortem: StoredPostmortem;
}

/** Where the entries are kept, each on its own, so that an edit writes one (`validation-cache-fs.ts`). */
export interface ValidationStore {
  /** The entry of `file` (a project-relative path), if there is one. */
  read(file: string): string | undefined;
  /** Sets the entry of `file`, from `save` on. */
  write(file: string, entry: string): void;
  /** Keeps the entries written, and drops those of every file not in `files`. */
  save(files: ReadonlySet<string>): void;
}

/**
 * `postmortem` as JSON, or undefined when JSON cannot hold it as it is (a value JSON has no form for,
 * such as `.inf` in YAML, or a date object): such a result is not kept, and the file is checked
 * again next time.
 */
export function storedText(postmortem: CheckedPostmortem): string | undefined {
  let faithful = true;
  const { id, number, file, input, data, outline, eventIds } = postmortem;
  const kept: StoredPostmortem = { id, number, file, input, data, outline, eventIds };
  const text = JSON.stringify(kept, function (this: Record<string, unknown>, key: string, value: unknown) {
    // The value as it is, before any `toJSON` (a Date's gives a string).
    const raw = key === '' ? value : this[key];
    if (typeof raw === 'number' && !Number.isFinite(raw)) faithful = false;
    else if (typeof raw === 'bigint' || typeof raw === 'function' || typeof raw === 'symbol') faithful = false;
    else if (Array.isArray(raw) && raw.includes(undefined)) faithful = false;
    else if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const prototype = Object.getPrototypeOf(raw) as unknown;
      if (prototype !== Object.prototype && prototype !== null) faithful = false;
    }
    return typeof value === 'bigint' ? undefined : value;
  });
  return faithful ? text : undefined;
}

/** A kept result, given back its `locate`. */
export function revive(stored: StoredPostmortem, source: string): CheckedPostmortem {
  let locate: CheckedPostmortem['locate'] | undefined;
  return {
    ...stored,
    locate: (path, options) => {
      if (!locate) {
        const split = splitFrontmatter(source);
        if (!split) throw new Error(`${stored.file} has no frontmatter any more, yet it was checked`);
        locate = parseFrontmatter(split).locate;
      }
      return locate(path, options);
    },
  };
}

export class ValidationCache {
  readonly code: string;
  readonly #store: ValidationStore;
  /** The files whose kept result was reused in this run. */
  readonly #reusedFiles = new Set<string>();
  /** The digest of each file's text, made once per run. */
  readonly #digests = new Map<string, string>();

  constructor(code: string, store: ValidationStore) {
    this.code = code;
    this.#store = store;
  }

  /** How many files' kept results were reused in this run. */
  get reused(): number {
    return this.#reusedFiles.size;
  }

  /** The kept result for this text of this file, if there is one. */
  reuse(file: PostmortemFile): CheckedPostmortem | undefined {
    if (file.invalidUtf8) return undefined;
    const text = this.#store.read(file.file);
    if (text === undefined) return undefined;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      return undefined; // A half-written entry: the file is checked again, and its entry rewritten.
    }
    if (!isStoredEntry(entry) || entry.code !== this.code || entry.digest !== this.#digestOf(file.file, file.source)) {
      return undefined;
    }
    this.#reusedFiles.add(file.file);
    return revive(entry.postmortem, file.source);
  }

  #digestOf(file: string, source: string): string {
    let digest = this.#digests.get(file);
    if (digest === undefined) {
      digest = textDigest(source);
      this.#digests.set(file, digest);
    }
    return digest;
  }

  /**
   * Keeps the result of each of `postmortems` (the files that passed their own checks) that was not
   * reused, with the digest of its text in `sources`, and drops the entries of files that are gone or
   * did not pass.
   */
  keep(postmortems: readonly CheckedPostmortem[], sources: ReadonlyMap<string, string>): void {
    for (const postmortem of postmortems) {
      if (this.#reusedFiles.has(postmortem.file)) continue;
      const source = sources.get(postmortem.file);
      const text = source === undefined ? undefined : storedText(postmortem);
      if (source === undefined || text === undefined) continue;
      this.#store.write(
        postmortem.file,
        `{"code":${JSON.stringify(this.code)},"digest":${JSON.stringify(this.#digestOf(postmortem.file, source))},"postmortem":${text}}`,
      );
    }
    this.#store.save(new Set(postmortems.map((postmortem) => postmortem.file)));
  }
}

function isStoredEntry(value: unknown): value is StoredEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { code, digest, postmortem } = value as Record<string, unknown>;
  return (
    typeof code === 'string' && typeof digest === 'string' && typeof postmortem === 'object' && postmortem !== null
  );
}
