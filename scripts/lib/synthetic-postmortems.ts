/**
 * Synthetic postmortems for the scale benchmark: N files that look like a company's years of
 * write-ups and pass validation. Everything comes from one seed number, so the same seed and count
 * always give byte-identical files.
 *
 * Each postmortem uses every frontmatter field at least sometimes (summary, related notes, event
 * refs and environments, action owners, due and closed dates, links), has 5 to 30 timeline events
 * mixing dates and date-times (Z and offsets), and a 3 to 8 kB body with a GFM table, lists, a
 * task list, a code block and relative links to earlier postmortems (to their headings, page
 * anchors and events). About a third recur an earlier one, so `recurrence` edges form chains.
 * Drafts are generated too, and nothing ever points at a draft (published pages may not).
 *
 * The words are invented; nothing here comes from a real postmortem.
 */
import { stringify } from 'yaml';
import { eventIds } from '../../src/lib/events.ts';

export interface GenerateOptions {
  /** How many postmortems. */
  count: number;
  /** Any integer; the same seed gives the same files. */
  seed: number;
}

export interface GeneratedFile {
  /** File name: `NNN-kebab-title.md`. */
  readonly name: string;
  readonly source: string;
}

/** Mulberry32: a tiny, fast, well-spread 32-bit generator; plenty for invented prose. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    some: (items, min, max) => {
      const pool = [...items];
      const chosen: (typeof items)[number][] = [];
      for (let left = int(min, max); left > 0 && pool.length > 0; left -= 1) {
        chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as (typeof items)[number]);
      }
      return chosen;
    },
  };
}

export interface Random {
  next(): number;
  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Between `min` and `max` distinct items, in random order. */
  some<T>(items: readonly T[], min: number, max: number): T[];
}

const services = [
  'checkout-api',
  'billing',
  'ledger',
  'search',
  'indexer',
  'auth-gateway',
  'session-store',
  'notifications',
  'mailer',
  'media-resizer',
  'cdn-edge',
  'feature-flags',
  'scheduler',
  'queue-broker',
  'payments',
  'reporting',
  'warehouse-sync',
  'inventory',
  'pricing',
  'recommendations',
  'mobile-backend',
  'web-frontend',
  'admin-console',
  'audit-log',
  'geo-router',
  'rate-limiter',
  'metrics-pipeline',
  'log-shipper',
  'backup-agent',
  'dns-resolver',
  'config-service',
  'secrets-vault',
  'build-runners',
  'artifact-store',
  'chat-bridge',
  'webhooks',
] as const;

const tags = [
  'memory-leak',
  'disk-space',
  'certificate-expiry',
  'dns',
  'deploy',
  'rollback',
  'config-change',
  'feature-flag',
  'database',
  'replication-lag',
  'connection-pool',
  'timeouts',
  'retries',
  'thundering-herd',
  'cache',
  'cache-stampede',
  'rate-limit',
  'capacity',
  'autoscaling',
  'kubernetes',
  'networking',
  'load-balancer',
  'tls',
  'third-party',
  'vendor-outage',
  'monitoring',
  'alerting',
  'on-call',
  'runbook',
  'data-loss',
  'backfill',
  'migration',
  'schema-change',
  'queue-backlog',
  'cron',
  'clock-skew',
  'leap-day',
  'time-zones',
  'access-token',
  'permissions',
  'secrets',
  'logging',
  'cost',
  'batch-jobs',
  'dependency-upgrade',
  'race-condition',
  'deadlock',
  'garbage-collection',
  'cpu-saturation',
  'noisy-neighbour',
] as const;

