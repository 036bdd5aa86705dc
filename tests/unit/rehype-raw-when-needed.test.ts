/**
 * The render workers' last pass of rehype-raw (src/markdown/rehype-raw-when-needed.ts): skipped
 * where it could change nothing, kept wherever it could, and swapped in for Astro's processor alone.
 */
import { Worker } from 'node:worker_threads';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import type { Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeRawWhenNeeded, { isAstroRehypeRaw } from '../../src/markdown/rehype-raw-when-needed.ts';

const markdownRemark = 'file:///project/node_modules/@astrojs/markdown-remark/dist';

/** A `<pre>` whose text opens with two newlines: an HTML parser drops the first, each pass. */
const pre = (): Root => ({
  type: 'root',
  children: [{ type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'text', value: '\n\nkept' }] }],
});

describe('isAstroRehypeRaw', () => {
  it("names rehype-raw as Astro's Markdown processor imports it, and nothing else", () => {
    expect(isAstroRehypeRaw('rehype-raw', `${markdownRemark}/index.js`)).toBe(true);
    expect(isAstroRehypeRaw('rehype-raw', `${markdownRemark}/mdx/create-processor.js`)).toBe(false);
    expect(isAstroRehypeRaw('rehype-raw', 'file:///project/src/markdown/pipeline.ts')).toBe(false);
    expect(isAstroRehypeRaw('rehype-stringify', `${markdownRemark}/index.js`)).toBe(false);
    expect(isAstroRehypeRaw('rehype-raw', undefined)).toBe(false);
  });
});

describe('rehypeRawWhenNeeded', () => {
  const pass = rehypeRawWhenNeeded();

  it('leaves a tree with no raw HTML as it is, where rehype-raw would parse it again', () => {
    const tree = pre();
    expect(pass(tree, new VFile())).toBeUndefined();
    expect(toHtml(tree)).toBe('<pre>\n\nkept</pre>');
    // What the pass it skips would have made of it.
    expect(toHtml(raw(pre()))).toBe('<pre>\nkept</pre>');
  });

  it('folds raw HTML in, as rehype-raw does', () => {
    const tree: Root = { type: 'root', children: [{ type: 'raw', value: '<b>bold</b> <i>text' }] };
    const folded = pass(tree, new VFile());
    expect(folded && toHtml(folded)).toBe('<b>bold</b> <i>text</i>');
  });

  it('passes again over raw HTML the sanitiser already folded, as Astro does on the main thread', () => {
    const file = new VFile();
    file.data.rawHtmlFolded = true;
    const passed = pass(pre(), file);
    expect(passed && toHtml(passed)).toBe(toHtml(raw(pre())));
  });
});

describe('swapRehypeRaw', () => {
  const markdown = '```\n\n\ncode\n```';

  it("makes a thread's Astro processor skip the pass, where the main thread's keeps it", async () => {
    const worker = new Worker(new URL('../support/rehype-raw-probe.ts', import.meta.url), { workerData: markdown });
    const reply = await new Promise<{ swapped: boolean; code: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(reply).toEqual({ swapped: true, code: '<pre><code>\n\ncode\n</code></pre>' });
    const astro = await createMarkdownProcessor({ syntaxHighlight: false });
    expect((await astro.render(markdown)).code).toBe('<pre><code>\ncode\n</code></pre>');
  });
});
