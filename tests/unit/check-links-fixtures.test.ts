/**
 * The link checker on small hand-written builds in tests/fixtures/check-links/, one per case that
 * link checkers commonly get wrong. Each test lists every broken link it expects, so a link
 * wrongly passed and a link wrongly flagged both fail it.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LinkReport, SiteOptions, TrailingSlash } from '../../src/lib/check-links.ts';
import { checkLinks } from '../../src/lib/check-links-fs.ts';

const fixtures = fileURLToPath(new URL('../fixtures/check-links/', import.meta.url));

function check(fixture: string, options: Partial<SiteOptions> = {}) {
  return checkLinks({ dir: `${fixtures}${fixture}`, base: '/', trailingSlash: 'always', ...options });
}

/** `page: url (kind)` for each broken link, in report order. */
async function brokenIn(fixture: string, options: Partial<SiteOptions> = {}): Promise<string[]> {
  return (await check(fixture, options)).broken.map((link) => `${link.page}: ${link.url} (${link.kind})`);
}

describe('trailing slash', () => {
  const cases: Record<TrailingSlash, string[]> = {
    always: [
      'index.html: /guide (no-trailing-slash)',
      'index.html: /guide#intro (no-trailing-slash)',
      'index.html: /page (no-trailing-slash)',
      'index.html: /page/ (missing-target)',
    ],
    never: [
      // Served at /guide, the guide's relative `sibling.txt` is /sibling.txt, as in a browser.
      'guide/index.html: sibling.txt (missing-target)',
      'index.html: /guide/ (extra-trailing-slash)',
      'index.html: /page/ (missing-target)',
      'index.html: guide/#intro (extra-trailing-slash)',
    ],
    ignore: ['index.html: /page/ (missing-target)'],
  };
  for (const [trailingSlash, expected] of Object.entries(cases)) {
    it(`with trailingSlash "${trailingSlash}", flags exactly the links that break it`, async () => {
      expect(await brokenIn('trailing-slash', { trailingSlash: trailingSlash as TrailingSlash })).toEqual(expected);
    });
  }

  it('says which link to write instead', async () => {
    const reasons = (await check('trailing-slash')).broken.map((link) => `${link.url}: ${link.reason}`);
    expect(reasons).toEqual([
      '/guide: trailingSlash is "always": link to /guide/',
      '/guide#intro: trailingSlash is "always": link to /guide/',
      '/page: trailingSlash is "always": link to /page.html',
      '/page/: there is no page/index.html in the build',
    ]);
  });
});

describe('base path', () => {
  it('accepts links under the base and flags the ones that forgot it', async () => {
    expect(await brokenIn('base-path', { base: '/kb/' })).toEqual([
      'incidents/a/index.html: ../../../ (outside-base)',
      'index.html: /favicon.svg (outside-base)',
      'index.html: /incidents/a/ (outside-base)',
      'index.html: /kb (no-trailing-slash)',
    ]);
  });

  it('takes the base in any spelling', async () => {
    expect(await brokenIn('base-path', { base: 'kb' })).toEqual(await brokenIn('base-path', { base: '/kb/' }));
  });

  it('resolves relative links from /kb and /kb/incidents/a when trailingSlash is "never"', async () => {
    // The root may be written either way, other pages only without the slash; and served at /kb,
    // the home page's `incidents/a/` is /incidents/a/, as in a browser.
    expect(await brokenIn('base-path', { base: '/kb/', trailingSlash: 'never' })).toEqual([
      'incidents/a/index.html: ../../ (outside-base)',
      'incidents/a/index.html: ../../../ (outside-base)',
      'index.html: /favicon.svg (outside-base)',
      'index.html: /incidents/a/ (outside-base)',
      'index.html: /kb/incidents/a/#cause (extra-trailing-slash)',
      'index.html: incidents/a/ (outside-base)',
    ]);
  });

  it('finds nothing under a base the site was not built with', async () => {
    expect(await brokenIn('base-path', { base: '/' })).toEqual([
      'index.html: /kb (missing-target)',
      'index.html: /kb/ (missing-target)',
      'index.html: /kb/favicon.svg (missing-target)',
      'index.html: /kb/incidents/a/#cause (missing-target)',
    ]);
  });
});

