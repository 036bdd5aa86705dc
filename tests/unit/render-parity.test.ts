/**
 * The renderer parses a `.md` body without raw HTML with Sätteri's native parser, every other
 * document with micromark (src/markdown/remark-parse-native.ts). A node the two build differently
 * would change a page, so this renders bodies through the site's whole pipeline both ways and holds
 * them to the same HTML and metadata: every Markdown file of the project and its fixtures, the
 * generated benchmark set, the corners of CommonMark and GFM, and hostile raw HTML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults, unified, type AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { generatePostmortems } from '../../scripts/lib/synthetic-postmortems.ts';
import { outlineBody } from '../../src/lib/body.ts';
import { splitFrontmatter } from '../../src/lib/frontmatter.ts';
import { resolvePostmortemLink } from '../../src/lib/links.ts';
import { parsePostmortemFileName } from '../../src/lib/postmortem-file.ts';
import { markdownProcessor, rehypePipeline, remarkPipeline } from '../../src/markdown/pipeline.ts';
import { parsesNatively, remarkParseNative } from '../../src/markdown/remark-parse-native.ts';
import { attacks } from '../support/attacks.ts';
import { corners } from '../support/markdown-corners.ts';

const CONTENT_DIR = resolve('content/postmortems');
/**
 * The link targets the link plugin resolves against: set before each render to every postmortem
 * and fragment the body links to, so that bodies render rather than fail on a broken link.
 */
const index = new Map<string, Set<string>>();
const FROM = 'content/postmortems/900-parity.md';

/** Makes every postmortem link of `body` resolve (`index`). */
function linkTargetsOf(body: string): void {
  index.clear();
  for (const { url } of outlineBody(body).links) {
    const resolution = resolvePostmortemLink(url, FROM, index);
    if (resolution.kind !== 'missing-file' && resolution.kind !== 'missing-fragment') continue;
    const id = resolution.kind === 'missing-file' ? parsePostmortemFileName(resolution.target)?.id : resolution.id;
    if (id === undefined) continue;
    const fragments = index.get(id) ?? new Set<string>();
    index.set(id, fragments);
    const again = resolvePostmortemLink(url, FROM, index);
    if (again.kind === 'missing-fragment') fragments.add(again.fragment);
  }
}
const options = { base: '/', contentDir: CONTENT_DIR, root: pathToFileURL(resolve('.')).href, index };
const rendererOptions = {
  syntaxHighlight: false,
  shikiConfig: markdownConfigDefaults.shikiConfig,
  gfm: false,
  smartypants: false,
} as AstroMarkdownOptions;

/** The site's processor, and the same one with micromark's parse for every document. */
const site = await markdownProcessor(options).createRenderer(rendererOptions);
const micromarkOnly = await unified({
  gfm: false,
  smartypants: false,
  remarkPlugins: remarkPipeline(options).filter((plugin) => plugin !== remarkParseNative),
  rehypePlugins: rehypePipeline(options),
}).createRenderer(rendererOptions);

type Renderer = typeof site;

