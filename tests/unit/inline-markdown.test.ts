import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { beforeAll, describe, expect, test } from 'vitest';
import { ContentValidationError } from '../../src/lib/errors.ts';
import { renderInlineMarkdown, type InlineMarkdownContext } from '../../src/lib/inline-markdown.ts';
import { fragmentIndex, type FragmentIndex } from '../../src/lib/links.ts';
import { readPostmortemFiles } from '../../src/lib/validate-fs.ts';
import { validatePostmortems, type CheckedPostmortem } from '../../src/lib/validate.ts';
import remarkPostmortemLinks from '../../src/markdown/remark-postmortem-links.ts';

const root = fileURLToPath(new URL('../fixtures/links', import.meta.url));
const contentDir = 'content/postmortems';
const fromFile = `${contentDir}/002-disk-full-again.md`;

let postmortems: readonly CheckedPostmortem[];
let index: FragmentIndex;
let context: InlineMarkdownContext;

beforeAll(async () => {
  postmortems = validatePostmortems(await readPostmortemFiles(root, contentDir)).postmortems;
  index = fragmentIndex(postmortems);
  context = { fromFile, index, base: '/' };
});

const render = (text: string, overrides: Partial<InlineMarkdownContext> = {}) =>
  renderInlineMarkdown(text, { ...context, ...overrides });

describe('renderInlineMarkdown', () => {
  test('renders every timeline text of the fixture postmortems', async () => {
    const items = postmortems.flatMap((postmortem) =>
      postmortem.data.timeline.map(
        (event, at) =>
          `<li data-event="${postmortem.eventIds[at]}">${renderInlineMarkdown(event.text, { fromFile: postmortem.file, index, base: '/' })}</li>`,
      ),
    );
    await expect(`<ol>\n${items.join('\n')}\n</ol>\n`).toMatchFileSnapshot(
      '__snapshots__/inline-markdown/timeline-texts.html',
    );
  });

  test('returns plain text as it is', () => {
    const text = 'The volume is grown by 50 GB (to 200 GB), at 14:05 UTC; "fixed".';
    expect(render(text)).toBe(text);
  });

  test('trims the surrounding whitespace, as Markdown does', () => {
    expect(render('  Writes fail.  ')).toBe('Writes fail.');
  });

  test('renders GFM inline syntax without a wrapping paragraph', () => {
    expect(
      render(
        '**Writes** fail on _every_ node, ~~not~~ only `db-1`; see https://status.example.com and www.example.com.',
      ),
    ).toMatchInlineSnapshot(
      `"<strong>Writes</strong> fail on <em>every</em> node, <del>not</del> only <code>db-1</code>; see <a href="https://status.example.com" rel="noopener noreferrer">https://status.example.com</a> and <a href="http://www.example.com" rel="noopener noreferrer">www.example.com</a>."`,
    );
  });

  test('shows raw HTML as text', () => {
    expect(render('Cache <b>cleared</b> & <script>alert(1)</script> done <!-- note -->')).toMatchInlineSnapshot(
      `"Cache &#x3C;b>cleared&#x3C;/b> &#x26; &#x3C;script>alert(1)&#x3C;/script> done &#x3C;!-- note -->"`,
    );
  });

  test('keeps only web, mail and phone links', () => {
    expect(
      render(
        '[run](javascript:alert(1)), [data](data:text/html,x), [ok](https://example.com), [mail](mailto:ops@example.com), ![img](javascript:x)',
      ),
    ).toMatchInlineSnapshot(
      `"run, data, <a href="https://example.com" rel="noopener noreferrer">ok</a>, <a href="mailto:ops@example.com">mail</a>, img"`,
    );
    expect(render('[run][x]\n\n[x]: javascript:alert(1)')).toBe('[run][x]');
  });

  test('reads block syntax as text', () => {
    expect(render('1. restarted the primary')).toBe('1. restarted the primary');
    expect(render('# 3 nodes down')).toBe('# 3 nodes down');
    expect(render('- failover\n> quoted')).toBe('- failover\n> quoted');
    expect(render('| a | b |\n| - | - |')).toBe('| a | b |\n| - | - |');
  });

  test('joins paragraphs with a line break', () => {
    expect(render('Writes fail.\n\nReads still work.')).toBe('Writes fail.<br>Reads still work.');
  });

  test('rewrites links to other postmortems, under the base path', () => {
    const text =
      'As in [the first outage](./001-disk-full-on-staging.md#event-2023-01-08) and [the warmer](003-cache-warmer-rewrite.mdx).';
    expect(render(text)).toMatchInlineSnapshot(
      `"As in <a href="/postmortems/001-disk-full-on-staging/#event-2023-01-08">the first outage</a> and <a href="/postmortems/003-cache-warmer-rewrite/">the warmer</a>."`,
    );
    expect(render(text, { base: '/kb/' })).toContain(
      'href="/kb/postmortems/001-disk-full-on-staging/#event-2023-01-08"',
    );
  });

  test('leaves links in code spans alone', () => {
    expect(render('See `[first](./009-never-written.md)`.')).toBe('See <code>[first](./009-never-written.md)</code>.');
  });

  test('rewrites links exactly as the body does', async () => {
    const text =
      '[a](./001-disk-full-on-staging.md) [b](001-disk-full-on-staging.md#cause) [c](./003-cache-warmer-rewrite.mdx#timeline) [d](#cause) [e](../runbooks/x.md) [f][ref]\n\n[ref]: ./001-disk-full-on-staging.md#event-2023-01-08t1405';
    const body = await createMarkdownProcessor({
      gfm: false,
      smartypants: false,
      remarkPlugins: [remarkGfm, [remarkPostmortemLinks, { base: '/kb/', contentDir, root, index }]],
    });
    const { code } = await body.render(text, { fileURL: pathToFileURL(join(root, fromFile)) });
    expect(`<p>${render(text, { base: '/kb/' })}</p>`).toBe(code);
  });

  test('fails on links to missing postmortems or fragments, naming the field', () => {
    let error: unknown;
    try {
      render('[gone](./009-never-written.md) and [no such event](./001-disk-full-on-staging.md#event-2023-01-09)', {
        field: 'timeline[0].text',
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ContentValidationError);
    expect((error as Error).message).toMatchInlineSnapshot(`
      "2 problems in postmortems:
        content/postmortems/002-disk-full-again.md: timeline[0].text: received a link to "./009-never-written.md", but content/postmortems/009-never-written.md does not exist; expected a link to an existing postmortem file. Point the link at an existing postmortem file, for example ./002-some-title.md.
        content/postmortems/002-disk-full-again.md: timeline[0].text: received a link to "./001-disk-full-on-staging.md#event-2023-01-09", but 001-disk-full-on-staging has no #event-2023-01-09; expected a fragment that is a heading id, a timeline event id or one of #timeline, #actions, #related, #recurrence. Link to a heading or event that exists on the target page."
    `);
  });
});
