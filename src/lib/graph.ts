/**
 * The incident graph: how postmortems point at each other, built once from plain records.
 *
 * - `related` entries are typed edges, shown on both pages (the target with the inverse label).
 * - A timeline event with `ref` links to the other postmortem and, when there is one, to the event
 *   of the same day there. Refs and body links are shown as "Mentioned in" backlinks on the target,
 *   unless the two postmortems are already joined by a `related` edge.
 * - A recurrence chain is a connected group over `recurrence` and `continues` edges, shown as one
 *   merged, dated list of its outages.
 *
 * The graph holds only the postmortems it is given (the caller leaves out drafts): edges to anything
 * else are dropped. Ids are looked up once in a Map; from there everything is kept by a postmortem's
 * rank in arrays and grouped with disjoint sets, so building is linear in postmortems, events and
 * edges (plus sorting); no two postmortems are ever compared pairwise. Every list is ordered by
 * postmortem number, never by input order. The graph reads only the events it needs, by the
 * positions its records give (see `readTimeline` in `graph-input.ts`).
 */
import type { PostmortemData } from '../schemas/postmortem.ts';
import { relations } from '../site.config.ts';
import { compareEventTimes, formatMonth, isoDate, type EventTime } from './dates.ts';
import { levelKeys, relationKeys, type EventKind, type Level, type Relation } from './vocabulary.ts';
import { compareStrings } from './compare.ts';

/** Relations that make two postmortems part of the same recurrence chain. */
export const chainRelations: readonly Relation[] = ['recurrence', 'continues'];

/** Label of a backlink from a postmortem that links here from its body or a timeline `ref`. */
export const mentionLabel = 'Mentioned in';

/** The fields of a postmortem the graph reads; a full `PostmortemData` fits. */
export type GraphPostmortemData = Pick<PostmortemData, 'level' | 'related' | 'timeline' | 'actions'>;

/** One postmortem as the graph sees it. Ids are unique (the validator makes sure of it). */
export interface GraphInput {
  readonly id: string;
  readonly number: number;
  readonly data: GraphPostmortemData;
  /** The timeline events' `at`, parsed (`parseEventTime`), in timeline order. */
  readonly times: readonly EventTime[];
  /** Each event's date as written (`times[i].date`), as a `dayKey`. */
  readonly days: readonly number[];
  /** Positions in the timeline of the events with a `ref`, in timeline order. */
  readonly refPositions: readonly number[];
  /** Positions in the timeline of the `outage` events, in timeline order. */
  readonly outagePositions: readonly number[];
  /** Anchor ids of the timeline events, in timeline order (see `eventIds` in `events.ts`). */
  readonly eventIds: readonly string[];
  /** Ids of the postmortems linked from the body and the event texts. */
  readonly bodyLinks: readonly string[];
}

/** A `related` entry of `from`, pointing at `to`. */
export interface RelatedEdge {
  readonly from: string;
  readonly to: string;
  readonly relation: Relation;
  readonly note?: string;
}

/** A timeline event of `from` whose `ref` names `to`; `toEventId` is the same day's event there. */
export interface RefEdge {
  readonly from: string;
  readonly fromEventId: string;
  readonly to: string;
  readonly toEventId?: string;
}

/** A link in the body or an event text of `from` to the postmortem `to`. */
export interface MentionEdge {
  readonly from: string;
  readonly to: string;
}

/** A link to show on a postmortem's page: the other postmortem and the words to show with it. */
export interface CrossLink {
  /** The other postmortem. */
  readonly id: string;
  /** "Recurrence of" on the declaring page, "Recurred in" on the other, "Mentioned in" for a mention. */
  readonly label: string;
  /** The typed relation; absent for a mention. */
  readonly relation?: Relation;
  readonly note?: string;
}

/** Where a merged event is told: a postmortem and the event's anchor there. */
export interface EventSource {
  readonly id: string;
  readonly eventId: string;
}

/**
 * An event told by one or more postmortems, shown once. Its time, kind, and text are those of its
 * first teller, `sources[0]`: the postmortem the others `ref`, or else the lowest-numbered one.
 */
export interface MergedEvent {
  /** The first teller's `at`, as written. */
  readonly at: string;
  readonly time: EventTime;
  readonly kind: EventKind;
  /** The first teller's environment, or the first one a later teller names. */
  readonly environment?: string;
  readonly text: string;
  /** First teller first, then by postmortem number. */
  readonly sources: readonly EventSource[];
  /** Union of the sources' levels, in vocabulary order. */
  readonly levels: readonly Level[];
}

/** An outage of a chain dated after an earlier postmortem's action item was marked done. */
export interface RecurrenceAfterFix {
  readonly outage: MergedEvent;
  readonly action: { readonly postmortemId: string; readonly title: string; readonly closed: string };
}

