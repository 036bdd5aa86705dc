import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMarkdownProcessor, parseFrontmatter, unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ContentValidationError } from '../../src/lib/errors.ts';
import remarkPostmortemLinks, {
  type RemarkPostmortemLinksOptions,
} from '../../src/markdown/remark-postmortem-links.ts';

const root = fileURLToPath(new URL('../fixtures/links', import.meta.url));
const contentDir = 'content/postmortems';

/** Astro's Markdown processor, configured as in astro.config.mjs. */
function processor(options: Partial<RemarkPostmortemLinksOptions> = {}): Promise<MarkdownRenderer> {
  return createMarkdownProcessor({
    gfm: false,
    smartypants: false,
    remarkPlugins: [remarkGfm, [remarkPostmortemLinks, { base: '/', contentDir, root, ...options }]],
  });
}

/** Renders a fixture postmortem as Astro's content layer does: body only, trimmed, with its file URL. */
async function renderFile(renderer: MarkdownRenderer, name: string, fixtureRoot = root): Promise<string> {
  const path = join(fixtureRoot, contentDir, name);
  const { frontmatter, content } = parseFrontmatter(await readFile(path, 'utf8'), { frontmatter: 'empty-with-spaces' });
  return (await renderer.render(content.trim(), { frontmatter, fileURL: pathToFileURL(path) })).code;
}

/** Renders `markdown` as if it were the body of `file` (relative to the fixture root). */
async function render(renderer: MarkdownRenderer, markdown: string, file = `${contentDir}/010-scratch.md`) {
  return (await renderer.render(markdown, { fileURL: pathToFileURL(join(root, file)) })).code;
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
}

