/**
 * Orders strings by their UTF-16 code units: the same order on every machine, whatever its locale,
 * which is what ids, kebab-case values and `YYYY-MM-DD` dates need.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