describe('fragments', () => {
  it('decodes percent-encoded fragments and entities, honours a name and #top, and flags the rest', async () => {
    expect(await brokenIn('fragments')).toEqual([
      'index.html: #caf%C3%A9s (missing-fragment)',
      'index.html: #not-an-anchor (missing-fragment)',
      'index.html: /other/#resume (missing-fragment)',
    ]);
  });

  it('names the decoded id and the page it is missing from', async () => {
    expect((await check('fragments')).broken.map((link) => link.reason)).toEqual([
      'index.html has no element with id "cafés"',
      'index.html has no element with id "not-an-anchor"',
      'other/index.html has no element with id "resume"',
    ]);
  });
});

describe('ids from hand-written pages', () => {
  it('finds ids on any element, and none in scripts, comments, text or other attributes', async () => {
    expect(await brokenIn('astro-ids')).toEqual([
      'index.html: #in-a-comment (missing-fragment)',
      'index.html: #in-a-script (missing-fragment)',
      'index.html: #in-a-textarea (missing-fragment)',
      'index.html: #in-an-attribute (missing-fragment)',
      'index.html: #in-text (missing-fragment)',
    ]);
  });
});

describe('the 404 page', () => {
  it('flags its relative links, which break at any deeper address, and allows them elsewhere', async () => {
    expect(await brokenIn('not-found')).toEqual([
      '404.html: ./ (relative-on-404)',
      '404.html: guide/ (relative-on-404)',
      '404.html: styles.css (relative-on-404)',
    ]);
  });
});

describe('query strings', () => {
  it('ignores the query for existence but not the fragment or the slash', async () => {
    expect(await brokenIn('query-strings')).toEqual([
      'index.html: /missing/?sort=date (missing-target)',
      'index.html: /page/?sort=date#nothing (missing-fragment)',
      'index.html: /page?sort=date (no-trailing-slash)',
    ]);
  });
});

describe('assets and other URLs', () => {
  let report: LinkReport;
  beforeAll(async () => {
    report = await check('assets');
  });

  it('checks stylesheets, feeds, scripts, images, srcsets, media and meta refresh, Pagefind included', async () => {
    expect(report.broken.map((link) => `${link.url} (${link.attribute}: ${link.kind})`)).toEqual([
      '/50%-off/ (a href: malformed-url)',
      '/images/chart-3x.png (link imagesrcset: missing-target)',
      '/images/clip.webm (video src: missing-target)',
      '/moved/ (meta refresh: missing-target)',
      '/pagefind/pagefind-ui.css (link href: missing-target)',
      'JavaScript:void(0) (a href: unsafe-url)',
      'http://[not-a-host/ (a href: malformed-url)',
      'javascript:alert(1) (a href: unsafe-url)',
    ]);
  });

  it('lists external links once each without fetching them, and skips mailto:, tel: and data:', async () => {
    expect(report.external).toEqual([
      { url: 'http://cdn.example.com/library.js', pages: ['index.html'] },
      { url: 'https://example.com/runbook', pages: ['index.html'] },
      { url: 'https://fonts.example.com/', pages: ['index.html'] },
    ]);
    expect(report.ignored).toBe(3);
  });

  it('counts what it checked', async () => {
    expect({ pages: report.pages, files: report.files, checked: report.checked }).toEqual({
      pages: 1,
      files: 7,
      // Each distinct URL once per page (chart-1x.png is used four times), unsafe and malformed ones included.
      checked: 14,
    });
  });
});

describe('a folder that is not a build', () => {
  it('fails with what to do, rather than passing on nothing', async () => {
    await expect(check('no-such-build')).rejects.toThrow(/no-such-build is not a folder: build the site first/);
    await expect(check('assets/images')).rejects.toThrow(/holds no HTML pages/);
  });
});

describe('on worker threads', () => {
  it.each(['trailing-slash', 'base-path', 'fragments', 'astro-ids', 'not-found', 'query-strings', 'assets'])(
    'reports the same for %s as in one thread',
    async (fixture) => {
      const options = { dir: `${fixtures}${fixture}`, base: '/', trailingSlash: 'always' } as const;
      const alone = await checkLinks({ ...options, threads: 1 });
      const together = await checkLinks({ ...options, threads: 2, minPagesPerWorker: 1 });
      expect(together).toEqual(alone);
    },
  );
});