export interface RecurrenceChain {
  /** Its postmortems, by number (at least two). */
  readonly postmortems: readonly string[];
  /**
   * Every outage its postmortems tell, merged, oldest first; of a postmortem that is only recurred
   * (never itself a recurrence or continuation), just the outages the others `ref`, when they ref any.
   */
  readonly outages: readonly MergedEvent[];
  /** See `recurrencesAfterFix` for the exact rule. In the order of `outages`. */
  readonly recurredAfterFix: readonly RecurrenceAfterFix[];
}

export interface IncidentGraph {
  /** Every `related` edge, by the number of `from`, then of `to`, then relation. */
  readonly edges: readonly RelatedEdge[];
  /** Every timeline `ref`, by the number of `from`, then timeline order. */
  readonly refs: readonly RefEdge[];
  /** Every body link to another postmortem, by the number of `from`, then of `to`. */
  readonly mentions: readonly MentionEdge[];
  /** Recurrence chains, by the number of their first postmortem. */
  readonly chains: readonly RecurrenceChain[];
  /** The `related` entries of `id`, labelled as on its own page ("Recurrence of"). */
  outgoing(id: string): readonly CrossLink[];
  /** The `related` entries pointing at `id`, with the inverse label ("Recurred in"). */
  incoming(id: string): readonly CrossLink[];
  /** Postmortems that link to `id` by body link or `ref` and are not `related` to it either way. */
  mentionedIn(id: string): readonly CrossLink[];
  /** The refs of `id`'s timeline, in timeline order. */
  refsFrom(id: string): readonly RefEdge[];
  /** Timeline refs pointing at this postmortem, in the order of `refs`. */
  refsTo(id: string): readonly RefEdge[];
  /** The chain `id` belongs to; undefined when it has no `recurrence` or `continues` edge. */
  chainOf(id: string): RecurrenceChain | undefined;
  /**
   * Elementary steps taken to build the graph, not counting sorts: a deterministic measure that
   * grows linearly with postmortems, events and edges, so tests can check it without a clock.
   */
  readonly work: number;
}

/** Counts steps; see `IncidentGraph.work`. */
interface Meter {
  steps: number;
}

type TimelineEvent = GraphPostmortemData['timeline'][number];

/** A postmortem with its rank: its position when all are ordered by number, then id. */
interface Node {
  readonly rank: number;
  /** The record's id, kept here too: the node is read often and is small, the record less so. */
  readonly id: string;
  readonly record: GraphInput;
  /** Each event's telling, made when first asked for (see `tellingAt`). */
  readonly made: (Telling | undefined)[];
  /** Its levels in vocabulary order, worked out when first asked for (see `levelsOf`). */
  levels?: readonly Level[];
}

/**
 * The telling of a postmortem's `index`-th event. Made on first use: the graph needs only the
 * events with a `ref`, those of the postmortems they point at and the outages of chains, a small
 * share of the 170,000 events of 10,000 postmortems; parsing every one of them up front was half
 * the graph's time.
 */
function tellingAt(node: Node, index: number, meter: Meter): Telling {
  let telling = node.made[index];
  if (!telling) {
    meter.steps += 1;
    const event = node.record.data.timeline[index] as TimelineEvent;
    const time = node.record.times[index] as EventTime;
    const day = event.at.slice(0, 10);
    telling = { node, index, event, eventId: node.record.eventIds[index] as string, time, day };
    node.made[index] = telling;
  }
  return telling;
}

/** Every event's telling of a postmortem, in its timeline's order. */
function tellingsOf(node: Node, meter: Meter): Telling[] {
  return node.record.data.timeline.map((_, index) => tellingAt(node, index, meter));
}

/** One event as one postmortem tells it. */
interface Telling {
  readonly node: Node;
  readonly index: number;
  readonly event: TimelineEvent;
  readonly eventId: string;
  readonly time: EventTime;
  /** Calendar date as written, `YYYY-MM-DD`: the first ten characters of `at`. */
  readonly day: string;
}

/** Builds the graph of the given postmortems. */
export function buildIncidentGraph(records: readonly GraphInput[]): IncidentGraph {
  // Each step is a function of its own, called once or once per postmortem: V8 optimises a small
  // function after some calls, while one long function's later loops would run unoptimised (or
  // fall back from optimised code) on this first and only call.
  const meter: Meter = { steps: 0 };
  const analysis = analyse(records, meter);
  const { outgoing, incoming, pairs } = relatedLinks(analysis, meter);
  const links = new Links(analysis.nodes.length, analysis.byId, pairs, meter);
  analysis.nodes.forEach((node) => {
    links.addRefs(node);
    links.addBodyLinks(node);
  });
  const { chains, chainAt } = recurrenceChains(analysis, links, meter);
  const { byId } = analysis;
  // The lists are kept by rank, in arrays: the id is looked up when a page asks for it.
  const atRankOf = <T>(byRank: readonly (T | undefined)[]) => {
    return (id: string): T | undefined => {
      const node = byId.get(id);
      return node === undefined ? undefined : byRank[node.rank];
    };
  };
  const listOf = <T>(byRank: readonly (readonly T[] | undefined)[]) => {
    const at = atRankOf(byRank);
    return (id: string): readonly T[] => at(id) ?? [];
  };

  return {
    edges: analysis.edges,
    refs: links.refs,
    mentions: links.mentions,
    chains,
    outgoing: listOf(outgoing),
    incoming: listOf(incoming),
    mentionedIn: listOf(links.mentionedIn),
    refsFrom: listOf(links.refsFrom),
    refsTo: listOf(links.refsTo),
    chainOf: atRankOf(chainAt),
    work: meter.steps,
  };
}

