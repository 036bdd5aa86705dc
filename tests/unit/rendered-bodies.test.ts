import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textDigest } from '../../src/lib/page-key.ts';
import {
  bodyLocation,
  missingBodies,
  RenderedBodies,
  storeWithBodiesOutside,
  withBodyOutside,
} from '../../src/loaders/rendered-bodies.ts';

type DataEntry = NonNullable<ReturnType<DataStore['get']>>;

/** A store that keeps entries in a Map, as Astro's does, recording what it was given. */
function mapStore(): DataStore & { readonly entriesSet: DataEntry[] } {
  const map = new Map<string, DataEntry>();
  const entriesSet: DataEntry[] = [];
  return {
    entriesSet,
    get: ((key: string) => map.get(key)) as DataStore['get'],
    entries: () => [...map],
    set: (entry) => {
      entriesSet.push(entry as DataEntry);
      map.set(entry.id, entry as DataEntry);
      return true;
    },
    values: () => [...map.values()],
    keys: () => [...map.keys()],
    delete: (key) => void map.delete(key),
    clear: () => map.clear(),
    has: (key) => map.has(key),
    addModuleImport: () => {},
  };
}

const headings = [{ depth: 2, slug: 'summary', text: 'Summary' }];
function renderedEntry(id: string, html: string): DataEntry {
  return {
    id,
    data: { title: id },
    filePath: `content/postmortems/${id}.md`,
    digest: `digest-${id}`,
    rendered: {
      html,
      metadata: { headings, imagePaths: ['./graph.png'], frontmatter: { title: id, timeline: [] } },
    },
  };
}