const people = [
  ['Amara Okafor', 'amara'],
  ['Bastien Moreau', 'bastien'],
  ['Chen Wei', 'chen.wei'],
  ['Dalia Haddad', 'dalia'],
  ['Eero Virtanen', 'eero'],
  ['Fatima Zahra Benali', 'fatima'],
  ['Gustavo Lima', 'gustavo'],
  ['Hana Kobayashi', 'hana'],
  ['Ingrid Solberg', 'ingrid'],
  ['Jonas Becker', 'jonas'],
  ['Kofi Mensah', 'kofi'],
  ['Lucía Fernández', 'lucia'],
  ['Mateusz Nowak', 'mateusz'],
  ['Nadia Rahman', 'nadia'],
  ['Oskar Lindqvist', 'oskar'],
  ['Priya Raman', 'priya'],
  ['Quentin Dubois', 'quentin'],
  ['Rosa Martínez', 'rosa'],
  ['Sipho Dlamini', 'sipho'],
  ['Tomás Ó Briain', 'tomas'],
  ['Uma Iyer', 'uma'],
  ['Viktor Petrov', 'viktor'],
  ['Wen Liu', 'wen'],
  ['Ximena Rojas', 'ximena'],
  ['Yusuf Demir', 'yusuf'],
  ['Zofia Kowalska', 'zofia'],
  ['Aiko Tanaka', 'aiko'],
  ['Bram de Vries', 'bram'],
  ['Chiara Russo', 'chiara'],
  ['Dmitri Volkov', 'dmitri'],
] as const;

const problems = [
  'timeouts',
  'elevated error rate',
  'stalled queue',
  'full disk',
  'expired certificate',
  'memory leak',
  'connection pool exhaustion',
  'stale cache',
  'failed deploy',
  'replication lag',
  'duplicate writes',
  'lost events',
  'slow queries',
  'crash loop',
  'DNS failures',
  'bad config push',
] as const;

const environments = ['production', 'production', 'production', 'staging', 'staging', 'development', 'eu-west'];

const metrics = ['p99 latency', 'error rate', 'queue depth', 'heap size', 'open connections', 'disk usage'];

const sentences = [
  'The {service} service began returning errors for a share of requests after {n} minutes of normal traffic.',
  'Nobody noticed at first, because the {metric} dashboard averaged the failures away over five-minute windows.',
  'The on-call engineer paged the {service} owners once the {metric} crossed the alert threshold a second time.',
  'A rollback of the last {service} deploy was started, but the symptoms stayed, which ruled the release out.',
  'Requests from the {other} service kept retrying without a delay, and the retries doubled the load within minutes.',
  'The team drained one node at a time and watched the {metric}, which fell back to its usual level.',
  'It took {n} minutes to find the right runbook, because it still described the old {other} layout.',
  'Logs from the {service} pods showed the same stack trace every few seconds, pointing at the client library.',
  'A configuration change meant for staging reached production through a shared template.',
  'The {other} team confirmed that nothing had changed on their side during the window.',
  'Customers saw slow pages rather than errors, so support tickets arrived later than the alerts.',
  'Raising the limit bought time while the real cause was still unknown.',
  'The incident channel had {n} people in it at the peak, and the status page was updated every half hour.',
  'A scheduled job started at the same minute on every node and competed for the same rows.',
  'The health check only tested that the process was alive, so the load balancer kept sending traffic to broken nodes.',
  'We found that the {metric} alert had been silenced during an earlier maintenance and never switched back on.',
  'The fix was small: one timeout, one missing index and one retry budget, each in a different repository.',
  'After the change, the {metric} of {service} stayed flat through the next two traffic peaks.',
  'Writing this up, we noticed that the same pattern had shown up before in a smaller form.',
  'The data written during the window was checked row by row against the {other} records; {n} rows needed repair.',
  'Nothing in the dashboards distinguished this from an ordinary traffic spike until the queue stopped draining.',
  'A new engineer on the rotation handled the first hour alone, which the runbook did not prepare them for.',
  'The vendor status page reported no problem for the whole window, although their API was failing for us.',
  'Disabling the feature flag stopped the errors within a minute, which narrowed the search considerably.',
];

const codeSamples = [
  [
    'sql',
    "SELECT id, status, updated_at\nFROM jobs\nWHERE status = 'running'\n  AND updated_at < now() - interval '15 minutes';",
  ],
  [
    'sh',
    'kubectl -n {service} rollout undo deployment/{service}\nkubectl -n {service} rollout status deployment/{service}',
  ],
  ['yaml', 'retry:\n  attempts: 3\n  backoff: exponential\n  max_delay: 30s\ntimeout: 5s'],
  ['ts', 'const pool = createPool({\n  max: 20,\n  idleTimeoutMillis: 30_000,\n  connectionTimeoutMillis: 2_000,\n});'],
  [
    'text',
    'ERROR pool exhausted: 50/50 connections in use, 312 waiting\n    at acquire (pool.js:211)\n    at query (db.js:88)',
  ],
] as const;

