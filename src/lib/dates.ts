/**
 * Calendar dates and event times.
 *
 * A postmortem date such as `2023-01-08` names a day, not an instant: it is kept as its string and
 * shown as 8 January 2023 whatever the time zone of the build or the reader. Event times may also be
 * ISO date-times with `Z` or an offset; those are instants, compared as such, and shown as written
 * (their own local date and time, with their offset).
 */

/** `YYYY-MM-DD`; whether the day exists is checked separately. */
export const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO date-time with minutes, optional seconds, and Z or an offset. */
export const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const DAY_MS = 86_400_000;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** An event time: a whole day, or an instant written with its offset. */
export type EventTime =
  | { readonly kind: 'date'; readonly raw: string; readonly date: CalendarDate }
  | {
      readonly kind: 'date-time';
      readonly raw: string;
      /** The date as written, in the writer's offset. */
      readonly date: CalendarDate;
      readonly hour: number;
      readonly minute: number;
      /** Milliseconds since the epoch. */
      readonly instant: number;
      /** `Z` or `+hh:mm` / `-hh:mm`, as written. */
      readonly offset: string;
    };

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why a string is not a calendar date, or `undefined` when it is one. */
export function calendarDateProblem(value: string): string | undefined {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return 'not in the form YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return dayProblem(year, month, day);
}

function dayProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return `${MONTHS[month - 1]} ${year} has ${last} days, so there is no day ${day}`;
  }
  return undefined;
}

export function parseCalendarDate(value: string): CalendarDate {
  const match = CALENDAR_DATE.exec(value);
  const date = match ? dateOf(match) : undefined;
  const problem = date ? dayProblem(date.year, date.month, date.day) : calendarDateProblem(value);
  if (!date || problem) throw new RangeError(`Invalid calendar date "${value}": ${problem}`);
  return date;
}

/** Why a string is not an event time, or `undefined` when it is one. */
export function eventTimeProblem(value: string): string | undefined {
  if (CALENDAR_DATE.test(value)) return calendarDateProblem(value);
  const match = DATE_TIME.exec(value);
  if (!match) {
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value)) {
      return 'a date-time needs `Z` or an offset such as +01:00, or the instant is ambiguous';
    }
    return 'not in the form YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]Z / ±hh:mm';
  }
  return dateTimeProblem(match);
}

