/** Small field schemas shared by the postmortem schemas. */
import { z } from 'astro/zod';
import { calendarDateProblem, eventTimeProblem } from '../lib/dates.ts';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A lowercase kebab-case word such as `memory-leak`. */
export const KebabSchema = z
  .string({ error: 'a kebab-case word such as memory-leak' })
  .regex(KEBAB, { error: 'a kebab-case word (lowercase letters, digits and single hyphens), such as memory-leak' });

/** A postmortem id: its file name without extension, `NNN-kebab-title`. */
export const PostmortemIdSchema = z
  .string({ error: 'a postmortem id such as 002-postmortem-for-v0-0-23-release' })
  .regex(/^\d{3,}-[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error:
      'a postmortem id: its file name without extension, NNN-kebab-title, such as 002-postmortem-for-v0-0-23-release',
  });

/** A calendar date `YYYY-MM-DD` that exists; kept as its string, since it names a day, not an instant. */
export const CalendarDateSchema = z.string({ error: 'a calendar date YYYY-MM-DD' }).check((ctx) => {
  const problem = calendarDateProblem(ctx.value);
  if (problem)
    ctx.issues.push({ code: 'custom', input: ctx.value, message: `a calendar date YYYY-MM-DD (${problem})` });
});

/** A calendar date, or an ISO date-time with `Z` or an offset. */
export const EventTimeSchema = z
  .string({ error: 'a date YYYY-MM-DD or a date-time such as 2023-02-01T14:05:00Z or 2023-02-01T09:05:00-05:00' })
  .check((ctx) => {
    const problem = eventTimeProblem(ctx.value);
    if (problem) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `a date YYYY-MM-DD or a date-time with Z or an offset, such as 2023-02-01T14:05:00Z (${problem})`,
      });
    }
  });

/** A list of kebab-case words; absent means empty. */
export const KebabListSchema = z.array(KebabSchema, { error: 'a list of kebab-case words' }).default([]);
