import type { Entity, Fact, Source } from './dataset-schema.ts';
import type { PackLabel } from './pack-age.ts';
import { citedSources, type DatasetView } from './search/dataset-view.ts';

/** What one hover card shows: the entity, the sources it cites and the names of the entities it links to. */
export interface CardData {
  entity: Entity;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
  /** The packs the entity's facts come from, by id (empty when the dataset names none). */
  packs: ReadonlyMap<string, PackLabel>;
}

/** The same, as plain JSON for a message between the background and a page (Maps do not survive it). */
export interface CardDataMessage {
  entity: Entity;
  sources: Source[];
  names: [string, string][];
  packs: PackLabel[];
}

/**
 * The id of the pack a fact comes from: the one merging set on it, else the entity's first pack, else the only
 * pack there is (the bundled dataset compiled alone); undefined when that leaves more than one.
 */
export function factPackId(fact: Fact, entity: Entity, packs: readonly { id: string }[]): string | undefined {
  return fact.pack ?? entity.packs?.[0] ?? (packs.length === 1 ? packs[0]?.id : undefined);
}

/** The labels of the packs an entity's facts come from, in the order of `packs`. */
export function entityPackLabels(entity: Entity, packs: readonly PackLabel[]): PackLabel[] {
  const ids = new Set(entity.facts.map((fact) => factPackId(fact, entity, packs)));
  return packs.filter((pack) => ids.has(pack.id));
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

/**
 * One entity's card data from the dataset view, or undefined for an unknown id; `packs` labels the packs of
 * the compiled dataset (their age under the reader's limit).
 */
export function cardDataFor(
  view: DatasetView,
  id: string,
  packs: readonly PackLabel[] = [],
): CardDataMessage | undefined {
  const entity = view.entities.get(id);
  if (!entity) return undefined;
  const sources = citedSources(entity).flatMap((sourceId) => view.sources.get(sourceId) ?? []);
  const names = linkedIds(entity).flatMap((linked): [string, string][] => {
    const name = view.names.get(linked);
    return name ? [[linked, name]] : [];
  });
  return { entity, sources, names, packs: entityPackLabels(entity, packs) };
}

/** Turns a card data message back into the maps the card reads. */
export function cardDataFromMessage(message: CardDataMessage): CardData {
  return {
    entity: message.entity,
    sources: new Map(message.sources.map((source) => [source.id, source])),
    names: new Map([...message.names, [message.entity.id, message.entity.name]]),
    packs: new Map((message.packs ?? []).map((pack) => [pack.id, pack])),
  };
}

/**
 * Reads card data messages, each once: the same answer (the content script keeps each entity's) gives the same
 * `CardData`, so a card made ahead from it, hidden, is recognised as the one to show (`HoverCard`).
 */
export function cardDataReader(): (message: CardDataMessage) => CardData {
  const read = new WeakMap<CardDataMessage, CardData>();
  return (message) => {
    let data = read.get(message);
    if (!data) {
      data = cardDataFromMessage(message);
      read.set(message, data);
    }
    return data;
  };
}
