/**
 * `astro build` reads Astro's content store from its file as the pages load, rather than from a
 * copy of it bundled into the server code (src/content-store-module.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONTENT_DATA_META,
  CONTENT_STORE_MODULE_ID,
  contentStoreCode,
  contentStoreModule,
} from '../../src/content-store-module.ts';

const folder = mkdtempSync(join(tmpdir(), 'hindsight-store-'));
const file = join(folder, 'data-store.json');
// A store as devalue flattens it: a list whose first item is the root.
const store = [{ postmortems: 1 }, [2], ['001-queue', 3], { title: 4 }, 'Queue backlog, "quoted" \u2028'];
writeFileSync(file, JSON.stringify(store));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Handler = (this: unknown, id: string) => unknown;

/** The plugin's load hook, called as Vite calls it in an environment of `consumer`. */
function load(id: string, consumer: 'server' | 'client', storeFile = file): unknown {
  const hook = contentStoreModule(storeFile) as { load: { order: string; handler: Handler } };
  expect(hook.load.order).toBe('pre');
  return hook.load.handler.call({ environment: { config: { consumer } } }, id);
}

describe('the content store module', () => {
  it('exports the store read from its file when it loads', async () => {
    const module = (await import(`data:text/javascript,${encodeURIComponent(contentStoreCode(file))}`)) as {
      default: unknown;
    };
    expect(module.default).toEqual(store);
  });

  it("takes the place of Astro's for the server's code, with the metadata Astro gives its own", () => {
    expect(load(CONTENT_STORE_MODULE_ID, 'server')).toEqual({
      code: contentStoreCode(file),
      map: { mappings: '' },
      meta: CONTENT_DATA_META,
    });
    expect(CONTENT_DATA_META).toEqual({ astroIncremental: { kind: 'content-data' } });
  });

  it("leaves the module to Astro for the browser's code, for another module and when there is no store", () => {
    expect(load(CONTENT_STORE_MODULE_ID, 'client')).toBeNull();
    expect(load('\0astro:content', 'server')).toBeNull();
    expect(load(CONTENT_STORE_MODULE_ID, 'server', join(folder, 'missing.json'))).toBeNull();
  });
});
