/**
 * Drafts in a production build: left out (no page, not in lists, feeds or search) unless the build
 * is a draft preview (HINDSIGHT_DRAFTS=1), where they get a page with a banner. Postmortems in review
 * always get a page, with their own banner.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postmortemTemplate } from '../../src/lib/template.ts';
import { buildSite } from '../../scripts/lib/build.ts';
import { projectWorkFolder, ROOT } from '../support/build-folders.ts';

const published = `---
title: Search index rebuild stalled
date: 2024-03-05
status: published
level: [internal]
authors: ["Ada Brenner <ada@larkspur.example>"]
timeline:
  - at: 2024-03-04
    kind: outage
    text: The nightly rebuild stops.
---

## Summary

The nightly rebuild stalled.

## Cause

A lock was never released.

## Prevention

Release the lock on every path.
`;

const inReview = published
  .replace('title: Search index rebuild stalled', 'title: Cache warmer skipped a night')
  .replace('status: published', 'status: in-review');

const draft = postmortemTemplate({
  title: 'Queue stalled on billing',
  date: '2024-03-07',
  author: 'Tomás Lindqvist <tomas@larkspur.example>',
});

let work: string;
const builds: Record<'production' | 'preview', string> = { production: '', preview: '' };
const page = (build: keyof typeof builds, id: string) => join(builds[build], 'postmortems', id, 'index.html');
const read = (path: string) => readFileSync(path, 'utf8');

beforeAll(() => {
  work = projectWorkFolder('drafts-');
  const content = join(work, 'postmortems');
  mkdirSync(content);
  writeFileSync(join(content, '001-search-index-rebuild-stalled.md'), published);
  writeFileSync(join(content, '002-cache-warmer-skipped-a-night.md'), inReview);
  writeFileSync(join(content, '003-queue-stalled-on-billing.md'), draft);
  for (const [build, drafts] of [
    ['production', ''],
    ['preview', '1'],
  ] as const) {
    builds[build] = join(work, build);
    buildSite(builds[build], { HINDSIGHT_CONTENT_DIR: relative(ROOT, content), HINDSIGHT_DRAFTS: drafts });
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a production build', () => {
  it('gives a draft no page and names it nowhere', () => {
    expect(existsSync(page('production', '003-queue-stalled-on-billing'))).toBe(false);
    for (const file of ['index.html', 'postmortems/index.html', 'rss.xml', 'postmortems.json']) {
      expect(read(join(builds.production, file)), file).not.toContain('Queue stalled on billing');
    }
  });

  it('publishes the others, with a banner on the one in review only', () => {
    const review = read(page('production', '002-cache-warmer-skipped-a-night'));
    expect(review).toMatch(/<strong[^>]*>In review\.<\/strong>/);
    const done = read(page('production', '001-search-index-rebuild-stalled'));
    expect(done).not.toMatch(/status-banner/);
  });
});

describe('a draft preview (HINDSIGHT_DRAFTS=1)', () => {
  it('gives the draft a page with a banner', () => {
    const html = read(page('preview', '003-queue-stalled-on-billing'));
    expect(html).toMatch(/<strong[^>]*>Draft\.<\/strong>/);
    expect(html).toContain('Queue stalled on billing');
  });

  it('leaves the draft out of search, which holds the other two', () => {
    expect(read(page('preview', '003-queue-stalled-on-billing'))).not.toContain('data-pagefind-body');
    expect(read(page('preview', '002-cache-warmer-skipped-a-night'))).toContain('data-pagefind-body');
    const entry = JSON.parse(read(join(builds.preview, 'pagefind', 'pagefind-entry.json'))) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).map((language) => language.page_count)).toEqual([2]);
  });
});