/** The error a render fails with, its message freed of this machine's paths. */
async function failure(rendering: Promise<unknown>): Promise<{ error: ContentValidationError; message: string }> {
  const error = await rendering.then(
    () => expect.unreachable('the render should fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ContentValidationError);
  const failed = error as ContentValidationError;
  return { error: failed, message: failed.message.replaceAll(root, '<root>') };
}

beforeEach(() => {
  // Astro's processor logs every failed render before rethrowing it.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('remarkPostmortemLinks', () => {
  test('renders a postmortem with links to other postmortems', async () => {
    const html = await renderFile(await processor(), '002-disk-full-again.md');

    await expect(html).toMatchFileSnapshot('__snapshots__/remark-postmortem-links/002-disk-full-again.html');
    expect(hrefs(html)).toMatchInlineSnapshot(`
      [
        "/postmortems/001-disk-full-on-staging/",
        "/postmortems/001-disk-full-on-staging/#cause",
        "/postmortems/001-disk-full-on-staging/#prevention",
        "/postmortems/001-disk-full-on-staging/#timeline",
        "/postmortems/001-disk-full-on-staging/#event-2023-01-08",
        "/postmortems/001-disk-full-on-staging/#disk-usage-graph",
        "/postmortems/003-cache-warmer-rewrite/#cause",
        "#cause",
        "../runbooks/disk-full.md",
        "https://example.com/postgres/wal.md",
        "/postmortems/001-disk-full-on-staging/",
      ]
    `);
  });

  test.each([
    ['./001-disk-full-on-staging.md', '/postmortems/001-disk-full-on-staging/'],
    ['001-disk-full-on-staging.md#cause', '/postmortems/001-disk-full-on-staging/#cause'],
    ['./001-disk-full-on-staging.md#disk-usage-graph', '/postmortems/001-disk-full-on-staging/#disk-usage-graph'],
    ['./003-cache-warmer-rewrite.mdx', '/postmortems/003-cache-warmer-rewrite/'],
    ['./001-disk-full-on-staging.md#event-2023-01-08', '/postmortems/001-disk-full-on-staging/#event-2023-01-08'],
    [
      './001-disk-full-on-staging.md#event-2023-01-08t1405',
      '/postmortems/001-disk-full-on-staging/#event-2023-01-08t1405',
    ],
    ['./001-disk-full-on-staging.md#timeline', '/postmortems/001-disk-full-on-staging/#timeline'],
    ['./001-disk-full-on-staging.md#actions', '/postmortems/001-disk-full-on-staging/#actions'],
    ['./001-disk-full-on-staging.md#related', '/postmortems/001-disk-full-on-staging/#related'],
  ])('rewrites %s to %s', async (url, expected) => {
    const renderer = await processor();
    expect(hrefs(await render(renderer, `[link](${url})`))).toEqual([expected]);
    expect(hrefs(await render(renderer, `[link][target]\n\n[target]: ${url}`))).toEqual([expected]);
  });

  test('puts rewritten links under the base path', async () => {
    const html = await render(
      await processor({ base: '/kb/' }),
      '[first](./001-disk-full-on-staging.md), [cause](001-disk-full-on-staging.md#cause), [elsewhere](/kb/about/)',
    );
    expect(hrefs(html)).toEqual([
      '/kb/postmortems/001-disk-full-on-staging/',
      '/kb/postmortems/001-disk-full-on-staging/#cause',
      '/kb/about/',
    ]);
  });

  test.each([
    'https://example.com/001-disk-full-on-staging.md',
    'mailto:ines@example.com',
    '/postmortems/001-disk-full-on-staging/',
    '#cause',
    '../runbooks/disk-full.md',
    './diagram.png',
    '50%',
  ])('leaves %s alone', async (url) => {
    expect(hrefs(await render(await processor(), `[link](${url})`))).toEqual([url.replace('%', '%25')]);
  });

  test('leaves links in code spans and code blocks alone', async () => {
    const html = await render(
      await processor(),
      [
        'Inline: `[first](./001-disk-full-on-staging.md)` and `./009-never-written.md`.',
        '',
        '```',
        '[broken](./009-never-written.md#nowhere)',
        '```',
      ].join('\n'),
    );
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain('<code>[first](./001-disk-full-on-staging.md)</code>');
    expect(html).toContain('[broken](./009-never-written.md#nowhere)');
  });

  test.each([
    ['a page outside the postmortems folder', 'docs/guide.md'],
    ['a file next to the postmortems folder', 'content/001-disk-full-on-staging.md'],
    ['a partial the collection does not load', `${contentDir}/_template.md`],
  ])('leaves %s alone', async (_, file) => {
    const html = await render(await processor(), '[first](./001-disk-full-on-staging.md), [gone](./009-gone.md)', file);
    expect(hrefs(html)).toEqual(['./001-disk-full-on-staging.md', './009-gone.md']);
  });

  test('leaves a render without a file alone', async () => {
    const { code } = await (await processor()).render('[first](./001-disk-full-on-staging.md)');
    expect(hrefs(code)).toEqual(['./001-disk-full-on-staging.md']);
  });

  test('accepts the file as a path string', async () => {
    const renderer = await processor();
    const { code } = await renderer.render('[first](./001-disk-full-on-staging.md)', {
      fileURL: join(root, contentDir, '010-scratch.md') as unknown as URL,
    });
    expect(hrefs(code)).toEqual(['/postmortems/001-disk-full-on-staging/']);
  });

  test('fails on a link to a missing postmortem, naming the file, line and column', async () => {
    const { error, message } = await failure(
      render(await processor(), 'See\n\nthe [second outage](./009-never-written.md#cause).'),
    );
    expect(error.issues.map((issue) => issue.kind)).toEqual(['broken-link']);
    expect(message).toMatchInlineSnapshot(`
      "Failed to parse Markdown file "<root>/content/postmortems/010-scratch.md":
      1 problem in postmortems:
        content/postmortems/010-scratch.md:3:5: body: received a link to "./009-never-written.md#cause", but content/postmortems/009-never-written.md does not exist; expected a link to an existing postmortem file. Point the link at an existing postmortem file, for example ./002-some-title.md."
    `);
  });

  test('fails on a link to a missing fragment', async () => {
    const { error, message } = await failure(
      render(await processor(), '[detection](./001-disk-full-on-staging.md#detection)'),
    );
    expect(error.issues.map((issue) => issue.kind)).toEqual(['missing-fragment']);
    expect(message).toMatchInlineSnapshot(`
      "Failed to parse Markdown file "<root>/content/postmortems/010-scratch.md":
      1 problem in postmortems:
        content/postmortems/010-scratch.md:1:1: body: received a link to "./001-disk-full-on-staging.md#detection", but 001-disk-full-on-staging has no #detection; expected a fragment that is a heading id, a timeline event id or one of #timeline, #actions, #related, #recurrence. Link to a heading or event that exists on the target page."
    `);
  });

  test('lists every broken link of a file, at its line in the file (after the frontmatter)', async () => {
    const { error, message } = await failure(renderFile(await processor(), '004-broken-links.md'));
    expect(error.issues.map((issue) => [issue.kind, issue.line, issue.column])).toEqual([
      ['broken-link', 15, 15],
      ['missing-fragment', 16, 1],
      ['broken-link', 21, 1],
      ['missing-fragment', 23, 1],
    ]);
    expect(message).toMatchInlineSnapshot(`
      "Failed to parse Markdown file "<root>/content/postmortems/004-broken-links.md":
      4 problems in postmortems:
        content/postmortems/004-broken-links.md:15:15: body: received a link to "./009-never-written.md", but content/postmortems/009-never-written.md does not exist; expected a link to an existing postmortem file. Point the link at an existing postmortem file, for example ./002-some-title.md.
        content/postmortems/004-broken-links.md:16:1: body: received a link to "./001-disk-full-on-staging.md#detection", but 001-disk-full-on-staging has no #detection; expected a fragment that is a heading id, a timeline event id or one of #timeline, #actions, #related, #recurrence. Link to a heading or event that exists on the target page.
        content/postmortems/004-broken-links.md:21:1: body: received a link to "./001-disk-ful-on-staging.md", but content/postmortems/001-disk-ful-on-staging.md does not exist; expected a link to an existing postmortem file. Point the link at an existing postmortem file, for example ./002-some-title.md.
        content/postmortems/004-broken-links.md:23:1: body: received a link to "./002-disk-full-again.md#event-2099-01-01", but 002-disk-full-again has no #event-2099-01-01; expected a fragment that is a heading id, a timeline event id or one of #timeline, #actions, #related, #recurrence. Link to a heading or event that exists on the target page."
    `);
  });

  test('uses the index it is given instead of reading the disk', async () => {
    const index = new Map([['007-only-in-the-index', new Set(['timeline'])]]);
    const renderer = await processor({ index });
    const html = await render(renderer, '[seventh](./007-only-in-the-index.md#timeline)');
    expect(hrefs(html)).toEqual(['/postmortems/007-only-in-the-index/#timeline']);
    await failure(render(renderer, '[first](./001-disk-full-on-staging.md)'));
  });

  test('reads the disk again for a postmortem added after the first render', async () => {
    const project = await mkdtemp(join(tmpdir(), 'hindsight-links-'));
    try {
      await mkdir(join(project, contentDir), { recursive: true });
      await copyFile(
        join(root, contentDir, '001-disk-full-on-staging.md'),
        join(project, contentDir, '001-disk-full-on-staging.md'),
      );
      const renderer = await processor({ root: pathToFileURL(project) });
      const scratch = pathToFileURL(join(project, contentDir, '010-scratch.md'));
      const first = await renderer.render('[first](./001-disk-full-on-staging.md)', { fileURL: scratch });
      expect(hrefs(first.code)).toEqual(['/postmortems/001-disk-full-on-staging/']);

      const source = await readFile(join(root, contentDir, '001-disk-full-on-staging.md'), 'utf8');
      await writeFile(join(project, contentDir, '005-added-later.md'), source);
      const added = await renderer.render('[added](./005-added-later.md#cause)', { fileURL: scratch });
      expect(hrefs(added.code)).toEqual(['/postmortems/005-added-later/#cause']);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  test('rewrites links in an .mdx postmortem compiled by the MDX pipeline', async () => {
    const mdx = await unified({
      gfm: false,
      smartypants: false,
      remarkPlugins: [remarkGfm, [remarkPostmortemLinks, { base: '/kb/', contentDir, root }]],
    }).createMdxRenderer?.({ gfm: false, smartypants: false, syntaxHighlight: false }, { optimize: false });
    const path = join(root, contentDir, '003-cache-warmer-rewrite.mdx');
    const { frontmatter, content } = parseFrontmatter(await readFile(path, 'utf8'), {
      frontmatter: 'empty-with-spaces',
    });
    const { code } = await mdx!.process(content, path, frontmatter);
    expect(code).toContain('href: "/kb/postmortems/001-disk-full-on-staging/#cause"');
    expect(code).not.toContain('./001-disk-full-on-staging.md');
  });
});
