import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textDigest } from '../../src/lib/page-key.ts';
import {
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

describe('the rendered bodies kept beside the content store', () => {
  it('writes one file per postmortem, makes its folder, and reads it back', () => {
    bodies.write('001-disk-full', '<h2 id="summary">Summary</h2>');
    bodies.write('nested/002-again', '<p>Again.</p>');
    expect(bodies.read('001-disk-full')).toBe('<h2 id="summary">Summary</h2>');
    expect(bodies.read('nested/002-again')).toBe('<p>Again.</p>');
    expect(bodies.has('001-disk-full')).toBe(true);
    expect(readdirSync(bodies.dir).sort()).toEqual(['001-disk-full.html', 'nested%2F002-again.html']);
  });

  it('says which postmortem and which file when a body is missing', () => {
    expect(() => bodies.read('003-gone')).toThrow(
      `The rendered body of postmortem "003-gone" is missing: expected ${join(bodies.dir, '003-gone.html')}`,
    );
    expect(bodies.has('003-gone')).toBe(false);
  });

  it('removes the files of postmortems that are no longer in the store', () => {
    expect(bodies.prune(['001-a'])).toBe(0);
    for (const id of ['001-a', '002-b', 'x/003-c']) bodies.write(id, id);
    expect(bodies.prune(['001-a', 'x/003-c'])).toBe(1);
    expect(readdirSync(bodies.dir).sort()).toEqual(['001-a.html', 'x%2F003-c.html']);
    bodies.remove('001-a');
    bodies.remove('001-a');
    expect(bodies.has('001-a')).toBe(false);
  });

  it('stores an entry with its HTML on disk, and without the frontmatter Astro copies into it', () => {
    const stored = withBodyOutside(renderedEntry('001-a', '<p>Body.</p>'), bodies);
    expect(bodies.read('001-a')).toBe('<p>Body.</p>');
    expect(stored.rendered).toEqual({
      html: '',
      metadata: { headings, imagePaths: ['./graph.png'], bodyDigest: textDigest('<p>Body.</p>') },
    });
    expect(stored.data).toEqual({ title: '001-a' });
    expect(stored.digest).toBe('digest-001-a');
  });

  it('leaves no earlier body behind for an entry Astro could not render', () => {
    bodies.write('001-a', '<p>Old.</p>');
    const entry = { id: '001-a', data: {}, digest: 'd' };
    expect(withBodyOutside(entry, bodies)).toBe(entry);
    expect(bodies.has('001-a')).toBe(false);
  });

  it('gives the glob loader a store that writes bodies out and removes them with their entries', () => {
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
    expect(bodies.has('001-a')).toBe(false);
    expect(bodies.read('002-b')).toBe('<p>B</p>');
    store.clear();
    expect(inner.keys()).toEqual([]);
  });

  it('finds the stored entries whose body file has gone, leaving out those Astro renders itself (MDX)', () => {
    const store = storeWithBodiesOutside(mapStore(), bodies);
    store.set(renderedEntry('001-a', '<p>A</p>'));
    store.set(renderedEntry('002-b', '<p>B</p>'));
    store.set({ id: '003-mdx', data: {}, digest: 'd', deferredRender: true });
    expect(missingBodies(store, bodies)).toEqual([]);
    rmSync(bodies.fileOf('002-b'));
    expect(missingBodies(store, bodies)).toEqual(['002-b']);
    expect(existsSync(bodies.fileOf('001-a'))).toBe(true);
    writeFileSync(bodies.fileOf('002-b'), 'back');
    expect(readFileSync(bodies.fileOf('002-b'), 'utf8')).toBe('back');
    expect(missingBodies(store, bodies)).toEqual([]);
  });
});
