import { describe, expect, it } from 'vitest';
import { contentLayerModuleUrl, NOTHING_HELD, releaseContentLayer } from '../../src/release-content-layer.ts';

interface Singleton {
  init(options: object): unknown;
  get(): unknown;
}

describe('releaseContentLayer', () => {
  it("empties the content layer singleton of the Astro installed, which a build's sync leaves set", async () => {
    const { globalContentLayer } = (await import(contentLayerModuleUrl())) as { globalContentLayer: Singleton };
    // What `astro build`'s content sync does before it loads (astro/dist/core/sync).
    const layer = globalContentLayer.init({ settings: {}, logger: {}, store: {} });
    expect(globalContentLayer.get()).toBe(layer);

    expect(await releaseContentLayer()).toEqual({ released: true });
    expect(globalContentLayer.get()).toBeNull();
    expect(await releaseContentLayer()).toEqual({ released: false, why: NOTHING_HELD });
  });

  it('says why when the module is missing or is not what it expects', async () => {
    const missing = new URL('./no-such-module.js', contentLayerModuleUrl()).href;
    expect(await releaseContentLayer(missing)).toEqual({
      released: false,
      why: expect.stringContaining(`${missing} could not be loaded`) as string,
    });
    const other = new URL('../index.js', contentLayerModuleUrl()).href;
    expect(await releaseContentLayer(other)).toEqual({
      released: false,
      why: `${other} has no globalContentLayer to dispose`,
    });
  });
});
