import { describe, expect, it } from 'vitest';
import { isExternalUrl, relFor } from '../../src/lib/external-links.ts';

describe('isExternalUrl', () => {
  it.each([
    ['https://status.example.com/', true],
    ['HTTP://OLD.EXAMPLE.COM', true],
    ['//cdn.example.com/x', true],
    ['  https://padded.example.com', true],
    ['/timeline/', false],
    ['../002-x/', false],
    ['#cause', false],
    ['?environment=staging', false],
    ['mailto:oncall@example.com', false],
    ['tel:+15550100', false],
    ['javascript:alert(1)', false],
    ['http://[not a host', false],
  ])('%s: %s', (href, external) => {
    expect(isExternalUrl(href)).toBe(external);
  });
});

describe('relFor', () => {
  it('adds noopener and noreferrer to an external link, keeping its own tokens once', () => {
    expect(relFor('https://x.example')).toEqual(['noopener', 'noreferrer']);
    expect(relFor('https://x.example', ['nofollow', 'noopener'])).toEqual(['nofollow', 'noopener', 'noreferrer']);
  });

  it('leaves other links as they are', () => {
    expect(relFor('/timeline/')).toBeUndefined();
    expect(relFor(undefined)).toBeUndefined();
    expect(relFor('#cause', ['bookmark'])).toEqual(['bookmark']);
  });
});
