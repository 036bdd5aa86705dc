import { describe, expect, it } from 'vitest';
import { ActionSchema } from '../../src/schemas/action.ts';
import { AuthorSchema } from '../../src/schemas/author.ts';
import { CalendarDateSchema, EventTimeSchema, KebabSchema, PostmortemIdSchema } from '../../src/schemas/common.ts';
import { PostmortemSchema } from '../../src/schemas/postmortem.ts';
import { RelatedSchema } from '../../src/schemas/relation.ts';
import { TimelineEventSchema } from '../../src/schemas/timeline-event.ts';

/** The messages of a failed parse, or [] when it passed. */
function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('AuthorSchema', () => {
  it('reads both forms into {name, email}', () => {
    expect(AuthorSchema.parse('  Ada Brenner   <ada@larkspur.example> ')).toEqual({
      name: 'Ada Brenner',
      email: 'ada@larkspur.example',
    });
    expect(AuthorSchema.parse({ name: ' Ada Brenner ', email: 'ada@larkspur.example' })).toEqual({
      name: 'Ada Brenner',
      email: 'ada@larkspur.example',
    });
  });

  it('rejects a string without <email>, a malformed email and unknown keys', () => {
    expect(AuthorSchema.safeParse('Ada Brenner').success).toBe(false);
    expect(AuthorSchema.safeParse('Ada Brenner <ada>').success).toBe(false);
    expect(AuthorSchema.safeParse({ name: 'Ada', email: 'ada@larkspur.example', role: 'x' }).success).toBe(false);
    expect(AuthorSchema.safeParse(42).success).toBe(false);
  });
});

describe('field schemas', () => {
  it('take calendar dates that exist, as strings', () => {
    expect(CalendarDateSchema.parse('2024-02-29')).toBe('2024-02-29');
    expect(messages(CalendarDateSchema.safeParse('2023-02-29'))).toMatchInlineSnapshot(`
      [
        "a calendar date YYYY-MM-DD (February 2023 has 28 days, so there is no day 29)",
      ]
    `);
    expect(messages(CalendarDateSchema.safeParse(new Date(0)))).toMatchInlineSnapshot(`
      [
        "a calendar date YYYY-MM-DD",
      ]
    `);
  });

  it('take event times with an offset', () => {
    expect(EventTimeSchema.parse('2023-02-01T10:00:00+05:00')).toBe('2023-02-01T10:00:00+05:00');
    expect(messages(EventTimeSchema.safeParse('2023-02-01T10:00:00'))).toMatchInlineSnapshot(`
      [
        "a date YYYY-MM-DD or a date-time with Z or an offset, such as 2023-02-01T14:05:00Z (a date-time needs \`Z\` or an offset such as +01:00, or the instant is ambiguous)",
      ]
    `);
  });

  it('take kebab-case words and postmortem ids', () => {
    expect(KebabSchema.safeParse('memory-leak').success).toBe(true);
    expect(messages(KebabSchema.safeParse('Memory Leak'))).toMatchInlineSnapshot(`
      [
        "a kebab-case word (lowercase letters, digits and single hyphens), such as memory-leak",
      ]
    `);
    expect(PostmortemIdSchema.safeParse('002-postmortem-for-v0-0-23-release').success).toBe(true);
    expect(PostmortemIdSchema.safeParse('002-postmortem-for-v0-0-23-release.md').success).toBe(false);
  });

  it('check relations, event kinds and actions against their vocabularies', () => {
    expect(RelatedSchema.safeParse({ id: '002-a', relation: 'caused-by' }).success).toBe(true);
    expect(TimelineEventSchema.safeParse({ at: '2023-01-08', kind: 'fix', text: 'Fixed.' }).success).toBe(true);
    expect(messages(TimelineEventSchema.safeParse({ at: '2023-01-08', kind: 'fix', text: '  ' }))).toEqual([
      'a non-empty text',
    ]);
    expect(ActionSchema.safeParse({ title: 'Alert', status: 'wont-do', closed: '2023-02-10' }).success).toBe(true);
    for (const link of ['tracker/1', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://x']) {
      expect(messages(ActionSchema.safeParse({ title: 'Alert', status: 'done', link }))).toEqual([
        'an absolute http(s) URL such as https://tracker.example.com/ISSUE-1',
      ]);
    }
    expect(ActionSchema.safeParse({ title: 'Alert', status: 'done', link: 'http://tracker.example/1' }).success).toBe(
      true,
    );
  });
});

describe('PostmortemSchema', () => {
  const minimal = {
    title: 'Cache warmer stopped',
    date: '2024-05-01',
    status: 'draft',
    level: ['internal'],
    authors: ['Ada Brenner <ada@larkspur.example>'],
    timeline: [{ at: '2024-05-01', kind: 'outage', text: 'It stopped.' }],
  };

  it('fills empty lists for the optional ones', () => {
    expect(PostmortemSchema.parse(minimal)).toMatchObject({
      services: [],
      environments: [],
      tags: [],
      related: [],
      actions: [],
    });
  });

  it('needs at least one level, author and event', () => {
    const result = PostmortemSchema.safeParse({ ...minimal, level: [], authors: [], timeline: [] });
    expect(messages(result)).toMatchInlineSnapshot(`
      [
        "at least one level from: internal, outage, corruption, breach",
        "at least one author",
        "at least one event",
      ]
    `);
  });

  it('rejects unknown fields rather than dropping them', () => {
    const result = PostmortemSchema.safeParse({ ...minimal, severity: 'high' });
    expect(result.error?.issues).toMatchObject([{ code: 'unrecognized_keys', keys: ['severity'] }]);
  });
});