const actionTitles = [
  'Add an alert on the {metric} of {service}',
  'Give {service} a retry budget with exponential backoff',
  'Write a runbook for {problem} in {service}',
  'Move the {service} health check to a real dependency probe',
  'Load-test {service} at twice the peak traffic',
  'Split the shared config template so staging values cannot reach production',
  'Rotate the {service} credentials automatically',
  'Add a dashboard panel for {metric} per node',
  'Document the failover steps for {other}',
  'Remove the unused {other} client from {service}',
];

const relationsOtherThanChain = ['similar', 'follow-up', 'caused-by'] as const;
const DAY = 86_400_000;

interface Generated {
  readonly id: string;
  readonly draft: boolean;
  /** The first event's `at` and the environment of the first outage. */
  readonly firstAt: string;
  readonly firstEnvironment: string;
  readonly eventIds: readonly string[];
}

interface TextContext {
  service: string;
  other: string;
}

/** Digits of a file's number: at least three, and enough for the largest. */
export function numberWidth(count: number): number {
  return Math.max(3, String(count).length);
}

/** The postmortems for `count` and `seed`, in number order. */
export function generatePostmortems({ count, seed }: GenerateOptions): GeneratedFile[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const random = createRandom(seed);
  const width = numberWidth(count);
  const start = Date.UTC(2014, 0, 1);
  const span = Math.min(3_650, Math.max(60, count * 2));
  const done: Generated[] = [];
  const files: GeneratedFile[] = [];

  for (let number = 1; number <= count; number += 1) {
    const service = random.pick(services);
    const other = random.pick(services.filter((name) => name !== service));
    const context: TextContext = { service, other };
    const problem = random.pick(problems);
    const title = `${capitalise(service.replaceAll('-', ' '))} ${problem} ${random.pick(['in', 'on', 'across'])} ${random.pick(environments)}`;
    const id = `${String(number).padStart(width, '0')}-${slugify(title)}`;
    const writtenAt = start + Math.floor((number * span) / count) * DAY;
    const draft = number > 3 && random.chance(0.03);
    const published = done.filter((earlier) => !earlier.draft);
    const recent = published.slice(-40);

    const related: Record<string, string>[] = [];
    const recurs = recent.length > 0 && random.chance(0.35) ? random.pick(recent.slice(-12)) : undefined;
    if (recurs) {
      const entry: Record<string, string> = {
        id: recurs.id,
        relation: random.chance(0.85) ? 'recurrence' : 'continues',
      };
      if (random.chance(0.5))
        entry['note'] = fill(random, 'The {service} failure written up there came back here.', context);
      related.push(entry);
    }
    if (recent.length > 1 && random.chance(0.2)) {
      const target = random.pick(recent);
      if (!related.some((entry) => entry['id'] === target.id)) {
        related.push({ id: target.id, relation: random.pick(relationsOtherThanChain) });
      }
    }

    const environment = random.pick(environments);
    const timeline = generateTimeline(random, context, writtenAt, environment, recurs, published);
    const ids = eventIds(timeline.map((event) => event['at'] as string));
    const levels = random.chance(0.25)
      ? random.some(['internal', 'outage', 'corruption', 'breach'], 2, 2)
      : [random.pick(['internal', 'internal', 'outage', 'outage', 'outage', 'corruption', 'breach'])];
    const authors = random
      .some(people, 1, 3)
      .map(([name, user]) =>
        random.chance(0.7) ? `${name} <${user}@example.com>` : { name, email: `${user}@example.com` },
      );

    const frontmatter: Record<string, unknown> = {
      title,
      date: isoDay(writtenAt),
      status: draft ? 'draft' : random.chance(0.06) ? 'in-review' : 'published',
      level: levels,
      authors,
    };
    if (random.chance(0.5)) frontmatter['summary'] = paragraph(random, context, 2, 3);
    frontmatter['services'] = [
      service,
      ...random.some(
        services.filter((name) => name !== service),
        0,
        2,
      ),
    ];
    frontmatter['environments'] = [
      ...new Set(timeline.flatMap((event) => (event['environment'] ? [event['environment']] : []))),
    ];
    frontmatter['tags'] = random.some(tags, 1, 5);
    if (related.length > 0) frontmatter['related'] = related;
    frontmatter['timeline'] = timeline;
    frontmatter['actions'] = generateActions(random, context, problem, writtenAt);

    const body = generateBody(random, context, published);
    const source = `---\n${stringify(frontmatter, { lineWidth: 100 })}---\n\n${body}`;
    files.push({ name: `${id}.md`, source });
    done.push({
      id,
      draft,
      firstAt: timeline[0]?.['at'] as string,
      firstEnvironment: (timeline[0]?.['environment'] as string | undefined) ?? environment,
      eventIds: ids,
    });
  }
  return files;
}

