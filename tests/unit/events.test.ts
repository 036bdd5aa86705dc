import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../src/lib/dates.ts';
import { eventAnchorBase, eventIds } from '../../src/lib/events.ts';

describe('event anchors', () => {
  it('come from the date, and the time as written when there is one', () => {
    expect(eventAnchorBase(parseEventTime('2023-01-08'))).toBe('event-2023-01-08');
    expect(eventAnchorBase(parseEventTime('2023-02-01T14:05:00+01:00'))).toBe('event-2023-02-01t1405');
    expect(eventAnchorBase(parseEventTime('2023-02-01T04:05Z'))).toBe('event-2023-02-01t0405');
  });

  it('number the events of one day in order', () => {
    expect(eventIds(['2023-01-08', '2023-01-08', '2023-01-09', '2023-01-08'])).toEqual([
      'event-2023-01-08',
      'event-2023-01-08-2',
      'event-2023-01-09',
      'event-2023-01-08-3',
    ]);
    expect(eventIds(['2023-02-01T10:00:00+05:00', '2023-02-01T10:00:00Z'])).toEqual([
      'event-2023-02-01t1000',
      'event-2023-02-01t1000-2',
    ]);
  });

  it('do not change when an event is added on another day', () => {
    const before = eventIds(['2023-01-08', '2023-02-01', '2023-02-01']);
    const after = eventIds(['2023-01-08', '2023-01-30', '2023-02-01', '2023-02-01']);
    expect(after.filter((id) => id !== 'event-2023-01-30')).toEqual(before);
  });
});
