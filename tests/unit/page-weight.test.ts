import { describe, expect, it } from 'vitest';
import { gzipSize, pageParts, pageWeight, templateOf } from '../../scripts/lib/page-weight.ts';

const page = [
  '<!doctype html><html><head><title>T</title>',
  '<link rel="stylesheet" href="/_astro/site.css">',
  '<style>.a{color:red}</style>',
  '<script type="application/ld+json">{"a":1}</script>',
  '</head><body><header><nav>Home</nav></header>',
  '<main id="main"><article><h1>Title</h1><p>Body text.</p><main>nested</main></article></main>',
  '<footer>Footer</footer>',
  '<script type="module" src="/_astro/filters.js"></script>',
  '<script>console.log(1)</script>',
  '</body></html>',
].join('');

describe('pageParts', () => {
  it('finds linked and inline CSS and JS, leaving data scripts out', () => {
    const parts = pageParts(page);
    expect(parts.stylesheets).toEqual(['/_astro/site.css']);
    expect(parts.scripts).toEqual(['/_astro/filters.js']);
    expect(parts.inlineStyles).toEqual(['.a{color:red}']);
    expect(parts.inlineScripts).toEqual(['console.log(1)']);
  });

  it('keeps as chrome everything but the children of main and the inline style and script text', () => {
    expect(pageParts(page).chrome).toBe(
      [
        '<!doctype html><html><head><title>T</title>',
        '<link rel="stylesheet" href="/_astro/site.css">',
        '<style></style>',
        '<script type="application/ld+json">{"a":1}</script>',
        '</head><body><header><nav>Home</nav></header>',
        '<main id="main"></main>',
        '<footer>Footer</footer>',
        '<script type="module" src="/_astro/filters.js"></script>',
        '<script></script>',
        '</body></html>',
      ].join(''),
    );
  });
});

describe('pageWeight', () => {
  it('compresses the page, its chrome, and each asset on its own', () => {
    const css = new TextEncoder().encode('body{margin:0}'.repeat(20));
    const weight = pageWeight(page, (url) => (url === '/_astro/site.css' ? css : undefined));
    expect(weight.html).toBe(gzipSize(page));
    expect(weight.chrome).toBe(gzipSize(pageParts(page).chrome));
    expect(weight.css).toBe(gzipSize(css) + gzipSize('.a{color:red}'));
    expect(weight.js).toBe(gzipSize('console.log(1)'));
  });

  it('weighs a page with no CSS or JS as 0', () => {
    const weight = pageWeight('<html><body><main>x</main></body></html>', () => undefined);
    expect([weight.css, weight.js]).toEqual([0, 0]);
  });
});

describe('templateOf', () => {
  it.each([
    ['index.html', '/'],
    ['404.html', '/404.html'],
    ['postmortems/index.html', '/postmortems/'],
    ['postmortems/003-memory-leak/index.html', '/postmortems/*/'],
    ['timeline/level/outage/index.html', '/timeline/*/*/'],
  ])('%s is %s', (path, template) => {
    expect(templateOf(path)).toBe(template);
  });
});
