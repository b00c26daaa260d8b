import type { Entity, Source } from '../dataset-schema.ts';

/** The compiled dataset, indexed the way the popup and cards look things up. */
export interface DatasetView {
  entities: ReadonlyMap<string, Entity>;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
  /** Dated events in time order (see `eventsInTimelineOrder`). */
  timeline: readonly Entity[];
}

/** Indexes compiled entities and sources by id and puts the dated events in time order. */
export function buildDatasetView(entities: readonly Entity[], sources: readonly Source[]): DatasetView {
  return {
    entities: new Map(entities.map((entity) => [entity.id, entity])),
    sources: new Map(sources.map((source) => [source.id, source])),
    names: new Map(entities.map((entity) => [entity.id, entity.name])),
    timeline: eventsInTimelineOrder(entities),
  };
}

/** The first day an ISO date of any precision can mean: "2025" → "2025-01-01", "2025-02" → "2025-02-01". */
export function earliestDay(iso: string): string {
  const [year, month = '01', day = '01'] = iso.split('-');
  return `${year}-${month}-${day}`;
}

/** The last day an ISO date of any precision can mean: "2025" → "2025-12-31", "2024-02" → "2024-02-29". */
export function latestDay(iso: string): string {
  const [year = '', month, day] = iso.split('-');
  if (day) return iso;
  if (!month) return `${year}-12-31`;
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return `${year}-${month}-${String(days).padStart(2, '0')}`;
}

/**
 * Dated events in time order, as the timeline shows them: a topological order of the events' chains
 * (`precededBy`/`followedBy`), and among the events the chains leave free, the earliest possible date first,
 * then the earliest possible end, then the name (then the id), so the order is the same everywhere.
 *
 * An explicit chain link always wins over the dates. Where the dates are compatible (one a less precise form of
 * the other, or equal) that is the only reading: a "2025" event that follows a "2025-02" one is shown after it.
 * Where they clearly differ, the dates decide the order of events no chain links, and a link still wins: an
 * event the data dates before the event it follows (contradictory data) comes right after that event.
 *
 * A cycle in the chains (which the validator rejects) cannot hang or throw: among the events of a cycle, the
 * links that go against their date-and-name order are ignored, so they keep that order. Links to events that
 * are not in the timeline are ignored. O((events + links) log events).
 */
export function eventsInTimelineOrder(entities: readonly Entity[]): Entity[] {
  const events = entities.filter((entity) => entity.kind === 'event' && entity.date).sort(compareByDate);
  // From here on an event is its rank: the smaller the rank, the earlier it sorts by date and name.
  const rank = new Map(events.map((event, i) => [event.id, i]));
  const chained: number[][] = events.map(() => []);
  // A link to an id outside the timeline becomes a link of the event to itself, dropped below.
  events.forEach((event, i) => {
    for (const id of event.precededBy ?? []) chained[rank.get(id) ?? i]?.push(i);
    for (const id of event.followedBy ?? []) chained[i]?.push(rank.get(id) ?? i);
  });
  const component = cycleComponents(chained);
  // Within a cycle, only the links that agree with the date-and-name order count.
  const after = chained.map((later, from) => [
    ...new Set(later.filter((to) => to !== from && (component[to] !== component[from] || from < to))),
  ]);

  const waitingOn = events.map(() => 0);
  for (const later of after) for (const to of later) waitingOn[to] = (waitingOn[to] ?? 0) + 1;
  const placed = events.map(() => false);
  const ready = new MinHeap();
  waitingOn.forEach((count, i) => {
    if (count === 0) ready.push(i);
  });
  const order: Entity[] = [];
  while (order.length < events.length) {
    // The links left cannot form a cycle, so `ready` only runs dry at the end; the fallback guards the loop.
    const i = ready.pop() ?? placed.indexOf(false);
    placed[i] = true;
    order.push(events[i] as Entity);
    for (const later of after[i] ?? []) {
      waitingOn[later] = (waitingOn[later] ?? 0) - 1;
      if (waitingOn[later] === 0 && !placed[later]) ready.push(later);
    }
  }
  return order;
}

/**
 * The strongly connected components of a graph given as lists of successors (Tarjan's algorithm, without
 * recursion): two nodes share a component exactly when they lie on a common cycle.
 */
function cycleComponents(next: readonly (readonly number[])[]): number[] {
  const index: number[] = next.map(() => -1);
  const low: number[] = next.map(() => 0);
  const component: number[] = next.map(() => -1);
  const stack: number[] = [];
  let visited = 0;
  let components = 0;
  const visit = (node: number, work: [number, number][]) => {
    index[node] = visited;
    low[node] = visited++;
    stack.push(node);
    work.push([node, 0]);
  };
  next.forEach((_, start) => {
    if ((index[start] ?? -1) >= 0) return;
    const work: [number, number][] = [];
    visit(start, work);
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [node, edge] = frame;
      const to = next[node]?.[edge];
      if (to !== undefined) {
        frame[1]++;
        if ((index[to] ?? -1) < 0) visit(to, work);
        else if ((component[to] ?? -1) < 0) low[node] = Math.min(low[node] ?? 0, index[to] ?? 0);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1]?.[0];
      if (parent !== undefined) low[parent] = Math.min(low[parent] ?? 0, low[node] ?? 0);
      if (low[node] === index[node]) {
        let member: number | undefined;
        do {
          member = stack.pop();
          if (member !== undefined) component[member] = components;
        } while (member !== undefined && member !== node);
        components++;
      }
    }
  });
  return component;
}

/** Earliest possible start, then earliest possible end, then name, then id. */
function compareByDate(a: Entity, b: Entity): number {
  const startA = earliestDay(a.date?.on ?? '');
  const startB = earliestDay(b.date?.on ?? '');
  if (startA !== startB) return startA < startB ? -1 : 1;
  const endA = latestDay(a.date?.until ?? a.date?.on ?? '');
  const endB = latestDay(b.date?.until ?? b.date?.on ?? '');
  if (endA !== endB) return endA < endB ? -1 : 1;
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A binary min-heap of numbers: the events ready to be placed, by rank. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const items = this.items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[i] = items[parent] as number;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && (items[child + 1] as number) < (items[child] as number)) child++;
      if ((items[child] as number) >= last) break;
      items[i] = items[child] as number;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

/** The ids of the sources an entity's facts and disputes cite, in first-cited order. */
export function citedSources(entity: Entity): string[] {
  const facts = [...entity.facts, ...(entity.disputes ?? []).flatMap((dispute) => dispute.claims)];
  return [...new Set(facts.flatMap((fact) => fact.citations.map((citation) => citation.source)))];
}

/**
 * The events around an event, for its small timeline: itself, what preceded and followed it and the
 * related events, in timeline order.
 */
export function eventNeighbourhood(event: Entity, view: DatasetView): Entity[] {
  const ids = new Set([event.id, ...(event.precededBy ?? []), ...(event.followedBy ?? []), ...(event.related ?? [])]);
  return view.timeline.filter((entity) => ids.has(entity.id));
}