function byRank(a: Node, b: Node): number {
  return a.rank - b.rank;
}

/** Lists kept by rank; most postmortems have none, so the array has holes. */
type ByRank<T> = (T[] | undefined)[];

function pushAt<T>(lists: ByRank<T>, rank: number, value: T): void {
  const list = lists[rank];
  if (list) list.push(value);
  else lists[rank] = [value];
}

/** Pairs of postmortems, unordered, kept by their ranks: a number each, not a joined string. */
class NodePairs {
  private readonly pairs = new Set<number>();
  private readonly count: number;

  constructor(count: number) {
    this.count = count;
  }

  add(a: Node, b: Node): void {
    this.pairs.add(this.key(a, b));
  }

  has(a: Node, b: Node): boolean {
    return this.pairs.has(this.key(a, b));
  }

  private key(a: Node, b: Node): number {
    return a.rank < b.rank ? a.rank * this.count + b.rank : b.rank * this.count + a.rank;
  }
}

/** The `related` edges as the pages at their two ends show them, and the pairs they join. */
function relatedLinks(
  { nodes, edges, ends }: Analysis,
  meter: Meter,
): { outgoing: ByRank<CrossLink>; incoming: ByRank<CrossLink>; pairs: NodePairs } {
  // `edges` is ordered by from, to, relation, so each list comes out ordered by the other end.
  const outgoing: ByRank<CrossLink> = new Array(nodes.length);
  const incoming: ByRank<CrossLink> = new Array(nodes.length);
  const pairs = new NodePairs(nodes.length);
  for (let at = 0; at < edges.length; at += 1) {
    meter.steps += 1;
    const { from, to, relation, note } = edges[at] as RelatedEdge;
    const { label, inverse } = relations[relation];
    const [fromNode, toNode] = ends[at] as readonly [Node, Node];
    pushAt(outgoing, fromNode.rank, crossLink(to, label, relation, note));
    pushAt(incoming, toNode.rank, crossLink(from, inverse, relation, note));
    pairs.add(fromNode, toNode);
  }
  return { outgoing, incoming, pairs };
}

function crossLink(id: string, label: string, relation: Relation, note: string | undefined): CrossLink {
  return note === undefined ? { id, label, relation } : { id, label, relation, note };
}

/** Timeline refs and body links, gathered one postmortem at a time, in rank order. */
class Links {
  readonly refs: RefEdge[] = [];
  /** The two ends of each of `refs`, one after the other: from, to, from, to, … */
  readonly refNodes: Node[] = [];
  readonly refsFrom: ByRank<RefEdge>;
  readonly refsTo: ByRank<RefEdge>;
  readonly mentions: MentionEdge[] = [];
  /** Each postmortem's mentioners, in rank order, since postmortems are gone through in that order. */
  readonly mentionedIn: ByRank<CrossLink>;
  /** By rank: the rank of the last postmortem that mentioned it, so that each is listed once. */
  private readonly lastMentioner: Int32Array;
  /** By rank: the rank of the last postmortem whose body linked to it (see `addBodyLinks`). */
  private readonly lastLinker: Int32Array;
  /** The targets of one postmortem's body links, made again for each (see `addBodyLinks`). */
  private readonly targets: Node[] = [];
  private readonly byId: ReadonlyMap<string, Node>;
  private readonly related: NodePairs;
  private readonly meter: Meter;

  constructor(count: number, byId: ReadonlyMap<string, Node>, related: NodePairs, meter: Meter) {
    this.refsFrom = new Array(count);
    this.refsTo = new Array(count);
    this.mentionedIn = new Array(count);
    this.lastMentioner = new Int32Array(count).fill(-1);
    this.lastLinker = new Int32Array(count).fill(-1);
    this.byId = byId;
    this.related = related;
    this.meter = meter;
  }

  /** The refs of `node`'s timeline, in timeline order; each also mentions its target. */
  addRefs(node: Node): void {
    const { refPositions } = node.record;
    for (let at = 0; at < refPositions.length; at += 1) {
      const telling = tellingAt(node, refPositions[at] as number, this.meter);
      this.meter.steps += 1;
      const to = refTarget(telling, this.byId);
      if (to === undefined) continue;
      const day = node.record.days[telling.index] as number;
      const target = bestMatch(telling, this.eventsOn(to, day), (candidate) => candidate, this.meter);
      const ref: RefEdge =
        target === undefined
          ? { from: node.id, fromEventId: telling.eventId, to: to.id }
          : { from: node.id, fromEventId: telling.eventId, to: to.id, toEventId: target.eventId };
      this.refs.push(ref);
      this.refNodes.push(node, to);
      pushAt(this.refsFrom, node.rank, ref);
      pushAt(this.refsTo, to.rank, ref);
      this.mention(node, to);
    }
  }

