import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../src/lib/dates.ts';
import { timelineItemHtml, type TimelineItem } from '../../src/lib/timeline-items.ts';

const context = {
  base: '/docs/',
  kindLabel: (kind: string) => kind[0]?.toUpperCase() + kind.slice(1),
  postmortemLabel: (id: string) => (id === '002-disk' ? '2 · Disk <full> & "again"' : undefined),
};

const event = (overrides: Partial<TimelineItem> = {}): TimelineItem => ({
  at: '2023-01-08T14:05+01:00',
  time: parseEventTime('2023-01-08T14:05+01:00'),
  kind: 'outage',
  environment: 'eu-west',
  text: 'The *disk* filled up.',
  html: 'The <em>disk</em> filled up.',
  sources: [{ id: '002-disk', eventId: 'event-2023-01-08t1405' }],
  levels: ['outage', 'internal'],
  ...overrides,
});

describe('timelineItemHtml', () => {
  it('writes the time, kind, environment, text and source of an event', () => {
    expect(timelineItemHtml(event(), context)).toBe(
      '<li class="event event--outage" data-environment="eu-west" data-kind="outage" data-level="outage internal">' +
        '<p class="event__head"><time datetime="2023-01-08T14:05+01:00">8 January 2023, 14:05 UTC+01:00</time>' +
        '<span class="event__tag">Outage</span><span class="event__tag">eu west</span></p>' +
        '<p class="event__text">The <em>disk</em> filled up.</p>' +
        '<p class="event__sources">From <a href="/docs/postmortems/002-disk/#event-2023-01-08t1405">' +
        '2 · Disk &lt;full&gt; &amp; &quot;again&quot;</a></p></li>',
    );
  });

  it('names every teller of an event told twice, and leaves out a missing environment', () => {
    const { at, time, kind, text, html: textHtml, levels } = event();
    const withoutEnvironment: TimelineItem = {
      ...{ at, time, kind, text, html: textHtml, levels },
      sources: [
        { id: '002-disk', eventId: 'event-2023-01-08' },
        { id: '003-x', eventId: 'event-2023-01-08' },
      ],
    };
    const html = timelineItemHtml(withoutEnvironment, context);
    expect(html).toContain('data-environment=""');
    expect(html.match(/class="event__tag"/g)).toHaveLength(1);
    expect(html).toContain(
      'Told in <a href="/docs/postmortems/002-disk/#event-2023-01-08">2 · Disk &lt;full&gt; &amp; &quot;again&quot;</a>' +
        ' and <a href="/docs/postmortems/003-x/#event-2023-01-08">003-x</a>',
    );
  });

  it('escapes what it writes into attributes', () => {
    const html = timelineItemHtml(event({ at: '2023-01-08', time: parseEventTime('2023-01-08') }), {
      ...context,
      base: '/a"b/',
    });
    expect(html).toContain('href="/a&quot;b/postmortems/');
    expect(html).toContain('<time datetime="2023-01-08">8 January 2023</time>');
  });
});
