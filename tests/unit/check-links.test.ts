import { describe, expect, it } from 'vitest';
import {
  checkSite,
  SiteChecker,
  formatReport,
  hasFragment,
  pageUrlPath,
  refreshUrl,
  scanPage,
  srcsetUrls,
  type LinkReport,
  type ScannedPage,
  type SiteOptions,
} from '../../src/lib/check-links.ts';

const always: SiteOptions = { base: '/', trailingSlash: 'always' };

/** A built site in memory: every page is given as HTML, every other file by its name. */
function site(pages: Record<string, string>, otherFiles: string[] = []) {
  return {
    files: new Set([...Object.keys(pages), ...otherFiles]),
    pages: new Map(Object.entries(pages).map(([file, html]) => [file, scanPage(html)])),
  };
}

const brokenUrls = (report: LinkReport) => report.broken.map((link) => `${link.page}: ${link.url} (${link.kind})`);

describe('scanPage', () => {
  it('keeps ids, a names, each URL once with where it was first found, and the first base href', () => {
    const page = scanPage(`
      <base href="/docs/"><base href="/ignored/">
      <h2 id="cause">Cause</h2><a name="old"></a><span name="not-a-target"></span><p id="">empty</p>
      <a href="/x/">x</a><link rel="stylesheet" href="/x/"><img src=" /a.png " srcset="/a.png 1x, /b.png 2x">
      <meta http-equiv="Refresh" content="0;url=/next/"><meta name="refresh" content="0;url=/not-a-refresh/">
      <form action="/search/"></form><object data="/chart.svg"></object>`);
    expect([...page.ids]).toEqual(['cause', 'old']);
    expect([...page.links]).toEqual([
      ['/x/', 'a href'],
      ['/a.png', 'img src'],
      ['/b.png', 'img srcset'],
      ['/next/', 'meta refresh'],
      ['/search/', 'form action'],
      ['/chart.svg', 'object data'],
    ]);
    expect(page.baseHref).toBe('/docs/');
  });

  it('decodes entities in attributes', () => {
    expect([...scanPage('<a id="a&amp;b" href="/?a=1&amp;b=2#caf&eacute;">x</a>').links.keys()]).toEqual([
      '/?a=1&b=2#café',
    ]);
    expect([...scanPage('<a id="a&amp;b">x</a>').ids]).toEqual(['a&b']);
  });
});

describe('srcsetUrls', () => {
  it('splits candidates on commas after URLs, keeping commas inside URLs and descriptors', () => {
    expect(srcsetUrls('/a.png 1x, /b.png 2x')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('/a.png,/b.png 2x')).toEqual(['/a.png,/b.png']);
    expect(srcsetUrls('/a.png, /b.png')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('  /a.png  100w  ,  /b,c.png 200w ')).toEqual(['/a.png', '/b,c.png']);
    expect(srcsetUrls('data:image/png;base64,AAA= 1x, /b.png 2x')).toEqual(['data:image/png;base64,AAA=', '/b.png']);
    expect(srcsetUrls('/a.png (a, b) 1x, /b.png')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls(' , ')).toEqual([]);
  });
});

describe('refreshUrl', () => {
  it('reads the URL of a meta refresh however it is written', () => {
    expect(refreshUrl('0; url=/next/')).toBe('/next/');
    expect(refreshUrl('5;URL=/next/')).toBe('/next/');
    expect(refreshUrl("0; URL='/next/'")).toBe('/next/');
    expect(refreshUrl('0, "/next/" ignored')).toBe('/next/');
    expect(refreshUrl('1.5 /next/')).toBe('/next/');
    expect(refreshUrl('30')).toBeUndefined();
    expect(refreshUrl('0; url=')).toBeUndefined();
  });
});

describe('pageUrlPath', () => {
  it('gives the address a page is served at, under the base and the trailing-slash setting', () => {
    expect(pageUrlPath('index.html', always)).toBe('/');
    expect(pageUrlPath('index.html', { base: '/kb/', trailingSlash: 'never' })).toBe('/kb');
    expect(pageUrlPath('index.html', { base: '/', trailingSlash: 'never' })).toBe('/');
    expect(pageUrlPath('timeline/index.html', { base: 'kb', trailingSlash: 'always' })).toBe('/kb/timeline/');
    expect(pageUrlPath('timeline/index.html', { base: '/kb/', trailingSlash: 'never' })).toBe('/kb/timeline');
    expect(pageUrlPath('timeline/index.html', { base: '/', trailingSlash: 'ignore' })).toBe('/timeline/');
    expect(pageUrlPath('404.html', { base: '/kb/', trailingSlash: 'always' })).toBe('/kb/404.html');
    expect(pageUrlPath('a b/#1/index.html', always)).toBe('/a%20b/%231/');
  });
});

describe('hasFragment', () => {
  const ids = new Set(['café', '100%', 'caf%C3%A9-raw']);
  it('tries the fragment as written, then percent-decoded, as the HTML spec does', () => {
    expect(hasFragment(ids, 'caf%C3%A9')).toBe(true);
    expect(hasFragment(ids, '100%25')).toBe(true);
    expect(hasFragment(ids, '100%')).toBe(true);
    expect(hasFragment(ids, 'caf%C3%A9-raw')).toBe(true);
    expect(hasFragment(ids, 'cafe')).toBe(false);
    expect(hasFragment(ids, '%E9')).toBe(false);
  });
  it('takes an empty fragment and #top as the top of the page', () => {
    expect(hasFragment(ids, '')).toBe(true);
    expect(hasFragment(ids, 'top')).toBe(true);
    expect(hasFragment(ids, 'TOP')).toBe(true);
    expect(hasFragment(ids, 'topic')).toBe(false);
  });
});