/** The date of `CALENDAR_DATE`'s or `DATE_TIME`'s match, unchecked. */
function dateOf(match: RegExpExecArray): CalendarDate {
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Why the parts of a date-time (`DATE_TIME`'s match) name no instant, or `undefined`. */
function dateTimeProblem(match: RegExpExecArray): string | undefined {
  const { year, month, day } = dateOf(match);
  const problem = dayProblem(year, month, day);
  if (problem) return problem;
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  if (hour > 23) return `there is no hour ${hour}`;
  if (minute > 59) return `there is no minute ${minute}`;
  if (second > 59) return `there is no second ${second}`;
  if (match[9] && (Number(match[10]) * 60 + Number(match[11]) > 14 * 60 || Number(match[11]) > 59)) {
    return `the offset ${match[8]} is out of range (-14:00 to +14:00)`;
  }
  return undefined;
}

const parsedEventTimes = new Map<string, EventTime>();

/**
 * The event time written as `value`. Parsed once per value and process: list and taxonomy pages,
 * durations and the graph read the same timelines many times over (half a second of a
 * 1,000-postmortem build). The result is frozen, since it is shared.
 */
export function parseEventTime(value: string): EventTime {
  let time = parsedEventTimes.get(value);
  if (!time) {
    time = parseEventTimeOnce(value);
    Object.freeze(time.date);
    parsedEventTimes.set(value, Object.freeze(time));
  }
  return time;
}

/**
 * One pass over `value`: each pattern is matched once, and the day checked once. Matching and
 * checking again through `eventTimeProblem` and `parseCalendarDate` made the 177,000 times of a
 * build at 10,000 postmortems take nearly twice as long (docs/PERFORMANCE.md, sixteenth round).
 */
function parseEventTimeOnce(value: string): EventTime {
  const day = CALENDAR_DATE.exec(value);
  if (day) {
    const date = dateOf(day);
    const problem = dayProblem(date.year, date.month, date.day);
    if (problem) throw new RangeError(`Invalid event time "${value}": ${problem}`);
    return { kind: 'date', raw: value, date };
  }
  const parts = DATE_TIME.exec(value);
  const problem = parts ? dateTimeProblem(parts) : eventTimeProblem(value);
  if (!parts || problem) throw new RangeError(`Invalid event time "${value}": ${problem}`);
  const date = dateOf(parts);
  const hour = Number(parts[4]);
  const minute = Number(parts[5]);
  const offset = parts[8] as string;
  const sign = parts[9] === '-' ? -1 : 1;
  const offsetMinutes = parts[9] ? sign * (Number(parts[10]) * 60 + Number(parts[11])) : 0;
  const local = utc(
    date.year,
    date.month - 1,
    date.day,
    hour,
    minute,
    Number(parts[6] ?? 0),
    Math.round(Number(parts[7] ?? 0) * 1000),
  );
  return {
    kind: 'date-time',
    raw: value,
    date,
    hour,
    minute,
    offset,
    instant: local - offsetMinutes * 60_000,
  };
}

/**
 * A number for a calendar date, the same for the same date and larger for a later one; not a count
 * of days (see `dayNumber`), but made without a `Date`, for comparing many dates cheaply.
 */
export function dayKey(date: CalendarDate): number {
  return (date.year * 13 + date.month) * 32 + date.day;
}

/** `YYYY-MM-DD` of a calendar date. */
export function isoDate(date: CalendarDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** Days since 1970-01-01 of a calendar date; independent of any time zone. */
export function dayNumber(date: CalendarDate): number {
  return utc(date.year, date.month - 1, date.day) / DAY_MS;
}

/** "8 January 2023": the same in every time zone, as it is computed from the date's own fields. */
export function formatCalendarDate(date: CalendarDate): string {
  return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** "January 2023" */
export function formatMonth(date: CalendarDate): string {
  return `${MONTHS[date.month - 1]} ${date.year}`;
}

/** A calendar date or an event time, as written in the frontmatter, in words (see `formatEventTime`). */
export function formatWrittenTime(value: string): string {
  return formatEventTime(parseEventTime(value));
}

/** "8 January 2023" or "8 January 2023, 14:05 UTC+01:00": an event time as its writer wrote it. */
export function formatEventTime(time: EventTime): string {
  const day = formatCalendarDate(time.date);
  if (time.kind === 'date') return day;
  const zone = time.offset === 'Z' ? 'UTC' : `UTC${time.offset}`;
  return `${day}, ${pad(time.hour)}:${pad(time.minute)} ${zone}`;
}

/**
 * Order of two event times: negative when `a` is earlier. Two instants compare as instants, across
 * offsets. A whole day has no instant, so against a whole day only the calendar dates (as written)
 * are compared, and events on the same day are in order either way.
 */
export function compareEventTimes(a: EventTime, b: EventTime): number {
  if (a.kind === 'date-time' && b.kind === 'date-time') return a.instant - b.instant;
  // Field by field rather than by `dayNumber`, which makes a `Date`: sorting a long timeline
  // compares many times over.
  return a.date.year - b.date.year || a.date.month - b.date.month || a.date.day - b.date.day;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `Date.UTC`, except that years 0 to 99 stay themselves instead of becoming 1900 to 1999. */
function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  // Without a `Date` where `Date.UTC` is right, as it is for nearly every year written.
  if (year >= 100) return Date.UTC(year, monthIndex, day, hour, minute, second, ms);
  const date = new Date(Date.UTC(2000, monthIndex, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  return date.getTime();
}
