import { z } from 'astro/zod';
import { actionStatusKeys } from '../lib/vocabulary.ts';
import { CalendarDateSchema } from './common.ts';

/** A prevention or follow-up item. */
export const ActionSchema = z.strictObject(
  {
    /** What is to be done. */
    title: z.string({ error: 'a title' }).trim().min(1, { error: 'a non-empty title' }),
    /** Who is responsible. */
    owner: z.string({ error: 'a name' }).trim().min(1).optional(),
    /** Where the item stands. */
    status: z.enum(actionStatusKeys, { error: `one of: ${actionStatusKeys.join(', ')}` }),
    /** When it is due, `YYYY-MM-DD`. */
    due: CalendarDateSchema.optional(),
    /** When it was closed (done or dropped), `YYYY-MM-DD`. */
    closed: CalendarDateSchema.optional(),
    /**
     * Where it is tracked: a web address. Other schemes are refused, `javascript:` and `data:`
     * above all, since the link is rendered as is.
     */
    link: z
      .url({ protocol: /^https?$/, error: 'an absolute http(s) URL such as https://tracker.example.com/ISSUE-1' })
      .optional(),
  },
  { error: 'an action {title, status, owner?, due?, closed?, link?}' },
);

export type ActionInput = z.input<typeof ActionSchema>;
export type Action = z.output<typeof ActionSchema>;
