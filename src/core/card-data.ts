import type { Entity, Source } from './dataset-schema.ts';
import { citedSources, type DatasetView } from './search/dataset-view.ts';

/** What one hover card shows: the entity, the sources it cites and the names of the entities it links to. */
export interface CardData {
  entity: Entity;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
}

/** The same, as plain JSON for a message between the background and a page (Maps do not survive it). */
export interface CardDataMessage {
  entity: Entity;
  sources: Source[];
  names: [string, string][];
}

/** The ids an entity's card links to: related entities, the event's place, participants and sequence. */
export function linkedIds(entity: Entity): string[] {
  return [
    ...new Set([
      ...(entity.related ?? []),
      ...(entity.place ? [entity.place] : []),
      ...(entity.participants ?? []),
      ...(entity.precededBy ?? []),
      ...(entity.followedBy ?? []),
    ]),
  ];
}

/** One entity's card data from the dataset view, or undefined for an unknown id. */
export function cardDataFor(view: DatasetView, id: string): CardDataMessage | undefined {
  const entity = view.entities.get(id);
  if (!entity) return undefined;
  const sources = citedSources(entity).flatMap((sourceId) => view.sources.get(sourceId) ?? []);
  const names = linkedIds(entity).flatMap((linked): [string, string][] => {
    const name = view.names.get(linked);
    return name ? [[linked, name]] : [];
  });
  return { entity, sources, names };
}

/** Turns a card data message back into the maps the card reads. */
export function cardDataFromMessage(message: CardDataMessage): CardData {
  return {
    entity: message.entity,
    sources: new Map(message.sources.map((source) => [source.id, source])),
    names: new Map([...message.names, [message.entity.id, message.entity.name]]),
  };
}