function generateTimeline(
  random: Random,
  context: TextContext,
  writtenAt: number,
  environment: string,
  recurs: Generated | undefined,
  published: readonly Generated[],
): Record<string, string>[] {
  const count = random.int(5, 30);
  const kinds = ['detection', 'investigation', 'investigation', 'mitigation', 'note', 'outage', 'deploy'] as const;
  // Instants between 06:00 and 20:00 UTC on the days before the write-up, so an offset of up to
  // five hours never moves an event to another date.
  const days = random.int(Math.ceil(count / 4) + 1, Math.ceil(count / 2) + 5);
  const first = writtenAt - days * DAY;
  const times = Array.from(
    { length: count },
    () => first + random.int(0, days - 1) * DAY + random.int(6 * 60, 20 * 60) * 60_000,
  ).sort((a, b) => a - b);
  const events: Record<string, string>[] = [];
  if (recurs && recurs.firstAt.slice(0, 10) < isoDay(first)) {
    events.push({
      at: recurs.firstAt,
      kind: 'outage',
      environment: recurs.firstEnvironment,
      ref: recurs.id,
      text: fill(random, 'To recap the earlier write-up: {service} failed the same way for the first time.', context),
    });
  }
  times.forEach((time, index) => {
    const kind = index === 0 ? 'outage' : index === count - 1 ? 'fix' : random.pick(kinds);
    const event: Record<string, string> = { at: formatTime(random, time), kind };
    if (random.chance(0.85)) {
      event['environment'] = index === 0 || random.chance(0.8) ? environment : random.pick(environments);
    }
    event['text'] = eventText(random, context, kind, published);
    events.push(event);
  });
  return events;
}

function formatTime(random: Random, time: number): string {
  const roll = random.next();
  if (roll < 0.3) return isoDay(time);
  const iso = new Date(time).toISOString().slice(0, 16);
  if (roll < 0.8) return `${iso}:00Z`;
  const offset = random.pick([2, -5, 1, -3]);
  const local = new Date(time + offset * 3_600_000).toISOString().slice(0, 16);
  return `${local}:00${offset > 0 ? '+' : '-'}${String(Math.abs(offset)).padStart(2, '0')}:00`;
}

function eventText(random: Random, context: TextContext, kind: string, published: readonly Generated[]): string {
  const texts: Record<string, string> = {
    outage: '{service} starts failing requests; the `{metric}` alert fires.',
    detection: 'The on-call engineer acknowledges the page and opens an incident channel.',
    investigation: 'Logs of `{service}` point at the *{other}* client; the team looks there.',
    mitigation: 'Traffic is shifted away from the failing nodes and the **error rate** drops.',
    fix: 'A fix for {service} is merged and rolled out to every node.',
    deploy: 'A new build of `{other}` is deployed with the corrected settings.',
    note: 'The status page is updated and support is told what to answer.',
  };
  let text = fill(random, texts[kind] ?? (texts['note'] as string), context);
  if (random.chance(0.4)) text += ` ${sentence(random, context)}`;
  if (published.length > 0 && random.chance(0.08)) {
    const target = random.pick(published.slice(-200));
    text += ` Same signature as [the earlier incident](./${target.id}.md#timeline).`;
  }
  return text;
}

