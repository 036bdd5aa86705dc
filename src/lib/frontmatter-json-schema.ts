/**
 * The JSON Schema of a postmortem's frontmatter, generated from the zod schema the validator uses
 * (zod 4's `toJSONSchema`), for editors and other tools. What JSON Schema cannot say (that a date
 * exists in the calendar, that an id names an existing postmortem) stays with `npm run validate`.
 */
import { z } from 'astro/zod';
import { CALENDAR_DATE, DATE_TIME } from './dates.ts';
import { CalendarDateSchema, EventTimeSchema } from '../schemas/common.ts';
import { PostmortemSchema } from '../schemas/postmortem.ts';
import { eventKinds, levels, relations, statuses } from '../site.config.ts';

/** Where the schema is committed, and served on the site. */
export const FRONTMATTER_SCHEMA_PATH = 'public/schemas/postmortem-frontmatter.schema.json';

/** Labels of a vocabulary as the descriptions of its values, for hover text in editors. */
function describe(vocabulary: Record<string, { label: string; description?: string }>): string {
  return Object.entries(vocabulary)
    .map(([key, { label, description }]) => `${key}: ${description ?? label}`)
    .join('\n');
}

export function frontmatterJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PostmortemSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === CalendarDateSchema) {
        Object.assign(jsonSchema, { pattern: CALENDAR_DATE.source, description: 'A calendar date, YYYY-MM-DD.' });
      } else if (zodSchema === EventTimeSchema) {
        Object.assign(jsonSchema, {
          pattern: `${CALENDAR_DATE.source}|${DATE_TIME.source}`,
          description: 'YYYY-MM-DD, or an ISO date-time with Z or an offset, such as 2023-02-01T14:05:00Z.',
        });
      }
    },
  }) as Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };

  const { properties } = schema;
  const items = (key: string) => (properties[key]?.['items'] ?? {}) as Record<string, unknown>;
  const eventProperties = items('timeline')['properties'] as Record<string, Record<string, unknown>>;
  const relatedProperties = items('related')['properties'] as Record<string, Record<string, unknown>>;
  Object.assign(items('level'), { description: describe(levels) });
  Object.assign(properties['status'] ?? {}, { description: describe(statuses) });
  Object.assign(eventProperties['kind'] ?? {}, { description: describe(eventKinds) });
  Object.assign(relatedProperties['relation'] ?? {}, {
    description: Object.entries(relations)
      .map(([key, { label, inverse }]) => `${key}: "${label}" here, "${inverse}" on the other page`)
      .join('\n'),
  });
  return {
    $schema: schema['$schema'],
    $id: 'https://hindsight.invalid/schemas/postmortem-frontmatter.schema.json',
    title: 'Hindsight postmortem frontmatter',
    description: 'The YAML frontmatter of a postmortem in content/postmortems/. See docs/writing-postmortems.md.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}
