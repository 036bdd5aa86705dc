/**
 * `/postmortems.json`: the published postmortems and the incident graph as plain data for other
 * tools (format: `src/schemas/postmortems-export.ts`). Built from the same records and graph the
 * pages show, so the file and the site never disagree, and with nothing that changes from one build
 * of the same content to the next (no timestamps, no "overdue", which depends on the day).
 */
import { stringifyChunked } from '@discoveryjs/json-ext';
import type { PostmortemData } from '../schemas/postmortem.ts';
import { exportVersion, type ExportedDuration, type PostmortemsExport } from '../schemas/postmortems-export.ts';
import { isoDuration, timelineDurations, type Duration } from './durations.ts';
import { eventIds } from './events.ts';
import type { IncidentGraph } from './graph.ts';
import { postmortemPath, withBase } from './urls.ts';

export interface ExportInput {
  readonly id: string;
  readonly number: number;
  readonly data: PostmortemData;
  /** The summary field, or else the first paragraph of `## Summary`. */
  readonly summary: string | undefined;
}

export interface ExportSite {
  readonly title: string;
  /** Origin, `https://host`. */
  readonly url: string;
  /** Base path, `/` or `/x/`. */
  readonly base: string;
  readonly repository: { readonly url: string; readonly branch: string };
  readonly contentDir: string;
}

/** The whole export, postmortems in the order given (the site's: newest first). Drafts are an error. */
export function buildExport(
  postmortems: readonly ExportInput[],
  graph: IncidentGraph,
  site: ExportSite,
): PostmortemsExport {
  const absolute = (path: string) => new URL(path, site.url).href;
  return {
    version: exportVersion,
    generatedFrom: {
      title: site.title,
      url: absolute(withBase(site.base, '')),
      repository: site.repository.url,
      branch: site.repository.branch,
      contentDir: site.contentDir,
    },
    postmortems: postmortems.map(({ id, number, data, summary }) => {
      if (data.status === 'draft') throw new RangeError(`${id} is a draft: drafts are not published, so not exported`);
      const path = postmortemPath(site.base, id);
      const anchors = eventIds(data.timeline.map((event) => event.at));
      const durations = timelineDurations(data.timeline);
      return {
        id,
        number,
        title: data.title,
        date: data.date,
        status: data.status,
        levels: [...data.level],
        authors: data.authors.map(({ name, email }) => ({ name, email })),
        services: [...data.services],
        environments: [...data.environments],
        tags: [...data.tags],
        summary: summary ?? null,
        url: absolute(path),
        path,
        durations: {
          timeToDetect: exportDuration(durations.timeToDetect),
          timeToResolve: exportDuration(durations.timeToResolve),
          window: exportDuration(durations.window),
        },
        actions: data.actions.map((action) => ({
          title: action.title,
          owner: action.owner ?? null,
          status: action.status,
          due: action.due ?? null,
          closed: action.closed ?? null,
          link: action.link ?? null,
        })),
        timeline: data.timeline.map((event, index) => {
          const anchor = anchors[index] as string;
          return {
            at: event.at,
            kind: event.kind,
            environment: event.environment ?? null,
            ref: event.ref ?? null,
            text: event.text,
            anchor,
            url: absolute(postmortemPath(site.base, id, anchor)),
          };
        }),
      };
    }),
    graph: exportGraph(graph),
  };
}

/** The incident graph's part of the export: its edges, refs, links and chains. */
export function exportGraph(graph: IncidentGraph): PostmortemsExport['graph'] {
  return {
    related: graph.edges.map(({ from, to, relation, note }) => ({ from, to, relation, note: note ?? null })),
    refs: graph.refs.map(({ from, fromEventId, to, toEventId }) => ({
      from,
      fromAnchor: fromEventId,
      to,
      toAnchor: toEventId ?? null,
    })),
    links: graph.mentions.map(({ from, to }) => ({ from, to })),
    chains: graph.chains.map((chain) => ({
      postmortems: [...chain.postmortems],
      outages: chain.outages.map((outage) => ({
        at: outage.at,
        environment: outage.environment ?? null,
        sources: outage.sources.map((source) => ({ id: source.id, anchor: source.eventId })),
      })),
      recurredAfterFix: chain.recurredAfterFix.map(({ outage, action }) => ({
        outageAt: outage.at,
        action: { postmortemId: action.postmortemId, title: action.title, closed: action.closed },
      })),
    })),
  };
}

function exportDuration(duration: Duration | undefined): ExportedDuration {
  if (duration === undefined) return null;
  return {
    unit: duration.unit,
    value: duration.unit === 'days' ? duration.days : duration.minutes,
    iso: isoDuration(duration),
  };
}

/**
 * The text of `/postmortems.json` for `data`, in pieces of about `pieceSize` characters: exactly
 * `JSON.stringify(data)` and a newline (compact: with thousands of postmortems, indentation would be
 * a third of the file; `jq .` pretty-prints it). The page streams the pieces rather than making one
 * string of the whole: at 10,000 postmortems the file is some 86 MB, and as one string, encoded and
 * copied into a `Response` and read back out of it, it took some 500 MB at once, which made the
 * build's peak (docs/PERFORMANCE.md, tenth round). @discoveryjs/json-ext writes JSON in pieces to
 * the letter of `JSON.stringify`.
 */
export function* exportJsonText(data: PostmortemsExport, pieceSize = 64 * 1024): Generator<string> {
  yield* stringifyChunked(data, { highWaterMark: pieceSize });
  yield '\n';
}

/** `exportJsonText` as the bytes of a `Response` body, each piece encoded only as it is read. */
export function exportJsonStream(data: PostmortemsExport, pieceSize?: number): ReadableStream<Uint8Array> {
  const pieces = exportJsonText(data, pieceSize);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