function generateActions(
  random: Random,
  context: TextContext,
  problem: string,
  writtenAt: number,
): Record<string, string>[] {
  return Array.from({ length: random.int(1, 6) }, () => {
    const status = random.pick(['open', 'in-progress', 'done', 'done', 'wont-do']);
    const action: Record<string, string> = {
      title: fill(random, random.pick(actionTitles), context).replace('{problem}', problem),
      status,
    };
    if (random.chance(0.8)) action['owner'] = random.pick(people)[0];
    if (random.chance(0.6)) action['due'] = isoDay(writtenAt + random.int(7, 90) * DAY);
    if ((status === 'done' || status === 'wont-do') && random.chance(0.8))
      action['closed'] = isoDay(writtenAt + random.int(0, 60) * DAY);
    if (random.chance(0.5)) action['link'] = `https://tracker.example.com/OPS-${random.int(100, 99_999)}`;
    return action;
  });
}

function generateBody(random: Random, context: TextContext, published: readonly Generated[]): string {
  const target = random.int(3_200, 7_600);
  const link = () => {
    if (published.length === 0) return fill(random, 'the {other} service', context);
    const to = random.pick(published.slice(-500));
    const fragment = random.pick(['cause', 'summary', 'timeline', 'actions', 'prevention', to.eventIds[0] ?? 'cause']);
    return `[${random.pick(['an earlier incident', 'the last time', 'a related write-up', 'this postmortem'])}](./${to.id}.md#${fragment})`;
  };
  const summary = [paragraph(random, context, 3, 5)];
  const detection = [paragraph(random, context, 3, 5), list(random, context, 3, 5)];
  const response = [paragraph(random, context, 3, 6), codeBlock(random, context), paragraph(random, context, 2, 4)];
  const cause = [
    paragraph(random, context, 3, 5).replace(/\.$/, `, much as in ${link()}.`),
    table(random, context),
    '### Contributing factors',
    list(random, context, 2, 4),
  ];
  const prevention = [
    paragraph(random, context, 2, 3),
    Array.from(
      { length: random.int(3, 5) },
      () => `- [${random.chance(0.5) ? 'x' : ' '}] ${sentence(random, context)}`,
    ).join('\n'),
    `See also ${link()} and ${link()}.`,
  ];
  if (random.chance(0.05)) {
    response.push(`<details>\n<summary>Full error output</summary>\n\n${codeBlock(random, context)}\n\n</details>`);
  }
  const render = () =>
    [
      ['Summary', summary],
      ['Detection', detection],
      ['Response', response],
      ['Cause', cause],
      ['Prevention', prevention],
    ]
      .map(([heading, blocks]) => `## ${heading as string}\n\n${(blocks as string[]).join('\n\n')}\n`)
      .join('\n');
  let body = render();
  while (Buffer.byteLength(body) < target) {
    random.pick([response, cause, detection]).splice(1, 0, paragraph(random, context, 3, 5));
    body = render();
  }
  return body;
}

function table(random: Random, context: TextContext): string {
  const rows = Array.from({ length: random.int(3, 6) }, () => {
    const hour = String(random.int(6, 19)).padStart(2, '0');
    const minute = String(random.int(0, 59)).padStart(2, '0');
    return `| ${hour}:${minute} | ${random.pick(metrics)} | ${random.int(2, 99)} % | ${fill(random, '{service}', context)} |`;
  });
  return ['| time | signal | change | where |', '| --- | --- | ---: | --- |', ...rows].join('\n');
}

function codeBlock(random: Random, context: TextContext): string {
  const [language, code] = random.pick(codeSamples);
  return `\`\`\`${language}\n${fill(random, code, context)}\n\`\`\``;
}

function list(random: Random, context: TextContext, min: number, max: number): string {
  const ordered = random.chance(0.3);
  return Array.from(
    { length: random.int(min, max) },
    (_, index) => `${ordered ? `${index + 1}.` : '-'} ${sentence(random, context)}`,
  ).join('\n');
}

function paragraph(random: Random, context: TextContext, min: number, max: number): string {
  return Array.from({ length: random.int(min, max) }, () => sentence(random, context)).join(' ');
}

function sentence(random: Random, context: TextContext): string {
  return fill(random, random.pick(sentences), context);
}

function fill(random: Random, template: string, context: TextContext): string {
  return template
    .replaceAll('{service}', context.service)
    .replaceAll('{other}', context.other)
    .replaceAll('{metric}', random.pick(metrics))
    .replaceAll('{n}', String(random.int(3, 90)));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
