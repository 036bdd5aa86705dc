/**
 * A script's command line: its options read with `parseArgs`, plus `--help` (`-h`). An unknown
 * option, one given without its value, or an argument the script takes none of, ends the script
 * with the problem and the usage on stderr and exit code 2, instead of a stack trace; `--help`
 * prints the usage and exits 0.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<T extends Options> = T & { help: { type: 'boolean'; short: 'h'; default: false } };
type Values<T extends Options> = ReturnType<
  typeof parseArgs<{ options: WithHelp<T>; allowPositionals: true }>
>['values'];

/** What the command line asks for: run with these values, or stop at once with this text. */
export type CommandLine<T extends Options> =
  | { readonly kind: 'run'; readonly values: Values<T>; readonly positionals: string[] }
  | { readonly kind: 'stop'; readonly code: 0 | 2; readonly text: string };

/**
 * Reads `args` against `options`; arguments other than options only when `positionals` is set.
 * Pure, for `parseCommandLine` and its tests.
 */
export function readCommandLine<T extends Options>(
  options: T,
  usage: string,
  args: readonly string[],
  { positionals: allowed = false }: { positionals?: boolean } = {},
): CommandLine<T> {
  const withHelp = { ...options, help: { type: 'boolean', short: 'h', default: false } } as WithHelp<T>;
  let parsed: { values: Values<T>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: withHelp, allowPositionals: true });
  } catch (error) {
    return { kind: 'stop', code: 2, text: `${error instanceof Error ? error.message : String(error)}\n\n${usage}` };
  }
  if ((parsed.values as { help?: boolean }).help) return { kind: 'stop', code: 0, text: usage };
  const [stray] = parsed.positionals;
  if (!allowed && stray !== undefined) {
    return {
      kind: 'stop',
      code: 2,
      text: `Unexpected argument '${stray}': this command takes options only.\n\n${usage}`,
    };
  }
  return { kind: 'run', values: parsed.values, positionals: parsed.positionals };
}

/** This process's command line; prints and exits when it asks to stop. */
export function parseCommandLine<T extends Options>(
  options: T,
  usage: string,
  settings: { positionals?: boolean } = {},
): { values: Values<T>; positionals: string[] } {
  const line = readCommandLine(options, usage, process.argv.slice(2), settings);
  if (line.kind === 'run') return line;
  if (line.code === 0) console.log(line.text);
  else console.error(line.text);
  process.exit(line.code);
}
