import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRONTMATTER_SCHEMA_PATH, frontmatterJsonSchema } from '../../src/lib/frontmatter-json-schema.ts';
import { eventKindKeys, levelKeys, relationKeys, statusKeys } from '../../src/lib/vocabulary.ts';

const schema = frontmatterJsonSchema() as {
  required: string[];
  additionalProperties: boolean;
  properties: Record<string, { enum?: string[]; items?: Record<string, unknown>; pattern?: string }>;
};
const event = schema.properties['timeline']?.items as { properties: Record<string, { pattern?: string }> };

describe('the frontmatter JSON Schema', () => {
  it('is committed as `npm run schema` writes it (run that after changing src/schemas/)', () => {
    expect(readFileSync(FRONTMATTER_SCHEMA_PATH, 'utf8')).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });

  it('says what the zod schema says: required fields, vocabularies, no unknown fields', () => {
    expect(schema.required).toEqual(['title', 'date', 'status', 'level', 'authors', 'timeline']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['status']?.enum).toEqual([...statusKeys]);
    expect(schema.properties['level']?.items?.['enum']).toEqual([...levelKeys]);
    expect(
      (schema.properties['related']?.items as { properties: { relation: { enum: string[] } } }).properties.relation
        .enum,
    ).toEqual([...relationKeys]);
    expect((event.properties['kind'] as { enum?: string[] }).enum).toEqual([...eventKindKeys]);
  });

  it('gives dates and event times the patterns the validator reads', () => {
    const date = new RegExp(schema.properties['date']?.pattern ?? '(?!)');
    const at = new RegExp(event.properties['at']?.pattern ?? '(?!)');
    expect(['2023-02-06'].every((value) => date.test(value))).toBe(true);
    expect(['6 Feb 2023', '2023-02-06T10:00Z'].some((value) => date.test(value))).toBe(false);
    expect(['2023-02-06', '2023-02-06T10:00Z', '2023-02-06T10:00:30.5+01:00'].every((value) => at.test(value))).toBe(
      true,
    );
    expect(['2023-02-06T10:00', '2023-02-06 10:00Z', '10:00'].some((value) => at.test(value))).toBe(false);
  });
});
