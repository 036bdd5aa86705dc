import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  calendarDateProblem,
  compareEventTimes,
  dayKey,
  dayNumber,
  daysInMonth,
  eventTimeProblem,
  formatCalendarDate,
  formatEventTime,
  formatMonth,
  isoDate,
  parseCalendarDate,
  parseEventTime,
} from '../../src/lib/dates.ts';

describe('calendar dates', () => {
  it('are read into their own fields, with no time zone involved', () => {
    expect(parseCalendarDate('2023-01-08')).toEqual({ year: 2023, month: 1, day: 8 });
    expect(isoDate({ year: 2023, month: 1, day: 8 })).toBe('2023-01-08');
  });

  it('know leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(calendarDateProblem('2024-02-29')).toBeUndefined();
  });

  it('reject 2023-02-30 instead of rolling over into March', () => {
    expect(calendarDateProblem('2023-02-30')).toMatchInlineSnapshot(
      `"February 2023 has 28 days, so there is no day 30"`,
    );
    expect(() => parseCalendarDate('2023-02-30')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: Invalid calendar date "2023-02-30": February 2023 has 28 days, so there is no day 30]`,
    );
    expect(() => parseCalendarDate('2023-2-3')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: Invalid calendar date "2023-2-3": not in the form YYYY-MM-DD]`,
    );
  });

  it('reject impossible months and days, and other forms', () => {
    expect(calendarDateProblem('2023-13-01')).toMatchInlineSnapshot(`"there is no month 13"`);
    expect(calendarDateProblem('2023-04-00')).toMatchInlineSnapshot(`"April 2023 has 30 days, so there is no day 0"`);
    expect(calendarDateProblem('2023-04-31')).toMatchInlineSnapshot(`"April 2023 has 30 days, so there is no day 31"`);
    expect(calendarDateProblem('2023-4-1')).toMatchInlineSnapshot(`"not in the form YYYY-MM-DD"`);
    expect(calendarDateProblem('2023-04-01T00:00:00Z')).toMatchInlineSnapshot(`"not in the form YYYY-MM-DD"`);
  });

  it('are shown as day, month name and year, at the edges of months and years', () => {
    expect(formatCalendarDate(parseCalendarDate('2023-01-08'))).toBe('8 January 2023');
    expect(formatCalendarDate(parseCalendarDate('2023-01-01'))).toBe('1 January 2023');
    expect(formatCalendarDate(parseCalendarDate('2022-12-31'))).toBe('31 December 2022');
    expect(formatCalendarDate(parseCalendarDate('2024-02-29'))).toBe('29 February 2024');
    expect(formatMonth(parseCalendarDate('2023-02-06'))).toBe('February 2023');
  });

  it('count days from 1970-01-01 across leap days and DST changes', () => {
    expect(dayNumber(parseCalendarDate('1970-01-01'))).toBe(0);
    expect(dayNumber(parseCalendarDate('2024-03-01')) - dayNumber(parseCalendarDate('2024-02-28'))).toBe(2);
    // The last Sunday of March is 23 hours long in much of Europe; a day is still one day.
    expect(dayNumber(parseCalendarDate('2024-04-01')) - dayNumber(parseCalendarDate('2024-03-30'))).toBe(2);
  });

  it('have a key that is equal for the same date and larger for a later one', () => {
    const dates = ['0099-12-31', '2023-01-31', '2023-02-01', '2023-12-31', '2024-01-01', '2024-02-29', '2024-03-01'];
    const keys = dates.map((date) => dayKey(parseCalendarDate(date)));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(keys).size).toBe(dates.length);
    expect(dayKey(parseEventTime('2024-02-29T23:30+14:00').date)).toBe(keys[5]);
  });
});

