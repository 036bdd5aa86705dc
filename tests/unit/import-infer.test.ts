import { describe, expect, it } from 'vitest';
import { inferEventKind, levelKey, mentionedEnvironments } from '../../src/lib/import/infer.ts';
import { assetName, kebabCase, parseLegacyFileName, postmortemId } from '../../src/lib/import/names.ts';

describe('inferring an event kind from its words', () => {
  it.each([
    ['The staging instance becomes unreachable.', 'outage', 'unreachable'],
    ['The API went down for every customer.', 'outage', 'went down'],
    ['Deploys fail for lack of disk space.', 'outage', 'fail'],
    ['The latency alert pages the on-call engineer.', 'detection', 'alert'],
    ['A customer reported slow pages.', 'detection', 'reported'],
    ['The release is rolled back.', 'mitigation', 'rolled back'],
    ['A temporary patch alleviates it.', 'mitigation', 'temporary'],
    ['The leak is patched.', 'fix', 'patched'],
    ['Version 2.1 is deployed.', 'deploy', 'deployed'],
    ['We investigate the pool metrics.', 'investigation', 'investigate'],
  ])('%s → %s', (text, kind, clue) => {
    expect(inferEventKind(text)).toEqual({ kind, clue });
  });

  it('lets the more telling kind win in a mixed text', () => {
    expect(inferEventKind('Before the fix could be deployed, the instance went down again.').kind).toBe('outage');
    expect(inferEventKind('The root cause is determined, fixing the leak.').kind).toBe('fix');
  });

  it('does not take "outage" alone for an outage', () => {
    expect(inferEventKind('The fix is reproduced and then fixed, resolving the outage.').kind).toBe('fix');
  });

  it('says note when no word decides', () => {
    expect(inferEventKind('The team met to plan the next version.')).toEqual({ kind: 'note' });
  });
});

describe('environments and levels', () => {
  it('finds the configured environments a text names, prod included', () => {
    expect(mentionedEnvironments('Staging broke, then prod, then staging again.')).toEqual(['staging', 'production']);
    expect(mentionedEnvironments('The productionised build')).toEqual([]);
  });

  it('maps a level by key or label, in any case', () => {
    expect(levelKey('Outage')).toBe('outage');
    expect(levelKey(' breach ')).toBe('breach');
    expect(levelKey('Sev 2')).toBeUndefined();
  });
});

describe('file names', () => {
  it('normalises a legacy file name into a postmortem id', () => {
    const name = parseLegacyFileName('/x/003 - Postmortem for v0.0.26 release.md');
    expect(name).toEqual({ number: '003', title: 'Postmortem for v0.0.26 release' });
    expect(postmortemId(Number(name.number), name.title)).toBe('003-postmortem-for-v0-0-26-release');
  });

  it('reads names already kebab-cased, and names with no number', () => {
    expect(parseLegacyFileName('003-postmortem-for-v0.0.26-release.md')).toEqual({
      number: '003',
      title: 'postmortem-for-v0.0.26-release',
    });
    expect(parseLegacyFileName('Disk full.md')).toEqual({ title: 'Disk full' });
  });

  it('drops accents and punctuation, and pads numbers to three digits', () => {
    expect(kebabCase('Zoë’s Ångström — v1.2 (beta)')).toBe('zoe-s-angstrom-v1-2-beta');
    expect(postmortemId(7, '¿?')).toBe('007-postmortem');
    expect(postmortemId(1234, 'Big')).toBe('1234-big');
  });

  it('gives copied files URL-safe names', () => {
    expect(assetName('/a/ECR access failure.PNG')).toBe('ecr-access-failure.png');
    expect(assetName('/a/.hidden')).toBe('hidden');
  });
});
