/**
 * A worker thread for tests/unit/rehype-raw-when-needed.test.ts: swaps rehype-raw as the render
 * workers do, then renders the Markdown it is given with Astro's own processor (no syntax
 * highlighting) and sends back the HTML.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { swapRehypeRaw } from '../../src/markdown/rehype-raw-when-needed.ts';

const swapped = swapRehypeRaw();
const { createMarkdownProcessor } = await import('@astrojs/markdown-remark');
const processor = await createMarkdownProcessor({ syntaxHighlight: false });
const { code } = await processor.render(workerData as string);
parentPort?.postMessage({ swapped, code });
