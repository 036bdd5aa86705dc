import { z } from 'astro/zod';
import { eventKindKeys } from '../lib/vocabulary.ts';
import { EventTimeSchema, KebabSchema, PostmortemIdSchema } from './common.ts';

/** One dated event of an incident. */
export const TimelineEventSchema = z.strictObject(
  {
    /** When: a calendar date `YYYY-MM-DD` or an ISO date-time with `Z` or an offset. */
    at: EventTimeSchema,
    /** What kind of event this is. */
    kind: z.enum(eventKindKeys, { error: `one of: ${eventKindKeys.join(', ')}` }),
    /** Where it happened, kebab-case (`staging`, `production`). */
    environment: KebabSchema.optional(),
    /** Id of the postmortem that tells this event first, when it is told there too. */
    ref: PostmortemIdSchema.optional(),
    /** What happened, as inline Markdown. */
    text: z.string({ error: 'a text (inline Markdown)' }).trim().min(1, { error: 'a non-empty text' }),
  },
  { error: 'a timeline event {at, kind, environment?, ref?, text}' },
);

export type TimelineEventInput = z.input<typeof TimelineEventSchema>;
export type TimelineEvent = z.output<typeof TimelineEventSchema>;
