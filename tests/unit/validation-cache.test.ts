import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { storedText, ValidationCache, type ValidationStore } from '../../src/lib/validation-cache.ts';
import { validatePostmortems, type CheckedPostmortem, type PostmortemFile } from '../../src/lib/validate.ts';

const files: PostmortemFile[] = generatePostmortems({ count: 30, seed: 3 }).map(({ name, source }) => ({
  file: `content/postmortems/${name}`,
  source,
}));
const sources = (list: readonly PostmortemFile[]) => new Map(list.map(({ file, source }) => [file, source]));

/** A store in memory that counts its writes. */
function memoryStore(): ValidationStore & { entries: Map<string, string>; writes: number } {
  const entries = new Map<string, string>();
  return {
    entries,
    writes: 0,
    read: (file) => entries.get(file),
    write(file, entry) {
      this.writes += 1;
      entries.set(file, entry);
    },
    save(keep) {
      for (const file of entries.keys()) if (!keep.has(file)) entries.delete(file);
    },
  };
}

/** One content sync of `list`: validated with what `store` keeps, which is then updated. */
function sync(list: readonly PostmortemFile[], store: ValidationStore, code = 'code-1') {
  const cache = new ValidationCache(code, store);
  const result = validatePostmortems(list, (file) => cache.reuse(file));
  if (result.issues.length === 0) cache.keep(result.postmortems, sources(list));
  return { ...result, reused: cache.reused };
}

/** Checked postmortems without their `locate`, which is a function. */
const plain = (postmortems: readonly CheckedPostmortem[]) => postmortems.map(({ locate: _, ...rest }) => rest); // eslint-disable-line @typescript-eslint/no-unused-vars

function idOf(file: PostmortemFile): string {
  return (file.file.split('/').at(-1) ?? '').replace(/\.mdx?$/, '');
}

describe('the cache of the per-file checks', () => {
  it('gives back, for unchanged files, what checking them again gives', () => {
    const store = memoryStore();
    expect(sync(files, store).reused).toBe(0);
    expect(store.entries.size).toBe(files.length);
    const reused = sync(files, store);
    const fresh = validatePostmortems(files);
    expect(reused.reused).toBe(files.length);
    expect(plain(reused.postmortems)).toEqual(plain(fresh.postmortems));
    expect(reused.issues).toEqual(fresh.issues);
    expect(store.writes).toBe(files.length);
  });

  it('checks again, and keeps again, only a file whose text changed', () => {
    const store = memoryStore();
    sync(files, store);
    const edited = files.map((file, at) =>
      at === 4 ? { ...file, source: file.source.replace(/^title: .*$/m, 'title: Edited') } : file,
    );
    const { postmortems, reused } = sync(edited, store);
    expect(reused).toBe(files.length - 1);
    expect(store.writes).toBe(files.length + 1);
    expect(postmortems.find((postmortem) => postmortem.file === edited[4]?.file)?.data.title).toBe('Edited');
    expect(sync(edited, store).reused).toBe(files.length);
  });

  it('checks everything again when the code changed, and a file whose entry is unreadable', () => {
    const store = memoryStore();
    sync(files, store);
    expect(sync(files, store, 'code-2').reused).toBe(0);
    const first = files[0] as PostmortemFile;
    store.entries.set(first.file, '{"code":"code-2","dig');
    expect(sync(files, store, 'code-2').reused).toBe(files.length - 1);
    store.entries.set(first.file, '{"code":"code-2"}');
    expect(sync(files, store, 'code-2').reused).toBe(files.length - 1);
    expect(sync(files, store, 'code-2').reused).toBe(files.length);
  });

  it('reports a collection issue at the same place when the files were not checked again', () => {
    const store = memoryStore();
    sync(files, store);
    // One postmortem goes, so those that pointed at it are broken.
    const target = files.find((file) => files.some((other) => other !== file && other.source.includes(idOf(file))));
    expect(target).toBeDefined();
    const rest = files.filter((file) => file !== target);
    const reused = sync(rest, store);
    const fresh = validatePostmortems(rest);
    expect(reused.reused).toBe(rest.length);
    expect(fresh.issues.length).toBeGreaterThan(0);
    expect(fresh.issues.some((issue) => issue.line !== undefined && issue.line > 1)).toBe(true);
    expect(reused.issues).toEqual(fresh.issues);
  });

  it('keeps no file that failed its own checks, and drops the entries of files gone', () => {
    const store = memoryStore();
    const broken = { file: 'content/postmortems/999-broken.md', source: '---\ntitle: [unclosed\n---\n' };
    const cache = new ValidationCache('code-1', store);
    const { postmortems, issues } = validatePostmortems([...files, broken], (file) => cache.reuse(file));
    expect(issues.map((issue) => issue.file)).toContain(broken.file);
    cache.keep(postmortems, sources([...files, broken]));
    expect(store.entries.has(broken.file)).toBe(false);
    expect(store.entries.size).toBe(files.length);
    // A postmortem nothing points at goes.
    const gone = files.find((file) => !files.some((other) => other !== file && other.source.includes(idOf(file))));
    if (!gone) throw new Error('every generated postmortem is pointed at');
    expect(
      sync(
        files.filter((file) => file !== gone),
        store,
      ).issues,
    ).toEqual([]);
    expect(store.entries.has(gone.file)).toBe(false);
    expect(store.entries.size).toBe(files.length - 1);
  });

  it('keeps no result JSON cannot hold as it is', () => {
    const [checked] = validatePostmortems(files.slice(0, 1)).postmortems;
    if (!checked) throw new Error('the first generated postmortem did not pass');
    expect(storedText(checked)).toBeDefined();
    expect(storedText({ ...checked, input: { ...checked.input, x: Number.POSITIVE_INFINITY } })).toBeUndefined();
    expect(storedText({ ...checked, input: { ...checked.input, x: new Date(0) } })).toBeUndefined();
    expect(storedText({ ...checked, input: { ...checked.input, x: [1, undefined] } })).toBeUndefined();
  });
});
