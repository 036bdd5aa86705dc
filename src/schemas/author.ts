import { z } from 'astro/zod';

const NAME_EMAIL = /^\s*(.+?)\s*<([^<>]+)>\s*$/;
const EMAIL = z.email({ error: 'a well-formed email address such as david@example.com' });

/** The object form of an author. */
export const AuthorObjectSchema = z.strictObject(
  {
    /** Full name as the author wants it shown. */
    name: z.string({ error: 'a name' }).trim().min(1, { error: 'a non-empty name' }),
    /** Where readers write to the author; shown as a mailto link. */
    email: EMAIL,
  },
  { error: 'an author as "Name <email>" or {name, email}' },
);

/**
 * An author, written `"Name <email>"` or `{ name, email }`; both come out as `{ name, email }`.
 */
export const AuthorSchema = z.union(
  [
    z.string().transform((value, ctx) => {
      const match = NAME_EMAIL.exec(value);
      const email = match ? EMAIL.safeParse(match[2]) : undefined;
      if (!match || !email?.success) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: match
            ? 'an author as "Name <email>" with a well-formed email address'
            : 'an author as "Name <email>", such as "David Ellis <david@example.com>"',
        });
        return z.NEVER;
      }
      return { name: match[1] as string, email: email.data };
    }),
    AuthorObjectSchema,
  ],
  { error: 'an author as "Name <email>" or {name, email}' },
);

export type AuthorInput = z.input<typeof AuthorSchema>;
export type Author = z.output<typeof AuthorSchema>;