  /** The postmortems `node` links to from its body and event texts, each once, by rank. */
  addBodyLinks(node: Node): void {
    const { bodyLinks } = node.record;
    const { targets, lastLinker } = this;
    targets.length = 0;
    for (let at = 0; at < bodyLinks.length; at += 1) {
      this.meter.steps += 1;
      const target = this.byId.get(bodyLinks[at] as string);
      // A repeat: this postmortem has already linked to that one.
      if (target === undefined || target === node || lastLinker[target.rank] === node.rank) continue;
      lastLinker[target.rank] = node.rank;
      targets.push(target);
    }
    sortSmall(targets, byRank);
    for (let at = 0; at < targets.length; at += 1) {
      const target = targets[at] as Node;
      this.mentions.push({ from: node.id, to: target.id });
      this.mention(node, target);
    }
  }

  private mention(from: Node, to: Node): void {
    if (this.lastMentioner[to.rank] === from.rank || this.related.has(from, to)) return;
    this.lastMentioner[to.rank] = from.rank;
    pushAt(this.mentionedIn, to.rank, { id: from.id, label: mentionLabel });
  }

  /** The events of the postmortem a `ref` points at on the ref's day (a `dayKey`), by the date as written. */
  private eventsOn(node: Node, day: number): Telling[] {
    const on: Telling[] = [];
    const { days } = node.record;
    for (let index = 0; index < days.length; index += 1) {
      this.meter.steps += 1;
      if (days[index] === day) on.push(tellingAt(node, index, this.meter));
    }
    return on;
  }
}

/** The merge rules of a chain's outages: all of them are in the one chain. */
const withinOneChain = { chainOf: (): number => 0 };

/** The recurrence chains, by the rank of their first postmortem, and each postmortem's by its rank. */
function recurrenceChains(
  { nodes, edges, ends, chainRoot }: Analysis,
  links: Links,
  meter: Meter,
): { chains: RecurrenceChain[]; chainAt: (RecurrenceChain | undefined)[] } {
  const members = new Map<number, Node[]>();
  nodes.forEach((node) => {
    const root = chainRoot(node);
    if (root !== undefined) push(members, root, node);
  });
  // A postmortem that only ever *is* recurred (never a recurrence or continuation itself) may tell
  // other incidents too; when the postmortems recurring it point at some of its events with `ref`,
  // only those outages belong to the chain.
  /** By rank: 1 for a postmortem that is a recurrence or continuation of another. */
  const chainSources = new Uint8Array(nodes.length);
  for (let at = 0; at < edges.length; at += 1) {
    if (chainRelations.includes((edges[at] as RelatedEdge).relation)) {
      chainSources[(ends[at] as readonly [Node, Node])[0].rank] = 1;
    }
  }
  const recurredEvents = new Map<Node, Set<string>>();
  const { refs, refNodes } = links;
  for (let at = 0; at < refs.length; at += 1) {
    meter.steps += 1;
    const { toEventId } = refs[at] as RefEdge;
    const [from, to] = [refNodes[2 * at] as Node, refNodes[2 * at + 1] as Node];
    if (!toEventId || chainRoot(from) !== chainRoot(to) || chainSources[from.rank] === 0 || chainSources[to.rank] === 1)
      continue;
    const set = recurredEvents.get(to);
    if (set) set.add(toEventId);
    else recurredEvents.set(to, new Set([toEventId]));
  }
  const chains: RecurrenceChain[] = [];
  const chainAt = new Array<RecurrenceChain | undefined>(nodes.length);
  members.forEach((chain) => {
    const tellings: Telling[] = [];
    chain.forEach((node) => outagesOf(node, recurredEvents.get(node), tellings, meter));
    const outages = oldestFirst(mergeTellings(tellings, withinOneChain, meter));
    const made: RecurrenceChain = {
      postmortems: chain.map((node) => node.id),
      outages,
      recurredAfterFix: recurrencesAfterFix(chain, outages, meter),
    };
    chains.push(made);
    chain.forEach((node) => (chainAt[node.rank] = made));
  });
  return { chains, chainAt };
}

/** Adds the tellings of `node`'s outages to `outages`: all of them, or the `recurred` ones only. */
function outagesOf(node: Node, recurred: ReadonlySet<string> | undefined, outages: Telling[], meter: Meter): void {
  const { outagePositions } = node.record;
  for (let at = 0; at < outagePositions.length; at += 1) {
    const index = outagePositions[at] as number;
    if (recurred && !recurred.has(node.record.eventIds[index] as string)) continue;
    outages.push(tellingAt(node, index, meter));
  }
}

/**
 * Every event of every given postmortem, newest first, an event told by several postmortems once
 * (see `mergeTellings` for when two tellings are the same event).
 */
