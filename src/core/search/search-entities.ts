import Fuse, { type FuseIndex, type FuseResult, type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import { aliasObject, type Entity, type EntityKind } from '../dataset-schema.ts';

/** What the popup searches: one flat record per entity. */
export interface SearchRecord {
  id: string;
  kind: EntityKind;
  name: string;
  /** Other names the entity goes by (proper names, abbreviations). */
  aliases: string[];
  /** Descriptive phrases written in any case ("met in Alaska", "minerals deal"), mostly of events. */
  phrases: string[];
  role: string;
  summary: string;
}

/** Field weights: names win over aliases, aliases over event phrases, phrases over roles, roles over summaries. */
export const SEARCH_KEYS = Object.freeze([
  { name: 'name', weight: 4 },
  { name: 'aliases', weight: 3 },
  { name: 'phrases', weight: 2 },
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

/**
 * Re-ranking on top of Fuse's score, which ties at 0 for any exact substring ("witkof" is in both
 * "Steve Witkoff" and "Witkoff Moscow visit"): a result whose name (or alias) the query covers more of wins.
 */
export const SEARCH_RANKING = Object.freeze({
  /** Added to the score in proportion to how much of the best name or alias the query does not cover. */
  uncoveredNamePenalty: 0.12,
  /** Added when the query matched no name or alias at all, only phrases, roles or summaries. */
  noNamePenalty: 0.15,
  /** Fuse is asked for this many times the wanted results before re-ranking. */
  overfetch: 3,
  defaultLimit: 20,
});

const NAME_KEYS = new Set(['name', 'aliases']);

/** The JSON the build writes: the records and Fuse's precomputed index over them. */
export interface CompiledSearch {
  records: SearchRecord[];
  index: ReturnType<FuseIndex<SearchRecord>['toJSON']>;
}

/** Flattens entities into search records; phrase aliases (any case, with " … " gaps) become plain phrases. */
export function buildSearchRecords(entities: readonly Entity[]): SearchRecord[] {
  return entities.map((entity) => {
    const aliases = entity.aliases.map(aliasObject);
    const isPhrase = (alias: { case?: string }) => alias.case === 'any';
    const unique = (texts: string[]) => [...new Set(texts)].filter((text) => text !== entity.name);
    return {
      id: entity.id,
      kind: entity.kind,
      name: entity.name,
      aliases: unique(aliases.filter((alias) => !isPhrase(alias)).map((alias) => alias.text)),
      phrases: unique(aliases.filter(isPhrase).map((alias) => alias.text.replace(/\s*…\s*/g, ' '))),
      role: entity.role,
      summary: entity.summary,
    };
  });
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

/** Ranked results for a query, best first (lower `score` is better). */
export function searchEntities(
  fuse: Fuse<SearchRecord>,
  query: string,
  limit: number = SEARCH_RANKING.defaultLimit,
): SearchResult[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const ranked = fuse
    .search(trimmed, { limit: limit * SEARCH_RANKING.overfetch })
    .map((result, order) => ({ result, order, score: (result.score ?? 0) + namePenalty(result.matches ?? []) }));
  ranked.sort((a, b) => a.score - b.score || a.order - b.order);
  return ranked.slice(0, limit).map(({ result, score }) => ({ ...result, score }));
}

function namePenalty(matches: readonly FuseResultMatch[]): number {
  let best = -1;
  for (const match of matches) {
    if (!match.key || !NAME_KEYS.has(match.key) || !match.value) continue;
    const covered = match.indices.reduce((sum, [start, end]) => sum + end - start + 1, 0);
    best = Math.max(best, Math.min(1, covered / match.value.length));
  }
  return best < 0
    ? SEARCH_RANKING.noNamePenalty + SEARCH_RANKING.uncoveredNamePenalty
    : SEARCH_RANKING.uncoveredNamePenalty * (1 - best);
}

/** A piece of a displayed string, marked when the query matched it. */
export interface MarkedPart {
  text: string;
  marked: boolean;
}

/** Splits `value` into marked and unmarked parts from Fuse's match indices (inclusive pairs). */
export function markMatches(value: string, indices: readonly (readonly [number, number])[] = []): MarkedPart[] {
  const sorted = [...indices].sort((a, b) => a[0] - b[0]);
  const parts: MarkedPart[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end < at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: value.slice(at, from), marked: false });
    parts.push({ text: value.slice(from, end + 1), marked: true });
    at = end + 1;
  }
  if (at < value.length) parts.push({ text: value.slice(at), marked: false });
  return parts;
}

/** The match indices of one key (and, for arrays, one element) in a result, if any. */
export function matchIndices(result: SearchResult, key: keyof SearchRecord): readonly (readonly [number, number])[] {
  return result.matches?.find((match) => match.key === key)?.indices ?? [];
}