describe('SiteChecker', () => {
  it('reports the same whatever order the pages come in, fragments of later pages included', () => {
    const built = site({
      'index.html': '<a href="/b/#end">b</a><a href="/c/#none">c</a><a href="https://example.com/">e</a>',
      'b/index.html': '<p id="end"></p><a href="/#gone">a</a><a href="https://example.com/">e</a>',
      'c/index.html': '<a href="/b/#end">b</a><a href="/d/">d</a><a href="https://example.com/">e</a>',
    });
    const inOrder = checkSite(built, always);
    expect(brokenUrls(inOrder)).toEqual([
      'b/index.html: /#gone (missing-fragment)',
      'c/index.html: /d/ (missing-target)',
      'index.html: /c/#none (missing-fragment)',
    ]);
    for (const order of [
      ['c/index.html', 'b/index.html', 'index.html'],
      ['index.html', 'c/index.html', 'b/index.html'],
    ]) {
      const checker = new SiteChecker(built.files, always);
      for (const page of order) checker.add(page, built.pages.get(page) as ScannedPage);
      expect(checker.report()).toEqual(inOrder);
    }
    expect(inOrder.external).toEqual([
      { url: 'https://example.com/', pages: ['b/index.html', 'c/index.html', 'index.html'] },
    ]);
  });
});

describe('checkSite', () => {
  it('resolves every link against the <base href> of its page, fragment-only links included', () => {
    const report = checkSite(
      site({
        'index.html': '<h2 id="here"></h2>',
        'docs/index.html': '<h2 id="there"></h2>',
        'docs/page/index.html': '<base href="/docs/"><a href="#there">x</a><a href="#here">y</a><a href="page/">z</a>',
      }),
      always,
    );
    expect(brokenUrls(report)).toEqual(['docs/page/index.html: #here (missing-fragment)']);
  });

  it('does not let one page’s <base href> change how another page’s root-relative links resolve', () => {
    const report = checkSite(
      site({
        'index.html': '<a href="/gone/">x</a>',
        'elsewhere/index.html': '<base href="https://example.com/"><a href="/gone/">x</a>',
      }),
      always,
    );
    expect(brokenUrls(report)).toEqual(['index.html: /gone/ (missing-target)']);
    expect(report.external).toEqual([{ url: 'https://example.com/gone/', pages: ['elsewhere/index.html'] }]);
  });

  it('treats protocol-relative and backslashed URLs as other origins, as browsers do', () => {
    const report = checkSite(
      site({ 'index.html': '<a href="//example.com/x">x</a><a href="/\\example.com/y">y</a>' }),
      always,
    );
    expect(report.broken).toEqual([]);
    expect(report.external.map(({ url }) => url)).toEqual(['http://example.com/x', 'http://example.com/y']);
  });

  it('checks a fragment on a page reached by file name, and ignores fragments on other files', () => {
    const links = '<a href="/notes.html#a">a</a><a href="/notes.html#b">b</a><a href="/chart.svg#layer">c</a>';
    const report = checkSite(site({ 'index.html': links, 'notes.html': '<p id="a"></p>' }, ['chart.svg']), always);
    expect(brokenUrls(report)).toEqual(['index.html: /notes.html#b (missing-fragment)']);
  });

  it('decodes percent-encoded paths to file names', () => {
    const report = checkSite(
      site(
        {
          'index.html': '<a href="/caf%C3%A9/">a</a><a href="/café/">b</a><a href="/a%20b.txt">c</a>',
          'café/index.html': '',
        },
        ['a b.txt'],
      ),
      always,
    );
    expect(report.broken).toEqual([]);
    expect(report.checked).toBe(3);
  });
});

describe('formatReport', () => {
  const report = checkSite(
    site({
      'index.html': '<a href="/gone/">a</a><a href="/x/#nope">b</a><a href="https://example.com/">c</a>',
      'x/index.html': '<a href="/x">d</a><a href="mailto:a@example.com">e</a><a href="https://example.com/">c</a>',
    }),
    always,
  );

  it('prints one line per broken link, by page, what to do, and a summary', () => {
    expect(formatReport(report, { dir: 'dist/' })).toMatchInlineSnapshot(`
      "dist/index.html: /gone/ — there is no gone/index.html in the build (a href)
      dist/index.html: /x/#nope — x/index.html has no element with id "nope" (a href)
      dist/x/index.html: /x — trailingSlash is "always": link to /x/ (a href)

      To fix:
        missing-fragment: Link to an id that exists on the target page.
        missing-target: Link to a page or file that the build produces.
        no-trailing-slash: End links to pages with a slash, as trailingSlash "always" requires.

      dist: 3 broken links on 2 pages. Checked 3 internal links on 2 pages against 2 files; 1 external link listed, not fetched (--verbose lists them); 1 mailto:, tel: or data: URL skipped."
    `);
  });

  it('lists external links with --verbose, and says so when nothing is broken', () => {
    const clean = checkSite(
      site({ 'index.html': '<a href="https://example.com/">c</a>', 'a.html': '<a href="https://example.com/">c</a>' }),
      always,
    );
    expect(formatReport(clean, { dir: 'dist', verbose: true })).toMatchInlineSnapshot(`
      "External links (not fetched):
        https://example.com/ (on dist/a.html and 1 other page)

      dist: no broken links. Checked 0 internal links on 2 pages against 2 files; 1 external link listed, not fetched; 0 mailto:, tel: and data: URLs skipped."
    `);
  });
});