export function mergedTimeline(records: readonly GraphInput[]): MergedEvent[] {
  const meter: Meter = { steps: 0 };
  const { nodes, byId, ends, chainRoot } = analyse(records, meter);
  const neighbours = new Map<Node, Set<Node>>();
  const link = (a: Node, b: Node): void => {
    meter.steps += 1;
    for (const [one, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = neighbours.get(one) ?? new Set<Node>();
      set.add(other);
      neighbours.set(one, set);
    }
  };
  for (const [from, to] of ends) link(from, to);
  const tellings = nodes.flatMap((node) => tellingsOf(node, meter));
  for (const telling of tellings) {
    const target = refTarget(telling, byId);
    if (target) link(telling.node, target);
  }
  return oldestFirst(
    mergeTellings(
      tellings,
      { chainOf: chainRoot, neighbours: (node) => [...(neighbours.get(node) ?? [])].sort((a, b) => a.rank - b.rank) },
      meter,
    ),
  ).reverse();
}

export interface MonthGroup<T> {
  /** `YYYY-MM` */
  readonly month: string;
  /** "February 2023" */
  readonly label: string;
  readonly events: readonly T[];
}

/** Groups events by the month of their date as written, newest month first; keeps their order within a month. */
export function groupByMonth<T extends { readonly time: EventTime }>(events: readonly T[]): MonthGroup<T>[] {
  const groups = new Map<string, { label: string; events: T[] }>();
  for (const event of events) {
    const month = isoDate(event.time.date).slice(0, 7);
    const group = groups.get(month) ?? { label: formatMonth(event.time.date), events: [] };
    group.events.push(event);
    groups.set(month, group);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([month, group]) => ({ month, label: group.label, events: group.events }));
}

interface Analysis {
  /** Ordered by number, then id; a node's `rank` is its position here. */
  readonly nodes: readonly Node[];
  readonly byId: ReadonlyMap<string, Node>;
  /** `related` edges between given postmortems, without repeats, ordered by from, to, relation. */
  readonly edges: RelatedEdge[];
  /** The postmortems at the two ends of each of `edges`, in the same order. */
  readonly ends: (readonly [Node, Node])[];
  /** A number shared by the postmortems of one chain; undefined for a postmortem in none. */
  readonly chainRoot: (node: Node) => number | undefined;
}

/** Orders the records, reads their timelines, and finds their edges and chains, once. */
function analyse(records: readonly GraphInput[], meter: Meter): Analysis {
  const sorted = [...records].sort((a, b) => a.number - b.number || compareStrings(a.id, b.id));
  const byId = new Map<string, Node>();
  const nodes = sorted.map((record, rank) => {
    const { timeline } = record.data;
    const { eventIds, times, days } = record;
    if (eventIds.length !== timeline.length || times.length !== timeline.length || days.length !== timeline.length) {
      throw new RangeError(
        `${record.id}: ${eventIds.length} event ids, ${times.length} times and ${days.length} days for ${timeline.length} events`,
      );
    }
    meter.steps += 1;
    const node: Node = { rank, id: record.id, record, made: [] };
    byId.set(record.id, node);
    return node;
  });

  // Nodes come in rank order, so edges come out ordered by `from` when each node's own are sorted.
  const edges: RelatedEdge[] = [];
  const ends: (readonly [Node, Node])[] = [];
  const chains = new DisjointSets(nodes.length, meter);
  /** By rank: 1 for a postmortem with a chain edge. */
  const chained = new Uint8Array(nodes.length);
  nodes.forEach((node) => {
    const own = ownEdges(node, byId, meter);
    for (let at = 0; at < own.length; at += 1) {
      const { edge, target } = own[at] as OwnEdge;
      edges.push(edge);
      ends.push([node, target]);
      if (chainRelations.includes(edge.relation)) {
        chains.union(node.rank, target.rank);
        chained[node.rank] = chained[target.rank] = 1;
      }
    }
  });
  return {
    nodes,
    byId,
    edges,
    ends,
    chainRoot: (node) => (chained[node.rank] === 1 ? chains.find(node.rank) : undefined),
  };
}

interface OwnEdge {
  readonly edge: RelatedEdge;
  readonly target: Node;
  /** The relation's position in the vocabulary. */
  readonly relation: number;
}

/** The `related` edges of `node` to other given postmortems, without repeats, by target and relation. */
function ownEdges(node: Node, byId: ReadonlyMap<string, Node>, meter: Meter): OwnEdge[] {
  const from = node.id;
  const { related } = node.record.data;
  // Repeats are found in the list itself, or with a set of numbers when it is long.
  const seen = related.length > 16 ? new Set<number>() : undefined;
  const own: OwnEdge[] = [];
  for (let at = 0; at < related.length; at += 1) {
    meter.steps += 1;
    const { id: to, relation, note } = related[at] as PostmortemData['related'][number];
    const target = byId.get(to);
    if (target === undefined || target === node) continue;
    const index = relationKeys.indexOf(relation);
    if (seen) {
      const key = target.rank * relationKeys.length + index;
      if (seen.has(key)) continue;
      seen.add(key);
    } else if (own.some((known) => known.target === target && known.relation === index)) continue;
    const edge: RelatedEdge = note === undefined ? { from, to, relation } : { from, to, relation, note };
    own.push({ edge, target, relation: index });
  }
  return own.length > 1 ? sortSmall(own, (a, b) => a.target.rank - b.target.rank || a.relation - b.relation) : own;
}

/** The given postmortem an event's `ref` names, other than its own. */
function refTarget(telling: Telling, byId: ReadonlyMap<string, Node>): Node | undefined {
  const ref = telling.event.ref;
  const target = ref === undefined ? undefined : byId.get(ref);
  return target === telling.node ? undefined : target;
}

/** Positions in `tellings` by postmortem id, then by `key`, in the order given. */
function indexTellings(
  tellings: readonly Telling[],
  key: (telling: Telling) => string,
  meter: Meter,
): Map<string, Map<string, number[]>> {
  const index = new Map<string, Map<string, number[]>>();
  tellings.forEach((telling, at) => {
    meter.steps += 1;
    const id = telling.node.id;
    let byKey = index.get(id);
    if (!byKey) index.set(id, (byKey = new Map<string, number[]>()));
    push(byKey, key(telling), at);
  });
  return index;
}

/**
 * The event a `ref` points at among the target's events of the same day: the same environment and
 * kind if there is one, else the same environment, else the same kind, else the first of the day.
 */
function bestMatch<T>(
  from: Telling,
  candidates: readonly T[] | undefined,
  tellingOf: (candidate: T) => Telling,
  meter: Meter,
): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  if (candidates === undefined) return undefined;
  for (let at = 0; at < candidates.length; at += 1) {
    meter.steps += 1;
    const candidate = candidates[at] as T;
    const { event } = tellingOf(candidate);
    const score = (event.environment === from.event.environment ? 2 : 0) + (event.kind === from.event.kind ? 1 : 0);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** A merged event and its first teller. */
interface Merged {
  readonly event: MergedEvent;
  readonly first: Telling;
}

/** The events, oldest first; ties by the first teller's number, then its timeline order. */
function oldestFirst(merged: Merged[]): MergedEvent[] {
  // The built-in sort, not `sortSmall`: `compareEventTimes` is not a total order (a whole day ties
  // with every time of that day), so another algorithm could order such events differently.
  merged.sort(byFirstTelling);
  return merged.map(({ event }) => event);
}

function byFirstTelling(a: Merged, b: Merged): number {
  return (
    compareEventTimes(a.first.time, b.first.time) ||
    a.first.node.rank - b.first.node.rank ||
    a.first.index - b.first.index
  );
}

/**
 * Merges tellings of the same event and returns the events, in the order their first tellings
 * are given (`oldestFirst` sorts them). Two tellings by different postmortems are the same
 * event when
 *
 * 1. one has `ref` naming the other's postmortem and the other is its best match there on the same
 *    calendar date (see `bestMatch`), or
 * 2. they share the calendar date, the environment (both absent counts as the same) and the kind,
 *    and their postmortems are in the same recurrence chain (`chainOf`) or are neighbours: joined
 *    directly by a `related` edge, either way, or a `ref`.
 *
 * Rule 2 asks for a chain or a direct link so that two unrelated incidents that both had a
 * production outage on a busy day stay apart; it is not extended through `similar` or `caused-by`
 * edges, which would soon join everything to everything. Sameness is transitive, but one postmortem
 * never tells the same event twice: a merge that would put two of its tellings together is skipped.
 */
function mergeTellings(
  tellings: readonly Telling[],
  rules: {
    readonly chainOf: (node: Node) => number | undefined;
    readonly neighbours?: (node: Node) => Iterable<Node>;
  },
  meter: Meter,
): Merged[] {
  const sets = new DisjointSets(tellings.length, meter);
  // The ranks of the postmortems telling each cluster, kept at its root; none yet for a telling
  // that is still alone, since most are (a set for each was most of a chain merge's garbage).
  const tellers = new Array<Set<number> | undefined>(tellings.length);
  const rankAt = (at: number): number => (tellings[at] as Telling).node.rank;
  const join = (a: number, b: number): boolean => {
    const ra = sets.find(a);
    const rb = sets.find(b);
    if (ra === rb) return true;
    const [one, other] = [tellers[ra], tellers[rb]];
    meter.steps += 1;
    let joined: Set<number>;
    if (one === undefined && other === undefined) {
      if (rankAt(ra) === rankAt(rb)) return false;
      joined = new Set([rankAt(ra), rankAt(rb)]);
    } else if (one === undefined || other === undefined) {
      joined = (one ?? other) as Set<number>;
      const rank = rankAt(one === undefined ? ra : rb);
      if (joined.has(rank)) return false;
      joined.add(rank);
    } else {
      const small = one.size <= other.size ? one : other;
      joined = small === one ? other : one;
      for (const rank of small) {
        meter.steps += 1;
        if (joined.has(rank)) return false;
      }
      for (const rank of small) joined.add(rank);
    }
    tellers[ra] = tellers[rb] = undefined;
    tellers[sets.union(ra, rb)] = joined;
    return true;
  };
  const firstJoin = (candidates: readonly number[], at: number): boolean => {
    for (let index = 0; index < candidates.length; index += 1) {
      meter.steps += 1;
      if (join(candidates[index] as number, at)) return true;
    }
    return false;
  };
  const sameEvent = (telling: Telling): string =>
    `${telling.day}\n${telling.event.environment ?? ''}\n${telling.event.kind}`;
  const tellingAtPosition = (at: number): Telling => tellings[at] as Telling;

  // Indexes made only when a rule needs them: a chain's few outages are merged by the chain rule.
  let byDay: Map<string, Map<string, number[]>> | undefined;
  tellings.forEach((telling, at) => {
    const ref = telling.event.ref;
    if (ref === undefined || ref === telling.node.id) return;
    byDay ??= indexTellings(tellings, (candidate) => candidate.day, meter);
    const match = bestMatch(telling, byDay.get(ref)?.get(telling.day), tellingAtPosition, meter);
    if (match !== undefined) join(at, match);
  });

  // Within a chain: each telling joins the first cluster of its day, environment and kind that does
  // not already hold a telling of its postmortem, or starts one.
  const inChain = new Map<string, number[]>();
  tellings.forEach((telling, at) => {
    const chain = rules.chainOf(telling.node);
    if (chain === undefined) return;
    const key = `${chain}\n${sameEvent(telling)}`;
    const clusters = inChain.get(key);
    if (!clusters) inChain.set(key, [at]);
    else if (!firstJoin(clusters, at)) clusters.push(at);
  });

  // Between neighbours: each telling joins the first telling of the same day, environment and kind
  // of each neighbour that it can.
  if (rules.neighbours) {
    const byEvent = indexTellings(tellings, sameEvent, meter);
    tellings.forEach((telling, at) => {
      for (const neighbour of (rules.neighbours as (node: Node) => Iterable<Node>)(telling.node)) {
        firstJoin(byEvent.get(neighbour.id)?.get(sameEvent(telling)) ?? [], at);
      }
    });
  }

  // Each cluster's tellings, in the order of its first telling; most clusters hold one.
  const clusterAt = new Array<Telling[] | undefined>(tellings.length);
  const clusters: Telling[][] = [];
  for (let at = 0; at < tellings.length; at += 1) {
    const root = sets.find(at);
    const cluster = clusterAt[root];
    if (cluster) cluster.push(tellings[at] as Telling);
    else clusters.push((clusterAt[root] = [tellings[at] as Telling]));
  }
  return clusters.map(toMerged);
}

function toMerged(members: readonly Telling[]): Merged {
  let ordered = members;
  if (members.length > 1) {
    const ids = new Set(members.map((telling) => telling.node.id));
    const refsAnother = (telling: Telling): number => {
      const ref = telling.event.ref;
      return ref !== undefined && ref !== telling.node.id && ids.has(ref) ? 1 : 0;
    };
    ordered = sortSmall(
      [...members],
      (a, b) => refsAnother(a) - refsAnother(b) || a.node.rank - b.node.rank || a.index - b.index,
    );
  }
  const first = ordered[0] as Telling;
  const sources = ordered.map((telling): EventSource => ({ id: telling.node.id, eventId: telling.eventId }));
  let environment = first.event.environment;
  for (let at = 1; environment === undefined && at < ordered.length; at += 1) {
    environment = (ordered[at] as Telling).event.environment;
  }
  const levels =
    ordered.length === 1
      ? levelsOf(first.node)
      : levelKeys.filter((level) => ordered.some((telling) => telling.node.record.data.level.includes(level)));
  const { at, kind, text } = first.event;
  // Two literals rather than a spread of `environment`: a chain merge makes thousands of these.
  const event: MergedEvent =
    environment === undefined
      ? { at, time: first.time, kind, text, sources, levels }
      : { at, time: first.time, kind, environment, text, sources, levels };
  return { event, first };
}

/** A postmortem's levels in vocabulary order, shared by all its events told by it alone. */
function levelsOf(node: Node): readonly Level[] {
  node.levels ??= levelKeys.filter((level) => node.record.data.level.includes(level));
  return node.levels;
}

/**
 * The outages of a chain that came after a fix, paired with that fix. An outage O is reported,
 * with action A of postmortem P, when all of these hold:
 *
 * - P is in the chain and A has status `done` and a `closed` date;
 * - O's calendar date (as written) is strictly after A's `closed` date;
 * - P is earlier than some postmortem telling O: a source of O has a higher number than P. So an
 *   outage told only by P itself (or by postmortems before P) does not count, while one P tells and
 *   a later postmortem tells again does.
 *
 * When several actions qualify, the one closed last is named (ties: the later postmortem, then the
 * later action in its list): the most recent fix that did not hold. Each outage appears at most once.
 * A sweep over days with a prefix-maximum tree keeps this O((outages + actions) log chain length).
 */
function recurrencesAfterFix(
  chain: readonly Node[],
  outages: readonly MergedEvent[],
  meter: Meter,
): RecurrenceAfterFix[] {
  const actions: { readonly at: number; readonly action: RecurrenceAfterFix['action'] }[] = [];
  chain.forEach((node, at) =>
    node.record.data.actions.forEach(({ status, closed, title }) => {
      if (status === 'done' && closed !== undefined)
        actions.push({ at, action: { postmortemId: node.id, title, closed } });
    }),
  );
  if (actions.length === 0) return [];
  sortSmall(actions, (a, b) =>
    a.action.closed < b.action.closed ? -1 : a.action.closed > b.action.closed ? 1 : a.at - b.at,
  );
  const rankInChain = new Map<string, number>();
  chain.forEach((node, at) => rankInChain.set(node.id, at));

  const byDay = outages.map((outage, at) => ({ outage, at, day: outage.at.slice(0, 10) }));
  // Outages come ordered by instant, which orders their written days too unless offsets differ.
  if (byDay.some((entry, at) => at > 0 && (byDay[at - 1] as typeof entry).day > entry.day)) {
    byDay.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.at - b.at));
  }
  const tree = new PrefixMax(chain.length);
  // By the outage's position in `outages`.
  const found = new Array<RecurrenceAfterFix | undefined>(outages.length);
  let next = 0;
  byDay.forEach(({ outage, at, day }) => {
    for (; next < actions.length && (actions[next]?.action.closed as string) < day; next += 1) {
      meter.steps += 1;
      tree.set((actions[next] as { at: number }).at, next);
    }
    let latestTeller = -1;
    outage.sources.forEach((source) => (latestTeller = Math.max(latestTeller, rankInChain.get(source.id) as number)));
    const best = tree.max(latestTeller);
    if (best !== undefined) found[at] = { outage, action: (actions[best] as (typeof actions)[number]).action };
  });
  // `filter` skips the holes: outages not found.
  return found.filter((entry) => entry !== undefined);
}

