import Fuse, { type FuseIndex, type FuseResult, type IFuseOptions } from 'fuse.js';
import { aliasObject, type Entity, type EntityKind } from '../dataset-schema.ts';

/** What the popup searches: one flat record per entity. */
export interface SearchRecord {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  role: string;
  summary: string;
}

/** Field weights: names win over aliases, aliases over roles, roles over summaries. */
export const SEARCH_KEYS = Object.freeze([
  { name: 'name', weight: 4 },
  { name: 'aliases', weight: 3 },
  { name: 'role', weight: 1 },
  { name: 'summary', weight: 0.5 },
]);

export const SEARCH_OPTIONS: Readonly<IFuseOptions<SearchRecord>> = Object.freeze({
  keys: SEARCH_KEYS as unknown as IFuseOptions<SearchRecord>['keys'],
  includeScore: true,
  includeMatches: true,
  ignoreDiacritics: true,
  ignoreLocation: true,
  threshold: 0.35,
  minMatchCharLength: 2,
});

/** The JSON the build writes: the records and Fuse's precomputed index over them. */
export interface CompiledSearch {
  records: SearchRecord[];
  index: ReturnType<FuseIndex<SearchRecord>['toJSON']>;
}

/** Flattens entities into search records. */
export function buildSearchRecords(entities: readonly Entity[]): SearchRecord[] {
  return entities.map((entity) => ({
    id: entity.id,
    kind: entity.kind,
    name: entity.name,
    aliases: entity.aliases.map((alias) => aliasObject(alias).text).filter((text) => text !== entity.name),
    role: entity.role,
    summary: entity.summary,
  }));
}

/** Precomputes Fuse's index at build time so the popup does not build it on open. */
export function compileSearch(entities: readonly Entity[]): CompiledSearch {
  const records = buildSearchRecords(entities);
  const index = Fuse.createIndex(SEARCH_OPTIONS.keys ?? [], records);
  return { records, index: index.toJSON() };
}

/** Loads the compiled search; cheap, as the index is already built. */
export function loadSearch(compiled: CompiledSearch): Fuse<SearchRecord> {
  return new Fuse(compiled.records, SEARCH_OPTIONS, Fuse.parseIndex<SearchRecord>(compiled.index));
}

export type SearchResult = FuseResult<SearchRecord>;

/** Ranked results for a query, best first. */
export function searchEntities(fuse: Fuse<SearchRecord>, query: string, limit = 20): SearchResult[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  return fuse.search(trimmed, { limit });
}
