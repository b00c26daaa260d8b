import type { Entity, Source } from '../dataset-schema.ts';

/** The compiled dataset, indexed the way the popup and cards look things up. */
export interface DatasetView {
  entities: ReadonlyMap<string, Entity>;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
  /** Dated events, oldest first. */
  timeline: readonly Entity[];
}

/** Indexes compiled entities and sources by id and puts the dated events in date order. */
export function buildDatasetView(entities: readonly Entity[], sources: readonly Source[]): DatasetView {
  return {
    entities: new Map(entities.map((entity) => [entity.id, entity])),
    sources: new Map(sources.map((source) => [source.id, source])),
    names: new Map(entities.map((entity) => [entity.id, entity.name])),
    timeline: eventsInDateOrder(entities),
  };
}

/** Events with a date, oldest first; ties by name so the order is stable. */
export function eventsInDateOrder(entities: readonly Entity[]): Entity[] {
  return entities
    .filter((entity) => entity.kind === 'event' && entity.date)
    .sort((a, b) => (a.date?.on ?? '').localeCompare(b.date?.on ?? '') || a.name.localeCompare(b.name));
}

/** The ids of the sources an entity's facts and disputes cite, in first-cited order. */
export function citedSources(entity: Entity): string[] {
  const facts = [...entity.facts, ...(entity.disputes ?? []).flatMap((dispute) => dispute.claims)];
  return [...new Set(facts.flatMap((fact) => fact.citations.map((citation) => citation.source)))];
}

/**
 * The events around an event, for its small timeline: itself, what preceded and followed it and the
 * related events, in date order.
 */
export function eventNeighbourhood(event: Entity, view: DatasetView): Entity[] {
  const ids = new Set([event.id, ...(event.precededBy ?? []), ...(event.followedBy ?? []), ...(event.related ?? [])]);
  return view.timeline.filter((entity) => ids.has(entity.id));
}
