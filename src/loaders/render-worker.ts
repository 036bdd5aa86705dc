/**
 * A worker thread of the render pool (`render-pool.ts`): it makes the site's Markdown processor
 * once, the way Astro does for Markdown entries, and renders the bodies it is sent, one message
 * each. The link targets the loader found while validating are sent before the first body and
 * shared in this thread too, so the link plugin never reads the collection from disk. In a large
 * pool it collects its heap every so many renders (`collectEvery` in render-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { collectGarbage } from '../gc-tuning.ts';
import { shareCollection } from '../lib/shared-collection.ts';
import { swapRehypeRaw } from '../markdown/rehype-raw-when-needed.ts';
import type { RenderRequest, RenderResponse, RenderWorkerData, ShareRequest } from './render-pool.ts';

// Before Astro's Markdown processor is first imported, which the pipeline does: its last pass of
// rehype-raw runs only where it could change anything (src/markdown/rehype-raw-when-needed.ts).
swapRehypeRaw();
const { markdownProcessor } = await import('../markdown/pipeline.ts');
const { pipeline, renderer: options, collectEvery = 0 } = workerData as RenderWorkerData;
const renderer = await markdownProcessor(pipeline).createRenderer(options);

let renders = 0;

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread of the render pool');

port.on('message', (message: RenderRequest | ShareRequest) => {
  // The link targets come first, once (`RenderPool.share`).
  if ('share' in message) {
    shareCollection(pipeline.contentDir, { index: message.share, outlines: new Map() });
    return;
  }
  const { job, body, filePath, frontmatter } = message;
  renderer.render(body, { frontmatter, fileURL: pathToFileURL(filePath) }).then(
    ({ code, metadata }) => {
      // The shape Astro's Markdown entry type gives the glob loader.
      const rendered = {
        html: code,
        metadata: { ...metadata, imagePaths: [...metadata.localImagePaths, ...metadata.remoteImagePaths] },
      };
      port.postMessage({ job, rendered } satisfies RenderResponse);
      renders += 1;
      // Gives back what the heap no longer uses, which V8 would let grow (`collectEvery`).
      if (collectEvery > 0 && renders % collectEvery === 0) collectGarbage({ reduceMemory: true });
    },
    (error: unknown) => {
      port.postMessage({ job, error: error instanceof Error ? error.message : String(error) } satisfies RenderResponse);
    },
  );
});
