import { describe, expect, it } from 'vitest';
import { fragmentIndex, linkIssue, pageAnchors, resolvePostmortemLink } from '../../src/lib/links.ts';

const index = fragmentIndex([
  {
    id: '002-cache-warmer-stopped',
    outline: { headings: [{ slug: 'cause' }, { slug: 'café-menu' }] },
    eventIds: ['event-2023-01-08'],
  },
]);
const from = 'content/postmortems/003-cache-warmer-again.md';
const resolve = (url: string) => resolvePostmortemLink(url, from, index);

describe('fragmentIndex', () => {
  it('gives each page its headings, its events and the page anchors', () => {
    expect([...(index.get('002-cache-warmer-stopped') ?? [])].sort()).toEqual(
      [...pageAnchors, 'cause', 'café-menu', 'event-2023-01-08'].sort(),
    );
  });
});

describe('resolvePostmortemLink', () => {
  it('resolves relative links to postmortem files, with or without a fragment', () => {
    expect(resolve('./002-cache-warmer-stopped.md')).toEqual({ kind: 'ok', id: '002-cache-warmer-stopped' });
    expect(resolve('002-cache-warmer-stopped.md#cause')).toEqual({
      kind: 'ok',
      id: '002-cache-warmer-stopped',
      fragment: 'cause',
    });
    expect(resolve('../postmortems/002-cache-warmer-stopped.md#event-2023-01-08')).toMatchObject({ kind: 'ok' });
    expect(resolve('./002-cache-warmer-stopped.md#timeline')).toMatchObject({ kind: 'ok' });
    expect(resolve('./002-cache-warmer-stopped.md#caf%C3%A9-menu')).toMatchObject({
      kind: 'ok',
      fragment: 'café-menu',
    });
    expect(resolve('./002-cache-warmer-stopped.md?plain=1#cause')).toMatchObject({ kind: 'ok', fragment: 'cause' });
  });

  it('leaves alone what is not a relative link to a postmortem file', () => {
    for (const url of [
      'https://example.com/002-cache-warmer-stopped.md',
      'mailto:ada@larkspur.example',
      '/postmortems/002-cache-warmer-stopped/',
      '#cause',
      './diagram.png',
      './_template.md',
      '../../README.md',
      './archive/002-cache-warmer-stopped.md',
      './50%-done.md',
      './002-cache-warmer-stopped.md#100%',
    ]) {
      expect(resolve(url), url).toEqual({ kind: 'other' });
    }
  });

  it('tells a missing file from a missing fragment', () => {
    expect(resolve('./004-not-yet.md#cause')).toEqual({
      kind: 'missing-file',
      target: 'content/postmortems/004-not-yet.md',
    });
    expect(resolve('./Not-A-Postmortem.md')).toEqual({
      kind: 'missing-file',
      target: 'content/postmortems/Not-A-Postmortem.md',
    });
    expect(resolve('./002-cache-warmer-stopped.md#root-cause')).toEqual({
      kind: 'missing-fragment',
      id: '002-cache-warmer-stopped',
      fragment: 'root-cause',
    });
  });
});

describe('linkIssue', () => {
  it('is nothing for a working link or another kind of link', () => {
    expect(linkIssue({ kind: 'ok', id: '002-x' }, { file: from, url: './002-x.md' })).toBeUndefined();
    expect(linkIssue({ kind: 'other' }, { file: from, url: 'https://example.com' })).toBeUndefined();
  });
});
