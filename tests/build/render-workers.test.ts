/**
 * The postmortem loader renders bodies on worker threads when there are many (src/loaders/
 * render-pool.ts). A site built that way must be byte for byte the site Astro's own rendering on the
 * main thread builds: the same synthetic postmortems (links to each other's headings and events,
 * GFM tables, task lists, code) and one with raw HTML for the sanitiser (a `<pre>` among it, which
 * the workers' last pass of rehype-raw must not skip: src/markdown/rehype-raw-when-needed.ts),
 * highlighted code and external links, built cold with two workers and with none.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { buildSite } from '../../scripts/lib/build.ts';
import { builtFiles, projectWorkFolder, ROOT } from '../support/build-folders.ts';

const withRawHtml = `---
title: Raw HTML and highlighting
date: 2024-05-02
status: published
level: [internal]
authors: ["Ada Brenner <ada@larkspur.example>"]
timeline:
  - at: 2024-05-01T09:30:00+02:00
    kind: outage
    text: The [status page](https://status.example.com/) turns red.
---

## Summary

<details><summary>Raw HTML</summary><p onclick="alert(1)" style="display:none">Kept, sanitised.</p></details>

<pre>

Opens with blank lines, which each pass of an HTML parser takes one of.
</pre>

See [the first one](./001-pricing-replication-lag-on-development.md#summary).

## Cause

\`\`\`ts
const pool = new Pool({ max: 10 });
\`\`\`

## Prevention

- [x] Raise the limit
- [ ] Alert on [saturation](https://grafana.example.com/d/pool)
`;

let work: string;
const outputs = { workers: '', mainThread: '' };

beforeAll(() => {
  work = projectWorkFolder('render-workers-');
  const content = join(work, 'content');
  mkdirSync(content);
  for (const { name, source } of generatePostmortems({ count: 40, seed: 11 })) {
    writeFileSync(join(content, name), source);
  }
  writeFileSync(join(content, '041-raw-html-and-highlighting.md'), withRawHtml);
  for (const [build, workers] of [
    ['workers', '2'],
    ['mainThread', '0'],
  ] as const) {
    outputs[build] = join(work, `${build}-dist`);
    buildSite(outputs[build], {
      HINDSIGHT_CONTENT_DIR: relative(ROOT, content),
      HINDSIGHT_CACHE_DIR: join(work, `${build}-cache`),
      HINDSIGHT_RENDER_WORKERS: workers,
    });
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('rendering on worker threads', () => {
  it('builds the same pages as rendering on the main thread', () => {
    const files = builtFiles(outputs.workers);
    expect(files).toEqual(builtFiles(outputs.mainThread));
    expect(files.filter((file) => file.startsWith('postmortems/')).length).toBeGreaterThan(40);
    const differing = files.filter(
      (file) =>
        readFileSync(join(outputs.workers, file), 'utf8') !== readFileSync(join(outputs.mainThread, file), 'utf8'),
    );
    expect(differing).toEqual([]);
  });
});
