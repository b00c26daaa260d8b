/**
 * The kinds of entity and the id prefix that names each: small and free of the schema library, so that the
 * content script can tell an id's kind without carrying the dataset's schema.
 */

export const ENTITY_KINDS = ['person', 'organization', 'place', 'event', 'topic'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The id prefix for each kind (`org/nato` is an organization). */
export const KIND_ID_PREFIX: Readonly<Record<EntityKind, string>> = Object.freeze({
  person: 'person',
  organization: 'org',
  place: 'place',
  event: 'event',
  topic: 'topic',
});

const KIND_OF_PREFIX: ReadonlyMap<string, EntityKind> = new Map(
  (Object.entries(KIND_ID_PREFIX) as [EntityKind, string][]).map(([kind, prefix]) => [prefix, kind]),
);

/** The kind an entity id names by its prefix (`person/steve-witkoff` -> person; validation ties the two), if any. */
export function kindOfId(id: string): EntityKind | undefined {
  return KIND_OF_PREFIX.get(id.slice(0, id.indexOf('/')));
}
