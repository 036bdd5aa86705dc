/**
 * Builds the site from postmortems written to attack it (script injections in the body, the
 * timeline, the title, the summary and an action; a right-to-left author name with a direction
 * override) and checks the pages that come out: no script but Astro's own, no event handler, no
 * script URL, nothing embedded, nothing in the rendered Markdown that could hide content, and every
 * piece of hostile text shown as the text it is.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages } from '../support/site-pages.ts';
import { attacks } from '../support/attacks.ts';
import { elementsNamed, pageScripting, unsafeParts } from '../support/unsafe-html.ts';
import { projectWorkFolder, ROOT } from '../support/build-folders.ts';

const TITLE = `<script>alert('title')</script><img src=x onerror=alert('title-img')> & "quotes" </title>`;
const RTL_AUTHOR = '\u202Eدانا الحسيني';
const SUMMARY = `<script>alert('summary')</script> The worker stopped. "><img src=x onerror=alert('meta')>`;

const injections = `---
title: ${JSON.stringify(TITLE)}
date: 2024-06-01
status: published
level: [outage]
authors:
  - ${JSON.stringify(`${RTL_AUTHOR} <dana@larkspur.example>`)}
  - "Ada Brenner <ada@larkspur.example>"
summary: ${JSON.stringify(SUMMARY)}
timeline:
  - at: 2024-06-01
    kind: outage
    text: ${JSON.stringify(`<script>alert('event')</script> [click](javascript:alert('event-link')) <img src=x onerror=alert('event-img')>`)}
actions:
  - title: ${JSON.stringify(`<b onmouseover=alert('action')>Fix</b>`)}
    status: open
    link: https://tracker.example.com/OPS-1
---

## Summary

${Object.values(attacks).join('\n\n')}

## Cause

Inline: ${Object.values(attacks).join(' ')}

## Prevention

[status page](https://status.example.com/) and \`<script>alert('code')</script>\`.

\`\`\`html
<script>alert('fenced')</script>
\`\`\`
`;

const neighbour = `---
title: Relates to the hostile one
date: 2024-06-02
status: published
level: [internal]
authors: ["Ada Brenner <ada@larkspur.example>"]
related:
  - id: 001-hostile-injections
    relation: recurrence
timeline:
  - at: 2024-06-02
    kind: outage
    ref: 001-hostile-injections
    text: It happens again.
---

## Summary

Again.

## Cause

The same.

## Prevention

See [the first one](./001-hostile-injections.md#cause).
`;

let work: string;
let pages: { url: string; file: string; html: string }[];

beforeAll(() => {
  work = projectWorkFolder('hostile-');
  const content = join(work, 'postmortems');
  mkdirSync(content);
  writeFileSync(join(content, '001-hostile-injections.md'), injections);
  writeFileSync(join(content, '002-relates-to-the-hostile-one.md'), neighbour);
  const dist = join(work, 'dist');
  const astro = join(ROOT, 'node_modules/astro/bin/astro.mjs');
  execFileSync(process.execPath, [astro, 'build', '--silent', '--outDir', dist], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, HINDSIGHT_CONTENT_DIR: relative(ROOT, content) },
  });
  pages = builtPages(dist, join(ROOT, 'src/pages'), '/').map(({ url, file }) => ({
    url,
    file,
    html: readFileSync(join(dist, file), 'utf8'),
  }));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const hostile = () => pages.find((page) => page.url === '/postmortems/001-hostile-injections/');

describe('a site built from hostile postmortems', () => {
  it('builds both postmortems', () => {
    expect(pages.map((page) => page.url)).toEqual(
      expect.arrayContaining(['/postmortems/001-hostile-injections/', '/postmortems/002-relates-to-the-hostile-one/']),
    );
  });

  it('has no event handler, script URL or embedded document in any page', () => {
    const found = pages.flatMap((page) =>
      pageScripting(page.html).problems.map((problem) => `${page.url}: ${problem}`),
    );
    expect(found).toEqual([]);
  });

  it('runs no injected script anywhere, and none at all on postmortem pages', () => {
    for (const page of pages) {
      const { scripts } = pageScripting(page.html);
      expect(
        scripts.filter((script) => /alert|evil\.example/.test(script)),
        page.url,
      ).toEqual([]);
      // Postmortem pages ship no JavaScript; the list at /postmortems/ has its filter script.
      if (/^\/postmortems\/[^/]+\/$/.test(page.url)) expect(scripts, page.url).toEqual([]);
    }
  });

  it('keeps the rendered Markdown free of styles, classes and elements that hide or embed', () => {
    const page = hostile();
    const within = (_: string, attributes: Record<string, string>) =>
      /\b(postmortem__body|timeline__text|event__text)\b/.test(attributes['class'] ?? '');
    const allowedClasses = ['hs-section', 'hs-section--summary', 'hs-section--cause', 'hs-section--prevention'];
    expect(unsafeParts(page?.html ?? '', { within, allowedClasses })).toEqual([]);
    expect(page?.html).not.toMatch(/evil\.example|display:\s*none/);
  });

  it('shows the title, summary and author as the text they are', () => {
    const html = hostile()?.html ?? '';
    expect(elementsNamed(html, 'h1').map((h1) => h1.text)).toEqual([TITLE]);
    expect(elementsNamed(html, 'title').map((title) => title.text)).toEqual([`${TITLE} · Hindsight`]);
    const description = elementsNamed(html, 'meta').find((meta) => meta.attributes['name'] === 'description');
    expect(description?.attributes['content']).toBe(SUMMARY);
    expect(elementsNamed(html, 'bdi').map((bdi) => bdi.text)).toEqual([RTL_AUTHOR, 'Ada Brenner']);
    const neighbour = pages.find((page) => page.url === '/postmortems/002-relates-to-the-hostile-one/')?.html ?? '';
    expect(elementsNamed(neighbour, 'a').map((link) => link.text)).toContain(`001 · ${TITLE}`);
  });

  it('gives the external link in the body rel="noopener noreferrer"', () => {
    expect(hostile()?.html).toContain(
      '<a href="https://status.example.com/" rel="noopener noreferrer">status page</a>',
    );
  });
});