/** Disjoint sets over 0..size-1 with path halving and union by size. */
class DisjointSets {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  private readonly meter: Meter;

  constructor(size: number, meter: Meter) {
    this.parent = new Int32Array(size);
    for (let at = 0; at < size; at += 1) this.parent[at] = at;
    this.size = new Int32Array(size).fill(1);
    this.meter = meter;
  }

  find(at: number): number {
    let node = at;
    for (;;) {
      this.meter.steps += 1;
      const parent = this.parent[node] as number;
      if (parent === node) return node;
      const grandparent = this.parent[parent] as number;
      this.parent[node] = grandparent;
      node = grandparent;
    }
  }

  /** Joins the sets of `a` and `b` and returns the root of the joined set. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
    return ra;
  }
}

/** Maximum of values set at positions, queried over the positions before a bound (a Fenwick tree). */
class PrefixMax {
  private readonly tree: number[];

  constructor(size: number) {
    this.tree = new Array<number>(size + 1).fill(-1);
  }

  set(position: number, value: number): void {
    for (let at = position + 1; at < this.tree.length; at += at & -at) {
      this.tree[at] = Math.max(this.tree[at] as number, value);
    }
  }

  /** The largest value set at a position below `bound`, if any. */
  max(bound: number): number | undefined {
    let best = -1;
    for (let at = bound; at > 0; at -= at & -at) best = Math.max(best, this.tree[at] as number);
    return best === -1 ? undefined : best;
  }
}

/**
 * Sorts in place, stably, like `Array.prototype.sort`. Most lists sorted here hold a few items
 * each, and `Array.prototype.sort` allocates its own work space on every call: over the graph's
 * tens of thousands of calls that was a sixth of its garbage. Those go through an insertion sort;
 * longer lists still go to the built-in one.
 */
function sortSmall<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare);
  for (let at = 1; at < list.length; at += 1) {
    const item = list[at] as T;
    let to = at;
    for (; to > 0 && compare(list[to - 1] as T, item) > 0; to -= 1) list[to] = list[to - 1] as T;
    list[to] = item;
  }
  return list;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface FixFollowedByOutages {
  readonly action: RecurrenceAfterFix['action'];
  readonly outages: readonly MergedEvent[];
}

/** "Recurred after the fix", one entry per action: the action, then the outages that came after it. */
export function groupByAction(recurrences: readonly RecurrenceAfterFix[]): FixFollowedByOutages[] {
  const groups = new Map<string, { action: RecurrenceAfterFix['action']; outages: MergedEvent[] }>();
  for (const { action, outage } of recurrences) {
    const key = `${action.postmortemId}\u0000${action.title}\u0000${action.closed}`;
    const group = groups.get(key) ?? { action, outages: [] };
    group.outages.push(outage);
    groups.set(key, group);
  }
  return [...groups.values()];
}
