import { describe, expect, it } from 'vitest';
import { normaliseSiteUrl } from '../../src/site.config.ts';

describe('HINDSIGHT_SITE_URL', () => {
  it('is kept as an origin', () => {
    expect(normaliseSiteUrl('https://postmortems.example.com')).toBe('https://postmortems.example.com');
    expect(normaliseSiteUrl('https://postmortems.example.com/')).toBe('https://postmortems.example.com');
    expect(normaliseSiteUrl('http://localhost:4321')).toBe('http://localhost:4321');
  });

  it('refuses what is not an http(s) origin, and says where a path goes', () => {
    expect(() => normaliseSiteUrl('postmortems.example.com')).toThrowErrorMatchingInlineSnapshot(
      `[Error: HINDSIGHT_SITE_URL: received "postmortems.example.com"; expected the origin the site is served from, such as https://postmortems.example.com (not an absolute URL). A path goes in HINDSIGHT_BASE instead.]`,
    );
    expect(() => normaliseSiteUrl('ftp://example.com')).toThrow(/ftp: is not http: or https:/);
    expect(() => normaliseSiteUrl('https://example.com/postmortems/')).toThrow(/A path goes in HINDSIGHT_BASE/);
  });
});
