import Fuse, { type FuseIndex, type FuseResult, type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import { aliasObject, type Entity, type EntityKind } from '../dataset-schema.ts';
import { foldText } from '../fold-text.ts';

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

/**
 * What Fuse matches fuzzily, and the field weights: names win over aliases, aliases over event phrases,
 * phrases over roles. Summaries, too long for Bitap on every keystroke, are matched by word prefix from
 * a precomputed word index (`SEARCH_RANKING.summaryFactor`).
 */
export const SEARCH_KEYS = Object.freeze([
  { name: 'name', weight: 4 },
  { name: 'aliases', weight: 3 },
  { name: 'phrases', weight: 2 },
  { name: 'role', weight: 1 },
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
  /**
   * A summary word match as a factor of a Fuse score (Fuse multiplies the scores of the fields that
   * match; 0.95 is about what it gave an exact word in a summary weighted 0.5 next to the fields above):
   * the score of a record found only by its summary, and multiplied into the score of one Fuse found.
   */
  summaryFactor: 0.95,
  /** Fuse is asked for this many times the wanted results before re-ranking. */
  overfetch: 3,
  defaultLimit: 20,
});

const NAME_KEYS = new Set(['name', 'aliases']);

/**
 * The two stages in front of the ranking. Fuse's Bitap scan costs time in proportion to all the text of
 * all records it is given (on 10,000 entities most of it in summaries, then roles), so a search uses
 * indexes precomputed at build time:
 * - the letter pairs (bigrams) of each folded name, alias, phrase and role pick the candidates Fuse
 *   scores: a Fuse match of a query of m characters with at most k = ⌊threshold·m⌋ errors keeps at
 *   least (pairs of the query) − 2k of its pairs in the string it matches, so records with no string
 *   sharing that many are skipped (at least one pair is always needed, which for three-letter queries
 *   drops matches with a middle typo). When more records qualify than `limit`, those with a string
 *   sharing the most pairs go first, names before phrases and roles, then those matching in more
 *   strings (and their summary), then those whose best string is shorter, as Fuse would rank them;
 * - the folded words of each summary: a record whose summary has a word beginning with every query
 *   word of at least `summaryPrefix` characters is found too (by word prefix, not fuzzily), without
 *   going through Fuse.
 */
export const SEARCH_CANDIDATES = Object.freeze({
  /** At most this many candidates go to Fuse. */
  limit: 300,
  /** Query words shorter than this are not looked up in summaries. */
  summaryPrefix: 3,
});

/** String or record numbers (ascending) by letter pair or word. */
type Postings = Record<string, number[]>;

/** Letter pairs of a group of strings, numbered in record order, and the record and length of each. */
interface GramIndex {
  postings: Postings;
  records: number[];
  lengths: number[];
}

/** The JSON the build writes: the records, Fuse's precomputed index over them and the candidate indexes. */
export interface CompiledSearch {
  records: SearchRecord[];
  index: ReturnType<FuseIndex<SearchRecord>['toJSON']>;
  /** Letter pairs of each folded name and alias, and of each phrase and role. */
  grams: { names: GramIndex; texts: GramIndex };
  /** The folded words of all summaries, sorted (by UTF-16 code units), and the records using each. */
  summaryWords: string[];
  summaryRecords: number[][];
}

/** The loaded search: what `searchEntities` needs, nothing built on load beyond Fuse's parsed index. */
export interface EntitySearch {
  records: readonly SearchRecord[];
  /** Fuse's index records, by record number. */
  indexRecords: FuseIndex<SearchRecord>['records'];
  indexKeys: CompiledSearch['index']['keys'];
  grams: CompiledSearch['grams'];
  summaryWords: readonly string[];
  summaryRecords: readonly (readonly number[])[];
}

/** The distinct letter pairs of folded text, leaving out pairs with white space. */
function bigrams(folded: string, into: Set<string> = new Set()): Set<string> {
  for (let i = 0; i + 1 < folded.length; i++) {
    const pair = folded.slice(i, i + 2);
    if (!/\s/.test(pair)) into.add(pair);
  }
  return into;
}

const words = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function addPostings(postings: Postings, keys: Iterable<string>, record: number) {
  for (const key of keys) {
    const list = postings[key];
    if (list) list.push(record);
    else postings[key] = [record];
  }
}

function compileCandidates(records: readonly SearchRecord[]): Omit<CompiledSearch, 'records' | 'index'> {
  const names: GramIndex = { postings: {}, records: [], lengths: [] };
  const texts: GramIndex = { postings: {}, records: [], lengths: [] };
  const summary: Postings = {};
  const addStrings = (grams: GramIndex, strings: string[], record: number) => {
    for (const text of strings) {
      addPostings(grams.postings, bigrams(foldText(text)), grams.records.length);
      grams.records.push(record);
      grams.lengths.push(text.length);
    }
  };
  records.forEach((record, n) => {
    addStrings(names, [record.name, ...record.aliases], n);
    addStrings(texts, [...record.phrases, record.role], n);
    addPostings(summary, new Set(words(foldText(record.summary))), n);
  });
  const summaryWords = Object.keys(summary).sort(byCodeUnits);
  return { grams: { names, texts }, summaryWords, summaryRecords: summaryWords.map((word) => summary[word] ?? []) };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

/** Precomputes Fuse's index and the candidate indexes at build time so the popup builds nothing on open. */
export function compileSearch(entities: readonly Entity[]): CompiledSearch {
  return compileSearchRecords(buildSearchRecords(entities));
}

/** `compileSearch` for records already flattened (the benchmark's synthetic ones). */
export function compileSearchRecords(records: SearchRecord[]): CompiledSearch {
  const index = Fuse.createIndex(SEARCH_OPTIONS.keys ?? [], records);
  return { records, index: index.toJSON(), ...compileCandidates(records) };
}

/** Loads the compiled search; cheap, as the indexes are already built. */
export function loadSearch(compiled: CompiledSearch): EntitySearch {
  const parsed = Fuse.parseIndex<SearchRecord>(compiled.index);
  const indexRecords: EntitySearch['indexRecords'] = [];
  for (const record of parsed.records) indexRecords[record.i] = record;
  return {
    records: compiled.records,
    indexRecords,
    indexKeys: compiled.index.keys,
    grams: compiled.grams,
    summaryWords: compiled.summaryWords,
    summaryRecords: compiled.summaryRecords,
  };
}

export type SearchResult = FuseResult<SearchRecord>;

/**
 * Ranked results for a query, best first (lower `score` is better): Fuse over the candidates' names,
 * aliases, phrases and roles, then the records found only by words of their summaries.
 */
export function searchEntities(
  search: EntitySearch,
  query: string,
  limit: number = SEARCH_RANKING.defaultLimit,
): SearchResult[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  const wanted = limit * SEARCH_RANKING.overfetch;
  const tokens = summaryTokens(foldText(trimmed));
  const inSummary = summaryMatches(search, tokens);
  const candidates = findCandidates(search, trimmed, inSummary);
  const fuseResults = candidates.length
    ? new Fuse(
        search.records as SearchRecord[],
        SEARCH_OPTIONS,
        Fuse.parseIndex<SearchRecord>({
          keys: search.indexKeys,
          records: candidates.map((n) => search.indexRecords[n]).filter((record) => record !== undefined),
        }),
      ).search(trimmed, { limit: wanted })
    : [];
  const summaryHit = new Set(inSummary);
  const found = new Set<number>();
  const fuseFound = fuseResults.map((result) => {
    found.add(result.refIndex);
    if (!summaryHit.has(result.refIndex)) return result;
    return { ...result, score: (result.score ?? 1) * SEARCH_RANKING.summaryFactor };
  });
  const summaryOnly = inSummary
    .filter((n) => !found.has(n))
    // Shorter summaries first, as Fuse's field-length norm had it.
    .sort((a, b) => (search.records[a]?.summary.length ?? 0) - (search.records[b]?.summary.length ?? 0) || a - b)
    .slice(0, wanted)
    .flatMap((n) => summaryResult(search, n, tokens));
  return rankByNames([...fuseFound, ...summaryOnly], limit);
}

/** A result for a record found by its summary words, with the matched word beginnings marked. */
function summaryResult(search: EntitySearch, refIndex: number, tokens: readonly string[]): SearchResult[] {
  const item = search.records[refIndex];
  if (!item) return [];
  const indices: [number, number][] = [];
  for (const word of item.summary.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = foldText(word[0]);
    const token = tokens.find((prefix) => folded.startsWith(prefix));
    if (token) indices.push([word.index, word.index + Math.min(token.length, word[0].length) - 1]);
  }
  return [
    {
      item,
      refIndex,
      score: SEARCH_RANKING.summaryFactor,
      matches: [{ key: 'summary', value: item.summary, indices }],
    },
  ];
}

/** Fuse's results re-ranked so that a result whose name or alias the query covers more of wins. */
export function rankByNames(results: readonly SearchResult[], limit: number): SearchResult[] {
  const ranked = results.map((result, order) => ({
    result,
    order,
    score: (result.score ?? 0) + namePenalty(result.matches ?? []),
  }));
  ranked.sort((a, b) => a.score - b.score || a.order - b.order);
  return ranked.slice(0, limit).map(({ result, score }) => ({ ...result, score }));
}

/**
 * The record numbers Fuse should score for a query, at most `SEARCH_CANDIDATES.limit`, most promising
 * first; `inSummary` (records whose summary matches the query words) only breaks ties.
 */
export function findCandidates(search: EntitySearch, query: string, inSummary: readonly number[] = []): number[] {
  const folded = foldText(query);
  const pairs = [...bigrams(folded)];
  if (!pairs.length) return [];
  const size = search.records.length;
  const errors = Math.floor((SEARCH_OPTIONS.threshold ?? 0.6) * folded.length);
  // Fuse searches patterns longer than 32 characters in pieces, any of which may match.
  const need = folded.length > 32 ? 1 : Math.max(1, pairs.length - 2 * errors);
  // Per record: the most pairs one string shares (times 2, plus 1 for a name), the length of the
  // shortest such string and how many strings (and summaries) match.
  const best = new Uint16Array(size);
  const bestLength = new Uint16Array(size);
  const matched = new Uint16Array(size);
  const chosen: number[] = [];
  const scan = (grams: GramIndex, nameBonus: number) => {
    const hits = new Uint16Array(grams.records.length);
    for (const pair of pairs) for (const s of postingsOf(grams.postings, pair)) hits[s] = (hits[s] ?? 0) + 1;
    hits.forEach((count, s) => {
      if (count < need) return;
      const n = grams.records[s] ?? 0;
      const key = count * 2 + nameBonus;
      const length = Math.min(grams.lengths[s] ?? 0, 0xffff);
      if (!matched[n]) chosen.push(n);
      if (key > (best[n] ?? 0) || (key === best[n] && length < (bestLength[n] ?? 0))) {
        best[n] = key;
        bestLength[n] = length;
      }
      matched[n] = (matched[n] ?? 0) + 1;
    });
  };
  scan(search.grams.names, 1);
  scan(search.grams.texts, 0);
  if (chosen.length > SEARCH_CANDIDATES.limit) {
    for (const n of inSummary) if (matched[n]) matched[n] = (matched[n] ?? 0) + 1;
    // Fuse scores a record better the more of its strings match, and a shorter string better.
    const priority = (n: number) =>
      (best[n] ?? 0) * 1e6 + Math.min(matched[n] ?? 0, 999) * 1e3 - Math.min(bestLength[n] ?? 0, 999);
    const keys = new Float64Array(size);
    for (const n of chosen) keys[n] = priority(n);
    chosen.sort((a, b) => (keys[b] ?? 0) - (keys[a] ?? 0) || a - b);
    chosen.length = SEARCH_CANDIDATES.limit;
  }
  return chosen;
}

function postingsOf(postings: Postings, key: string): readonly number[] {
  return Object.hasOwn(postings, key) ? (postings[key] ?? []) : [];
}

/** The query words looked up in summaries. */
function summaryTokens(folded: string): string[] {
  return [...new Set(words(folded))].filter((word) => word.length >= SEARCH_CANDIDATES.summaryPrefix);
}

/** The records whose summary has a word beginning with each of `tokens` (folded query words). */
export function summaryMatches(search: EntitySearch, tokens: readonly string[]): number[] {
  if (!tokens.length) return [];
  const counts = new Uint16Array(search.records.length);
  const found: number[] = [];
  tokens.forEach((token, t) => {
    const { summaryWords, summaryRecords } = search;
    for (let w = lowerBound(summaryWords, token); summaryWords[w]?.startsWith(token); w++) {
      for (const n of summaryRecords[w] ?? []) {
        // Counts each record once per query word: only records found by all earlier words go on.
        if (counts[n] !== t) continue;
        counts[n] = t + 1;
        if (t === tokens.length - 1) found.push(n);
      }
    }
  });
  return found;
}

/** The first position in a sorted list whose word is not before `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < word) low = mid + 1;
    else high = mid;
  }
  return low;
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
