import { z } from 'astro/zod';
import { actionStatusKeys, eventKindKeys, levelKeys, relationKeys, statusKeys } from '../lib/vocabulary.ts';

/**
 * The format of `/postmortems.json`: every published postmortem's metadata, its computed durations,
 * and the incident graph's edges, for dashboards and other tools. `public/schemas/
 * postmortems.schema.json` is generated from this schema (`npm run schema`), and a unit test keeps
 * the two in sync. Every key is always present: an absent value is `null` or `[]`, never a missing
 * key. Raise `exportVersion` on any change a consumer could trip over (a key removed, renamed or
 * given another meaning); adding a key is not such a change.
 */
export const exportVersion = 1;

const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A calendar date, YYYY-MM-DD: a day, not an instant.');
const EventTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/)
  .describe('A calendar date YYYY-MM-DD, or an ISO 8601 date-time with Z or an offset.');
const PostmortemId = z
  .string()
  .regex(/^\d{3,}-[a-z0-9]+(-[a-z0-9]+)*$/)
  .describe("A postmortem's id: its file name without extension.");
const Anchor = z.string().min(1).describe("The id of a timeline event's element on its postmortem's page.");
const Kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

const DurationSchema = z
  .strictObject({
    unit: z.enum(['days', 'minutes']).describe('Days when either end is a whole day; minutes between two instants.'),
    value: z.int().min(0),
    iso: z.string().describe('The same duration in ISO 8601, such as P26D or PT3H20M.'),
  })
  .nullable()
  .describe('Null when the timeline does not have the events it is measured between.');

const AuthorSchema = z.strictObject({ name: z.string(), email: z.string() });

const ActionSchema = z.strictObject({
  title: z.string(),
  owner: z.string().nullable(),
  status: z.enum(actionStatusKeys),
  due: CalendarDate.nullable(),
  closed: CalendarDate.nullable(),
  link: z.string().nullable().describe('Where the action is tracked.'),
});

const TimelineEventSchema = z.strictObject({
  at: EventTime,
  kind: z.enum(eventKindKeys),
  environment: Kebab.nullable(),
  ref: PostmortemId.nullable().describe('The postmortem that tells this event first, if another one does.'),
  text: z.string().describe('What happened, as inline Markdown, as written.'),
  anchor: Anchor,
  url: z.string().describe("Absolute URL of the event on its postmortem's page."),
});

const PostmortemSchema = z.strictObject({
  id: PostmortemId,
  number: z.int().min(0),
  title: z.string(),
  date: CalendarDate.describe('Date of the write-up.'),
  status: z.enum(statusKeys).exclude(['draft']).describe('Drafts are never exported.'),
  levels: z.array(z.enum(levelKeys)).min(1),
  authors: z.array(AuthorSchema).min(1),
  services: z.array(Kebab),
  environments: z.array(Kebab),
  tags: z.array(Kebab),
  summary: z.string().nullable().describe('The summary field, or else the first paragraph of the Summary section.'),
  url: z.string().describe("Absolute URL of the postmortem's page."),
  path: z.string().describe("The page's path on the site, base path included."),
  durations: z.strictObject({
    timeToDetect: DurationSchema.describe('First outage to the first detection after it.'),
    timeToResolve: DurationSchema.describe('First outage to the first fix or mitigation after it.'),
    window: DurationSchema.describe('First event to last event.'),
  }),
  actions: z.array(ActionSchema),
  timeline: z.array(TimelineEventSchema).min(1).describe('In chronological order.'),
});

const EventSourceSchema = z.strictObject({ id: PostmortemId, anchor: Anchor });

const GraphSchema = z.strictObject({
  related: z
    .array(
      z.strictObject({
        from: PostmortemId,
        to: PostmortemId,
        relation: z.enum(relationKeys),
        note: z.string().nullable(),
      }),
    )
    .describe('Every `related` entry: a typed edge declared by `from`.'),
  refs: z
    .array(
      z.strictObject({
        from: PostmortemId,
        fromAnchor: Anchor,
        to: PostmortemId,
        toAnchor: Anchor.nullable().describe("The same day's event in `to`, when it has one."),
      }),
    )
    .describe('Every timeline event whose `ref` names another postmortem.'),
  links: z
    .array(z.strictObject({ from: PostmortemId, to: PostmortemId }))
    .describe('Links from the body or an event text of `from` to the postmortem `to`.'),
  chains: z
    .array(
      z.strictObject({
        postmortems: z.array(PostmortemId).min(2),
        outages: z
          .array(
            z.strictObject({
              at: EventTime,
              environment: Kebab.nullable(),
              sources: z.array(EventSourceSchema).min(1).describe('The postmortems that tell it, first teller first.'),
            }),
          )
          .describe('Every outage of the chain, told-twice ones merged, oldest first.'),
        recurredAfterFix: z
          .array(
            z.strictObject({
              outageAt: EventTime,
              action: z.strictObject({ postmortemId: PostmortemId, title: z.string(), closed: CalendarDate }),
            }),
          )
          .describe('Outages that came after an earlier postmortem marked an action done.'),
      }),
    )
    .describe('Recurrence chains: postmortems joined by recurrence or continues edges.'),
});

export const PostmortemsExportSchema = z
  .strictObject({
    version: z.literal(exportVersion).describe('The format version; raised on any breaking change.'),
    generatedFrom: z
      .strictObject({
        title: z.string().describe("The site's title."),
        url: z.string().describe("Absolute URL of the site's home page."),
        repository: z.string().describe('Where the postmortem files are kept.'),
        branch: z.string(),
        contentDir: z.string().describe('Folder of the postmortem files in the repository.'),
      })
      .describe('Where the data comes from. There is no timestamp: the same content gives the same file.'),
    postmortems: z.array(PostmortemSchema).describe('Newest write-up first (ties: higher number first).'),
    graph: GraphSchema,
  })
  .describe('Hindsight: every published postmortem and the incident graph between them.');

export type PostmortemsExport = z.output<typeof PostmortemsExportSchema>;
export type ExportedPostmortem = PostmortemsExport['postmortems'][number];
export type ExportedDuration = ExportedPostmortem['durations']['window'];

/** Where the JSON Schema of the export is committed, relative to the project root; the site serves it. */
export const exportJsonSchemaFile = 'public/schemas/postmortems.schema.json';

/** The JSON Schema (draft 2020-12) of `/postmortems.json`, as the text committed in `exportJsonSchemaFile`. */
export function exportJsonSchemaText(): string {
  const schema = z.toJSONSchema(PostmortemsExportSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Hindsight postmortems.json' }, null, 2)}\n`;
}