/** What `renderer` makes of `body`: its HTML and metadata, or the error it throws (a broken link). */
async function outcome(renderer: Renderer, body: string, fileURL: URL) {
  try {
    const { code, metadata } = await renderer.render(body, { frontmatter: {}, fileURL });
    return { html: code, metadata };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** `body` rendered both ways, as a `.md` file of the content folder. */
async function bothWays(body: string) {
  const fileURL = pathToFileURL(resolve(FROM));
  linkTargetsOf(body);
  const [native, micromark] = await Promise.all([outcome(site, body, fileURL), outcome(micromarkOnly, body, fileURL)]);
  return { native, micromark };
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Corners of rendering rather than of outlines: what GFM and CommonMark turn into markup. */
const renderCorners: Record<string, string> = {
  'table alignment and inline markup':
    '| left | centre | right | none |\n|:-----|:------:|------:|------|\n| *a* | **b** | `c` | ~~d~~ |\n| 1 | 2 |\n',
  'code fences with languages and meta':
    '```ts title="a.ts" {1,3}\nconst a = 1;\n```\n\n```sql\nSELECT 1;\n```\n\n```\nplain\n```\n\n````md\n```\nnested\n```\n````\n',
  'indented code and thematic breaks': '    indented\n    code\n\n---\n\n***\n\n_ _ _\n',
  'ordered lists with a start, loose and tight':
    '3. three\n4. four\n\n\n1) a\n\n   para\n2) b\n\n- tight\n- list\n\n- loose\n\n- list\n',
  'nested quotes and lists': '> a\n> > b\n> > - c\n> >   - d\n>\n> e\n',
  'emphasis edge cases': '*a **b** c* _snake_case_ __strong__ ***both*** *not closed\n\n**bold**text and a*b*c\n',
  'single and double tildes': '~one~ and ~~two~~ and ~~~three~~~\n',
  'backslash escapes and entities': '\\*not em\\* \\_ \\` &copy; &#x1F525; &nbsp;x &unknown; 1 &lt; 2\n',
  'autolink literals with punctuation':
    'www.example.com. (https://example.com/a_(b)) x@y.co, https://e.com/?q=1&r=2;\n',
  'images with titles and reference images': '![a](./i.png "T") ![b][ref]\n\n[ref]: ./j.png \'Title\'\n',
  'reference definitions, case-insensitive': '[Foo][BAR] [bar]\n\n[bar]: https://example.com/bar\n',
  'footnotes referenced twice and unused':
    'A[^x] and B[^x] and C[^y].\n\n[^x]: X note.\n[^y]: Y\n    continued.\n[^unused]: Never.\n',
  'task lists, loose': '- [ ] one\n\n- [x] two\n\n  text\n',
  'hard breaks at the end of a paragraph': 'a  \nb\\\n\nlast  \n',
  'empty and blank documents': '',
  whitespace: '   \n\n\t\n',
  'long lines and unicode': `${'word '.repeat(400)}\n\n日本語 — émoji 🔥 ‮rtl‬\n`,
  'headings with trailing and leading spaces': '#   Spaced   #  \n\n  ## Indented\n',
  'links with angle brackets, spaces and fragments':
    '[a](<./001 a.md#x y>) [b](./002-b.md#Cause) [c](#local) [d](https://example.com "t")\n',
};

describe('the native parser renders as micromark does', () => {
  it.each(Object.entries({ ...corners, ...renderCorners }))('%s', async (_, body) => {
    const { native, micromark } = await bothWays(body);
    expect(native).toEqual(micromark);
  });

  // Four corners link to names no postmortem can have (`./x.md`, `./002 b.md`): an error either way.
  it('renders the other corners, rather than comparing two errors', async () => {
    const all = Object.values({ ...corners, ...renderCorners });
    const failed = [];
    for (const body of all) if ('error' in (await bothWays(body)).native) failed.push(body);
    expect(failed).toHaveLength(4);
  });

  it.each(Object.entries(attacks))('with raw HTML, %s', async (_, attack) => {
    const { native, micromark } = await bothWays(`## Summary\n\n${attack}\n\nInline: ${attack}\n`);
    expect(native).toEqual(micromark);
  });

  it('on every Markdown file of the project and its fixtures', async () => {
    const files = [...markdownFiles('content'), ...markdownFiles('tests/fixtures'), ...markdownFiles('docs')];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const { body } = splitFrontmatter(source) ?? { body: source };
      const { native, micromark } = await bothWays(body);
      expect({ file, ...native }).toEqual({ file, ...micromark });
    }
  });

  it('on the generated benchmark set', async () => {
    for (const { source } of generatePostmortems({ count: 150, seed: 5 })) {
      const { body } = splitFrontmatter(source) ?? { body: source };
      const { native, micromark } = await bothWays(body);
      expect(native).toEqual(micromark);
    }
  });
});

describe('parsesNatively', () => {
  it('takes a .md body without raw HTML', () => {
    expect(parsesNatively('## Summary\n\n<https://example.com> and 1 < 2\n', new VFile({ path: '/c/001-a.md' }))).toBe(
      true,
    );
  });

  it('leaves raw HTML, MDX, other files and documents without a file to micromark', () => {
    expect(parsesNatively('Text <kbd>x</kbd>\n', new VFile({ path: '/c/001-a.md' }))).toBe(false);
    expect(parsesNatively('## Summary\n', new VFile({ path: '/c/001-a.mdx' }))).toBe(false);
    expect(parsesNatively('## Summary\n', new VFile({ path: '/c/notes.markdown' }))).toBe(false);
    expect(parsesNatively('## Summary\n', new VFile())).toBe(false);
  });

  it('is the first remark plugin of the site, so every other plugin sees its tree', () => {
    expect(remarkPipeline(options)[0]).toBe(remarkParseNative);
  });
});