describe('event times', () => {
  it('are whole days or instants written with their offset', () => {
    expect(parseEventTime('2023-01-08')).toEqual({
      kind: 'date',
      raw: '2023-01-08',
      date: { year: 2023, month: 1, day: 8 },
    });
    expect(parseEventTime('2023-01-31T22:00:00-05:00')).toEqual({
      kind: 'date-time',
      raw: '2023-01-31T22:00:00-05:00',
      date: { year: 2023, month: 1, day: 31 },
      hour: 22,
      minute: 0,
      offset: '-05:00',
      instant: Date.UTC(2023, 1, 1, 3, 0),
    });
  });

  it('accept minutes without seconds, fractions of a second and Z', () => {
    expect(parseEventTime('2024-03-11T00:20-07:00')).toMatchObject({ instant: Date.UTC(2024, 2, 11, 7, 20) });
    expect(parseEventTime('2024-03-12T16:45:30.250+01:00')).toMatchObject({
      instant: Date.UTC(2024, 2, 12, 15, 45, 30, 250),
    });
    expect(parseEventTime('2023-02-01T06:00:00Z')).toMatchObject({
      offset: 'Z',
      instant: Date.UTC(2023, 1, 1, 6),
    });
  });

  it('need Z or an offset', () => {
    expect(eventTimeProblem('2023-02-01T10:00:00')).toMatchInlineSnapshot(
      `"a date-time needs \`Z\` or an offset such as +01:00, or the instant is ambiguous"`,
    );
    expect(eventTimeProblem('2023-02-01T10:00')).toMatchInlineSnapshot(
      `"a date-time needs \`Z\` or an offset such as +01:00, or the instant is ambiguous"`,
    );
    expect(() => parseEventTime('2023-02-01T10:00')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: Invalid event time "2023-02-01T10:00": a date-time needs \`Z\` or an offset such as +01:00, or the instant is ambiguous]`,
    );
  });

  it('reject impossible times and offsets', () => {
    expect(() => parseEventTime('2023-02-30')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: Invalid event time "2023-02-30": February 2023 has 28 days, so there is no day 30]`,
    );
    expect(() => parseEventTime('2023-02-01T10:00+15:00')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: Invalid event time "2023-02-01T10:00+15:00": the offset +15:00 is out of range (-14:00 to +14:00)]`,
    );
    expect(() => parseEventTime('yesterday')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: Invalid event time "yesterday": not in the form YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]Z / ±hh:mm]`,
    );
    expect(eventTimeProblem('2023-02-30T10:00Z')).toMatchInlineSnapshot(
      `"February 2023 has 28 days, so there is no day 30"`,
    );
    expect(eventTimeProblem('2023-02-01T24:00Z')).toMatchInlineSnapshot(`"there is no hour 24"`);
    expect(eventTimeProblem('2023-02-01T10:60Z')).toMatchInlineSnapshot(`"there is no minute 60"`);
    expect(eventTimeProblem('2023-02-01T10:00:60Z')).toMatchInlineSnapshot(`"there is no second 60"`);
    expect(eventTimeProblem('2023-02-01T10:00+15:00')).toMatchInlineSnapshot(
      `"the offset +15:00 is out of range (-14:00 to +14:00)"`,
    );
    expect(eventTimeProblem('2023-02-01T10:00+14:30')).toMatchInlineSnapshot(
      `"the offset +14:30 is out of range (-14:00 to +14:00)"`,
    );
    expect(eventTimeProblem('2023-02-01T10:00+05:60')).toMatchInlineSnapshot(
      `"the offset +05:60 is out of range (-14:00 to +14:00)"`,
    );
    expect(eventTimeProblem('yesterday')).toMatchInlineSnapshot(
      `"not in the form YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]Z / ±hh:mm"`,
    );
    expect(eventTimeProblem('2023-02-01T10:00+14:00')).toBeUndefined();
    expect(eventTimeProblem('2023-02-01T10:00-12:00')).toBeUndefined();
  });

  it('are shown as written, in their own offset', () => {
    expect(formatEventTime(parseEventTime('2023-01-08'))).toBe('8 January 2023');
    expect(formatEventTime(parseEventTime('2023-01-31T22:00:00-05:00'))).toBe('31 January 2023, 22:00 UTC-05:00');
    expect(formatEventTime(parseEventTime('2023-02-01T06:05:00Z'))).toBe('1 February 2023, 06:05 UTC');
    expect(formatEventTime(parseEventTime('2024-03-11T10:00+05:30'))).toBe('11 March 2024, 10:00 UTC+05:30');
  });

  it('compare as instants across offsets', () => {
    const utc = parseEventTime('2023-02-01T06:00:00Z');
    const karachi = parseEventTime('2023-02-01T10:00:00+05:00');
    const mumbai = parseEventTime('2023-02-01T11:30:00+05:30');
    expect(compareEventTimes(karachi, utc)).toBeLessThan(0);
    expect(compareEventTimes(utc, karachi)).toBeGreaterThan(0);
    expect(compareEventTimes(utc, mumbai)).toBe(0);
  });

  it('compare by written date against a whole day', () => {
    const day = parseEventTime('2023-02-01');
    expect(compareEventTimes(day, parseEventTime('2023-02-01T23:59:00-10:00'))).toBe(0);
    expect(compareEventTimes(day, parseEventTime('2023-01-31T23:59:00-10:00'))).toBeGreaterThan(0);
    expect(compareEventTimes(parseEventTime('2023-02-02T00:01:00+14:00'), day)).toBeGreaterThan(0);
  });

  it('compare whole days across months and years, year first', () => {
    const ordered = ['0099-12-31', '2022-12-31', '2023-01-01', '2023-01-31', '2023-02-01', '2023-02-28', '2024-02-29'];
    for (const [at, value] of ordered.entries()) {
      for (const [other, otherValue] of ordered.entries()) {
        const sign = Math.sign(compareEventTimes(parseEventTime(value), parseEventTime(otherValue)));
        expect(sign, `${value} against ${otherValue}`).toBe(Math.sign(at - other));
      }
    }
  });
});

describe('formatting in other time zones', () => {
  const datesModule = new URL('../../src/lib/dates.ts', import.meta.url).href;
  // Node reads TZ when it starts, so each zone gets its own process running the real module.
  const script = `
    const dates = await import(${JSON.stringify(datesModule)});
    const shown = ['2023-01-01', '2023-01-08', '2023-12-31', '2024-02-29']
      .map((value) => dates.formatCalendarDate(dates.parseCalendarDate(value)));
    const times = ['2023-01-31T22:00:00-05:00', '2023-02-01T00:30:00+14:00']
      .map((value) => dates.formatEventTime(dates.parseEventTime(value)));
    const days = dates.dayNumber(dates.parseCalendarDate('2023-03-26'));
    console.log(JSON.stringify({ offset: new Date(2023, 0, 1).getTimezoneOffset(), shown, times, days }));
  `;
  const runIn = (zone: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      }),
    ) as { offset: number; shown: string[]; times: string[]; days: number };

  it('is the same on both sides of the date line', () => {
    const kiritimati = runIn('Pacific/Kiritimati');
    const losAngeles = runIn('America/Los_Angeles');
    // The zones really differ (UTC+14 and UTC-8), so the equal output below means something.
    expect([kiritimati.offset, losAngeles.offset]).toEqual([-840, 480]);
    expect(kiritimati).toEqual({ ...losAngeles, offset: kiritimati.offset });
    expect(losAngeles.shown).toEqual(['1 January 2023', '8 January 2023', '31 December 2023', '29 February 2024']);
    expect(losAngeles.times).toEqual(['31 January 2023, 22:00 UTC-05:00', '1 February 2023, 00:30 UTC+14:00']);
  });
});

describe('years before 100', () => {
  it('keeps them as written instead of moving them to the 1900s', () => {
    expect(calendarDateProblem('0000-02-29')).toBeUndefined();
    expect(calendarDateProblem('0100-02-29')).toMatch(/has 28 days/);
    expect(dayNumber(parseCalendarDate('0001-01-02')) - dayNumber(parseCalendarDate('0001-01-01'))).toBe(1);
    expect(dayNumber(parseCalendarDate('0099-12-31'))).toBeLessThan(dayNumber(parseCalendarDate('1900-01-01')));
  });
});

describe('parseEventTime, read many times over', () => {
  it('parses each value once and shares the frozen result', () => {
    const first = parseEventTime('2023-02-01T09:05:00-05:00');
    expect(parseEventTime('2023-02-01T09:05:00-05:00')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.date)).toBe(true);
  });

  it('throws for an invalid value every time, never caching it', () => {
    expect(() => parseEventTime('2023-02-30')).toThrow('February 2023 has 28 days');
    expect(() => parseEventTime('2023-02-30')).toThrow('February 2023 has 28 days');
  });
});
