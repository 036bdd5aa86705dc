import { z } from 'astro/zod';
import { relationKeys } from '../lib/vocabulary.ts';
import { PostmortemIdSchema } from './common.ts';

/** A typed link from this postmortem to another one; shown on both pages. */
export const RelatedSchema = z.strictObject(
  {
    /** Id of the other postmortem (its file name without extension). */
    id: PostmortemIdSchema,
    /** What the other postmortem is to this one; its inverse is shown on the other page. */
    relation: z.enum(relationKeys, { error: `one of: ${relationKeys.join(', ')}` }),
    /** Optional words shown beside the link. */
    note: z.string({ error: 'a short text' }).optional(),
  },
  { error: 'a related entry {id, relation, note?}' },
);

export type RelatedInput = z.input<typeof RelatedSchema>;
export type Related = z.output<typeof RelatedSchema>;
