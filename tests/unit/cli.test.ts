/** The command lines of the scripts: options, `--help`, and bad options reported with the usage. */
import { describe, expect, it } from 'vitest';
import { readCommandLine } from '../../scripts/lib/cli.ts';
import { runScript as run } from '../fixtures/run-script.ts';

const usage = 'Usage: npm run thing -- --count N [--verbose]';
const options = { count: { type: 'string' }, verbose: { type: 'boolean', default: false } } as const;

describe('readCommandLine', () => {
  it('returns the values, defaults included', () => {
    expect(readCommandLine(options, usage, ['--count', '3'])).toEqual({
      kind: 'run',
      values: { count: '3', verbose: false, help: false },
      positionals: [],
    });
  });

  it('takes other arguments only when asked to', () => {
    expect(readCommandLine(options, usage, ['Disk full', '--verbose'], { positionals: true })).toEqual({
      kind: 'run',
      values: { verbose: true, help: false },
      positionals: ['Disk full'],
    });
  });

  it('stops with the usage on stdout and code 0 for --help or -h', () => {
    expect(readCommandLine(options, usage, ['--help'])).toEqual({ kind: 'stop', code: 0, text: usage });
    expect(readCommandLine(options, usage, ['-h', '--count', '3'])).toEqual({ kind: 'stop', code: 0, text: usage });
  });

  it('stops with code 2, the problem and the usage for an unknown option, a missing value or a stray argument', () => {
    expect(readCommandLine(options, usage, ['--cuont', '3'])).toEqual({
      kind: 'stop',
      code: 2,
      text: expect.stringMatching(/^Unknown option '--cuont'[^]*\n\nUsage: npm run thing/),
    });
    expect(readCommandLine(options, usage, ['--count'])).toMatchObject({
      code: 2,
      text: expect.stringMatching(/^Option '--count <value>' argument missing[^]*\n\nUsage:/),
    });
    expect(readCommandLine(options, usage, ['3'])).toMatchObject({
      code: 2,
      text: `Unexpected argument '3': this command takes options only.\n\n${usage}`,
    });
  });
});

describe('the benchmark and the generator', { timeout: 30_000 }, () => {
  it('print their usage for --help, and refuse an unknown option or a count that is not a positive integer', () => {
    for (const [script, name] of [
      ['scripts/bench.ts', 'npm run bench'],
      ['scripts/generate.ts', 'npm run generate'],
    ] as const) {
      expect(run(script, ['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining(`Usage: ${name}`) });
      expect(run(script, ['--nope'])).toMatchObject({
        status: 2,
        stderr: expect.stringMatching(new RegExp(`^Unknown option '--nope'[^]*Usage: ${name}`)),
      });
      expect(run(script, ['--count', '0'])).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('--count "0", --seed "1": expected a positive integer and an integer.'),
      });
    }
  });
});