let dir: string;
let bodies: RenderedBodies;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hindsight-bodies-'));
  bodies = new RenderedBodies(join(dir, 'bodies-build'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const packs = () => readdirSync(bodies.dir).filter((name) => name.endsWith('.bodies'));

describe('the rendered bodies kept beside the content store', () => {
  it("writes a sync's bodies one after the other into one pack, makes its folder, and reads each back", () => {
    const first = bodies.write('<h2 id="summary">Summary</h2>');
    const second = bodies.write('<p>Again, with “quotes” and é.</p>');
    bodies.finish();
    expect(bodies.read('001-disk-full', first)).toBe('<h2 id="summary">Summary</h2>');
    expect(bodies.read('nested/002-again', second)).toBe('<p>Again, with “quotes” and é.</p>');
    expect(second).toEqual({
      pack: first.pack,
      offset: first.length,
      length: Buffer.byteLength('<p>Again, with “quotes” and é.</p>'),
    });
    expect(packs()).toEqual([first.pack]);
    expect(bodies.has(first)).toBe(true);
    // A later sync writes a pack of its own.
    const later = bodies.write('<p>Edited.</p>');
    expect(later.pack).not.toBe(first.pack);
    expect(later.offset).toBe(0);
    expect(packs()).toHaveLength(2);
  });

  it('says which postmortem and which file when a body is missing, or its pack is cut short', () => {
    const location = bodies.write('<p>Body.</p>');
    bodies.finish();
    const pack = join(bodies.dir, location.pack);
    writeFileSync(pack, '<p>Bo');
    expect(bodies.has(location)).toBe(false);
    const missing = `The rendered body of postmortem "001-a" is missing: expected ${location.length} bytes from byte 0 of ${pack}`;
    expect(() => bodies.read('001-a', location)).toThrow(missing);
    rmSync(pack);
    expect(() => new RenderedBodies(bodies.dir).read('001-a', location)).toThrow(missing);
    expect(bodies.has(location)).toBe(false);
    expect(bodies.has(undefined)).toBe(false);
    expect(() => bodies.read('003-gone', undefined)).toThrow(
      /"003-gone" is missing: its entry in the content store does not say where it is/,
    );
  });

  it('removes the packs no stored body is in, and anything else in the folder, but not the one being written', () => {
    expect(bodies.prune([])).toBe(0);
    const old = bodies.write('<p>Old.</p>');
    bodies.finish();
    const kept = bodies.write('<p>Kept.</p>');
    bodies.finish();
    writeFileSync(join(bodies.dir, '001-a.html'), '<p>One file per body, as before.</p>');
    const writing = bodies.write('<p>Being written.</p>');
    expect(bodies.prune([kept, undefined])).toBe(2);
    expect(packs().sort()).toEqual([kept.pack, writing.pack].sort());
    expect(existsSync(join(bodies.dir, old.pack))).toBe(false);
    bodies.finish();
  });

  it('stores an entry with its HTML on disk, and without the frontmatter Astro copies into it', () => {
    const stored = withBodyOutside(renderedEntry('001-a', '<p>Body.</p>'), bodies);
    const location = bodyLocation(stored);
    expect(location).toBeDefined();
    expect(bodies.read('001-a', location)).toBe('<p>Body.</p>');
    expect(stored.rendered).toEqual({
      html: '',
      metadata: { headings, imagePaths: ['./graph.png'], bodyDigest: textDigest('<p>Body.</p>'), body: location },
    });
    expect(stored.data).toEqual({ title: '001-a' });
    expect(stored.digest).toBe('digest-001-a');
  });

  it('stores an entry Astro could not render as it is', () => {
    const entry = { id: '001-a', data: {}, digest: 'd' };
    expect(withBodyOutside(entry, bodies)).toBe(entry);
    expect(existsSync(bodies.dir)).toBe(false);
  });

  it('reads no place of a body from metadata that does not give one whole', () => {
    const entry = (body: unknown) => ({ rendered: { html: '', metadata: { body } } });
    expect(bodyLocation(entry({ pack: 'a.bodies', offset: 0, length: 3 }))).toEqual({
      pack: 'a.bodies',
      offset: 0,
      length: 3,
    });
    expect(bodyLocation(entry({ pack: 'a.bodies', offset: '0', length: 3 }))).toBeUndefined();
    expect(bodyLocation(entry({ offset: 0, length: 3 }))).toBeUndefined();
    expect(bodyLocation(entry(undefined))).toBeUndefined();
    expect(bodyLocation({})).toBeUndefined();
  });

  it('gives the glob loader a store that writes bodies out', () => {
    const inner = mapStore();
    const store = storeWithBodiesOutside(inner, bodies);
    expect(store.set(renderedEntry('001-a', '<p>A</p>'))).toBe(true);
    store.set(renderedEntry('002-b', '<p>B</p>'));
    expect(inner.entriesSet.map((entry) => entry.rendered?.html)).toEqual(['', '']);
    expect(store.get('001-a')?.rendered?.html).toBe('');
    expect(store.keys()).toEqual(['001-a', '002-b']);
    expect(store.has('002-b')).toBe(true);
    expect(store.values()).toHaveLength(2);
    expect(store.entries().map(([id]) => id)).toEqual(['001-a', '002-b']);
    store.delete('001-a');
    expect(inner.has('001-a')).toBe(false);
    expect(bodies.read('002-b', bodyLocation(inner.get('002-b') ?? {}))).toBe('<p>B</p>');
    store.clear();
    expect(inner.keys()).toEqual([]);
  });

  it('finds the stored entries whose body cannot be read back, leaving out those Astro renders itself (MDX)', () => {
    const inner = mapStore();
    const store = storeWithBodiesOutside(inner, bodies);
    store.set(renderedEntry('001-a', '<p>A</p>'));
    bodies.finish();
    store.set(renderedEntry('002-b', '<p>B</p>'));
    bodies.finish();
    store.set({ id: '003-mdx', data: {}, digest: 'd', deferredRender: true });
    // As stored before bodies went into packs: no place for the body.
    inner.set({ ...renderedEntry('004-old', ''), rendered: { html: '', metadata: {} } });
    expect(missingBodies(store, bodies)).toEqual(['004-old']);
    const pack = bodyLocation(store.get('002-b') ?? {})?.pack ?? '';
    rmSync(join(bodies.dir, pack));
    expect(missingBodies(store, bodies)).toEqual(['002-b', '004-old']);
    writeFileSync(join(bodies.dir, pack), '<p>B</p>');
    expect(missingBodies(store, bodies)).toEqual(['004-old']);
  });
});
