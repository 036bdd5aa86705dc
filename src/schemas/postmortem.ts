import { z } from 'astro/zod';
import { levelKeys, statusKeys } from '../lib/vocabulary.ts';
import { ActionSchema } from './action.ts';
import { AuthorSchema } from './author.ts';
import { CalendarDateSchema, KebabListSchema } from './common.ts';
import { RelatedSchema } from './relation.ts';
import { TimelineEventSchema } from './timeline-event.ts';

/**
 * The frontmatter of a postmortem. Plain zod (through `astro/zod`), so the Astro build and the
 * standalone validator check exactly the same thing. Unknown fields are errors, so that a misspelt
 * field is never dropped silently.
 */
export const PostmortemSchema = z.strictObject(
  {
    /** Title as shown on the page and in lists. */
    title: z.string({ error: 'a title' }).trim().min(1, { error: 'a non-empty title' }),
    /** Date of the write-up, `YYYY-MM-DD`. */
    date: CalendarDateSchema,
    /** Review status; drafts are validated but not published. */
    status: z.enum(statusKeys, { error: `one of: ${statusKeys.join(', ')}` }),
    /** One or more levels from the configured vocabulary. */
    level: z
      .array(z.enum(levelKeys, { error: `one of: ${levelKeys.join(', ')}` }), {
        error: `a list of levels from: ${levelKeys.join(', ')}`,
      })
      .min(1, { error: `at least one level from: ${levelKeys.join(', ')}` }),
    /** One or more authors, `"Name <email>"` or `{name, email}`. */
    authors: z
      .array(AuthorSchema, { error: 'a list of authors, each "Name <email>" or {name, email}' })
      .min(1, { error: 'at least one author' }),
    /** One-paragraph summary; by default the first paragraph of `## Summary`. */
    summary: z.string({ error: 'a text' }).trim().min(1).optional(),
    /** Services involved, kebab-case. */
    services: KebabListSchema,
    /** Environments involved, kebab-case. */
    environments: KebabListSchema,
    /** Free tags, kebab-case. */
    tags: KebabListSchema,
    /** Typed links to other postmortems. */
    related: z.array(RelatedSchema, { error: 'a list of {id, relation, note?}' }).default([]),
    /** The incident's events, in chronological order. */
    timeline: z
      .array(TimelineEventSchema, { error: 'a list of events {at, kind, environment?, ref?, text}' })
      .min(1, { error: 'at least one event' }),
    /** Prevention and follow-up items. */
    actions: z.array(ActionSchema, { error: 'a list of actions {title, status, ...}' }).default([]),
  },
  { error: 'a YAML mapping of postmortem fields (title, date, status, level, authors, timeline, ...)' },
);

export type PostmortemInput = z.input<typeof PostmortemSchema>;
export type PostmortemData = z.output<typeof PostmortemSchema>;
