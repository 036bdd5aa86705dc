/** html-escaper (the escaping Astro itself applies to `{expressions}`) ships no types. */
declare module 'html-escaper' {
  /** `&`, `<`, `>`, `'` and `"` as character references: safe in text and in quoted attributes. */
  export function escape(text: string): string;
}
