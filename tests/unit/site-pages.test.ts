import { describe, expect, it } from 'vitest';
import { builtPage, onePagePerRoute, routeOf, routePattern } from '../support/site-pages.ts';

const patterns = [
  'index.astro',
  '404.astro',
  'postmortems/index.astro',
  'postmortems/[id].astro',
  'timeline/index.astro',
  'timeline/[dimension]/[value].astro',
  'timeline/level/[value].astro',
  'docs/[...slug].astro',
  'about.md',
].map(routePattern);

describe('routePattern', () => {
  it('turns src/pages files into route patterns', () => {
    expect(patterns).toEqual([
      '/',
      '/404/',
      '/postmortems/',
      '/postmortems/[id]/',
      '/timeline/',
      '/timeline/[dimension]/[value]/',
      '/timeline/level/[value]/',
      '/docs/[...slug]/',
      '/about/',
    ]);
  });
});

describe('routeOf', () => {
  it.each([
    ['index.html', '/'],
    ['404.html', '/404/'],
    ['postmortems/index.html', '/postmortems/'],
    ['postmortems/003-x/index.html', '/postmortems/[id]/'],
    ['timeline/kind/outage/index.html', '/timeline/[dimension]/[value]/'],
    ['timeline/level/outage/index.html', '/timeline/level/[value]/'],
    ['docs/a/b/c/index.html', '/docs/[...slug]/'],
    ['about/index.html', '/about/'],
    ['about.html', '/about/'],
    ['pagefind/extra/index.html', '/pagefind/extra/'],
  ])('%s comes from %s', (file, route) => {
    expect(routeOf(file, patterns)).toBe(route);
  });
});

describe('builtPage', () => {
  it('serves a page under the base path, with a trailing slash', () => {
    expect(builtPage('postmortems/003-x/index.html', '/postmortems/', patterns)).toEqual({
      file: 'postmortems/003-x/index.html',
      url: '/postmortems/postmortems/003-x/',
      route: '/postmortems/[id]/',
      notFound: false,
    });
    expect(builtPage('index.html', '/', patterns).url).toBe('/');
    expect(builtPage('404.html', '/', patterns)).toMatchObject({ url: '/404.html', notFound: true });
  });
});

describe('onePagePerRoute', () => {
  it('keeps the first page of each route', () => {
    const pages = ['postmortems/002-a/index.html', 'postmortems/003-b/index.html', 'index.html'].map((file) =>
      builtPage(file, '/', patterns),
    );
    expect(onePagePerRoute(pages).map((page) => page.file)).toEqual(['postmortems/002-a/index.html', 'index.html']);
  });
});
