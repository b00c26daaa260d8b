import Fuse, { type FuseIndex, type FuseResult, type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import { aliasObject, type Entity, type EntityKind } from '../dataset-schema.ts';
import { foldText, soundKey } from '../fold-text.ts';
import { isWhiteSpaceCode } from '../white-space.ts';
import { ROLE_WORDS, sourceDescriptions } from './source-descriptions.ts';

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
  /** How the sources introduce the person ("Finnish President", "NATO chief"): `source-descriptions.ts`. */
  descriptions: string[];
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
  { name: 'descriptions', weight: 2 },
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
  /**
   * Word by word: a record whose names, descriptions, phrases or role hold every query word (each typed in
   * full, as a prefix, with typos (`wordEdits`) or from the same stem (`stemLength`)) scores `wordBase`, plus `wordFieldStep` per field rank
   * (names 0, descriptions 1, phrases 2, role 3, averaged over the words) and `wordFuzzyPenalty` times the
   * share of words not typed in full.
   */
  wordBase: 0.2,
  wordFieldStep: 0.05,
  wordFuzzyPenalty: 0.15,
  /** Typos allowed in a query word of at least 4 letters and of at least 6 (first letter right, as readers type). */
  wordEdits: Object.freeze([
    [4, 1],
    [6, 2],
  ]) as readonly (readonly [number, number])[],
  /** Words sharing this many first letters count as one typed differently ("spokeswoman", "spokesperson"). */
  stemLength: 6,
  /** Query words this short are not required to match ("of", "us"). */
  optionalWordLength: 2,
  /** Taken off a person's score when the query ends in a role noun ("foreign ministry spokeswoman" is a person). */
  roleNounBonus: 0.15,
  /** A score this good is a name typed (nearly) as written: it stays first, and sets the relevance floor. */
  strongScore: 0.25,
  /** Above this score Fuse found nothing close, and a one-word query is also matched word by word ("merts"). */
  weakScore: 0.5,
  /** The relevance floor: after a strong first result, one scoring this much worse is unrelated and left out. */
  floorGap: 0.5,
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

/**
 * The JSON the build writes (and the background stores for enabled packs): the records and the candidate indexes.
 * Fuse's own index is not in it: each search builds one for its candidates alone (`fuseIndexOf`), at most
 * `SEARCH_CANDIDATES.limit` records, so it costs the compile, the stored text and the popup's parse nothing.
 */
export interface CompiledSearch {
  records: SearchRecord[];
  /** Letter pairs of each folded name and alias, and of each phrase and role. */
  grams: { names: GramIndex; texts: GramIndex };
  /** The folded words of all summaries, sorted (by UTF-16 code units), and the records using each. */
  summaryWords: string[];
  summaryRecords: number[][];
  /** The `soundKey`s of the words of names, descriptions, phrases and roles, and per word `record · 4 + field rank`. */
  words: string[];
  wordRecords: number[][];
}

/** The loaded search: what `searchEntities` needs, nothing built on load. */
export interface EntitySearch {
  records: readonly SearchRecord[];
  grams: CompiledSearch['grams'];
  summaryWords: readonly string[];
  summaryRecords: readonly (readonly number[])[];
  words: readonly string[];
  wordRecords: readonly (readonly number[])[];
}

/**
 * The distinct letter pairs of folded text, leaving out pairs with white space, in order of first appearance:
 * each pair's two UTF-16 units as one integer (`pairText` gives its text), so that indexing tens of thousands
 * of strings makes no two-letter string per position.
 */
function bigrams(folded: string): Set<number> {
  const pairs = new Set<number>();
  for (let i = 0; i + 1 < folded.length; i++) {
    const a = folded.charCodeAt(i);
    const b = folded.charCodeAt(i + 1);
    if (!isWhiteSpaceCode(a) && !isWhiteSpaceCode(b)) pairs.add((a << 16) | b);
  }
  return pairs;
}

/** The text of a letter pair from `bigrams`. */
const pairText = (pair: number) => String.fromCharCode(pair >>> 16, pair & 0xffff);

const words = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * Keys numbered in order of first use: the indexes are built from these numbers, so that a key shared by
 * thousands of strings is looked up once per distinct string, not once per use.
 */
class KeyNumbers<K> {
  readonly keys: K[] = [];
  private readonly numbers = new Map<K, number>();
  number(key: K): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.keys.push(key) - 1;
      this.numbers.set(key, n);
    }
    return n;
  }
}

/**
 * `[key number, posting]` pairs in the order they are made, as 32-bit integers: over a million for a large pack,
 * which a list of numbers would hold at twice the size, in copies grown one push at a time.
 */
class PostingLog {
  data = new Int32Array(1 << 12);
  size = 0;
  add(key: number, posting: number): void {
    if (this.size + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = key;
    this.data[this.size++] = posting;
  }
}

/**
 * Postings from a log (postings ascending per key, each once), as lists made at their final size: counted first,
 * then filled, rather than grown one push at a time (tens of thousands of lists of a large pack live to the end
 * of the compile, and every copy of a growing one is garbage). Lists by key number, and the key numbers in order
 * of their first posting.
 */
function postingLists(log: PostingLog, keyCount: number): { lists: number[][]; order: number[] } {
  const { data, size } = log;
  const counts = new Int32Array(keyCount);
  const order: number[] = [];
  for (let i = 0; i < size; i += 2) {
    const key = data[i] as number;
    const count = counts[key] as number;
    if (count === 0) order.push(key);
    counts[key] = count + 1;
  }
  const lists: number[][] = new Array(keyCount);
  for (const key of order) lists[key] = new Array(counts[key]);
  counts.fill(0);
  for (let i = 0; i < size; i += 2) {
    const key = data[i] as number;
    const at = counts[key] as number;
    (lists[key] as number[])[at] = data[i + 1] as number;
    counts[key] = at + 1;
  }
  return { lists, order };
}

/**
 * The last mark given to each key number, for as many numbers as there are: whether a key was already posted
 * for the string or record at hand, without a set per string or record.
 */
class LastMarks {
  private marks = new Int32Array(1024).fill(-1);
  /** Gives `key` the mark `value`; false when it had that mark already. */
  mark(key: number, value: number): boolean {
    if (key >= this.marks.length) {
      const grown = new Int32Array(Math.max(key + 1, this.marks.length * 2)).fill(-1);
      grown.set(this.marks);
      this.marks = grown;
    }
    if (this.marks[key] === value) return false;
    this.marks[key] = value;
    return true;
  }
}

function compileCandidates(records: readonly SearchRecord[]): Omit<CompiledSearch, 'records' | 'index'> {
  const pairNumbers = new KeyNumbers<number>();
  const wordNumbers = new KeyNumbers<string>();
  const summaryNumbers = new KeyNumbers<string>();
  // Thousands of records share their words and strings: each is folded, keyed and split into pairs once.
  const wordNumber = memo((word: string) => wordNumbers.number(soundKey(word)));
  // A pair repeated in a string is kept once: marked with the number of the string that took it last.
  const pairSeen = new LastMarks();
  let analysed = 0;
  const scratch: number[] = [];
  /** The numbers of the distinct letter pairs of folded text, as `bigrams` gives them and in its order. */
  const pairsOf = (folded: string): number[] => {
    // Gathered in one reused list and copied at their count: the copy lives to the end of the compile.
    const pairs = scratch;
    pairs.length = 0;
    const string = analysed++;
    for (let i = 0; i + 1 < folded.length; i++) {
      const a = folded.charCodeAt(i);
      const b = folded.charCodeAt(i + 1);
      if (isWhiteSpaceCode(a) || isWhiteSpaceCode(b)) continue;
      const pair = pairNumbers.number((a << 16) | b);
      if (pairSeen.mark(pair, string)) pairs.push(pair);
    }
    return pairs.slice();
  };
  type Analysis = { pairs: number[]; words: number[]; length: number };
  const analyse = memo((text: string): Analysis => {
    const folded = foldText(text);
    return { pairs: pairsOf(folded), words: words(folded).map(wordNumber), length: text.length };
  });
  const group = () => ({ log: new PostingLog(), records: [] as number[], lengths: [] as number[] });
  const names = group();
  const texts = group();
  const summaryLog = new PostingLog();
  const wordLog = new PostingLog();
  // Postings arrive in ascending order (records in turn, each by field rank), so a repeat can only be the last.
  const lastPosting = new LastMarks();
  const addWords = (strings: readonly Analysis[], record: number, rank: number) => {
    const posting = record * 4 + rank;
    for (const analysis of strings)
      for (const word of analysis.words) if (lastPosting.mark(word, posting)) wordLog.add(word, posting);
  };
  const addStrings = (grams: typeof names, strings: readonly Analysis[], record: number) => {
    for (const analysis of strings) {
      const string = grams.records.length;
      for (const pair of analysis.pairs) grams.log.add(pair, string);
      grams.records.push(record);
      grams.lengths.push(analysis.length);
    }
  };
  // A word repeated in a summary is posted once for its record.
  const summaryLast = new LastMarks();
  records.forEach((record, n) => {
    // Each string analysed (looked up) once, for its letter pairs and its words.
    const nameStrings = [record.name, ...record.aliases].map(analyse);
    const phrases = record.phrases.map(analyse);
    const descriptions = record.descriptions.map(analyse);
    const role = analyse(record.role);
    addStrings(names, nameStrings, n);
    addStrings(texts, [...phrases, ...descriptions, role], n);
    for (const word of words(foldText(record.summary))) {
      const w = summaryNumbers.number(word);
      if (summaryLast.mark(w, n)) summaryLog.add(w, n);
    }
    addWords(nameStrings, n, 0);
    addWords(descriptions, n, 1);
    addWords(phrases, n, 2);
    addWords([role], n, 3);
  });
  const gramIndex = (grams: typeof names): GramIndex => {
    const { lists, order } = postingLists(grams.log, pairNumbers.keys.length);
    return {
      postings: Object.fromEntries(
        order.map((pair) => [pairText(pairNumbers.keys[pair] as number), lists[pair] as number[]]),
      ),
      records: grams.records,
      lengths: grams.lengths,
    };
  };
  const sortedLists = (log: PostingLog, numbers: KeyNumbers<string>) => {
    const { lists, order } = postingLists(log, numbers.keys.length);
    const sorted = order.sort((a, b) => byCodeUnits(numbers.keys[a] as string, numbers.keys[b] as string));
    return { words: sorted.map((w) => numbers.keys[w] as string), lists: sorted.map((w) => lists[w] as number[]) };
  };
  const summary = sortedLists(summaryLog, summaryNumbers);
  const wordPostings = sortedLists(wordLog, wordNumbers);
  return {
    grams: { names: gramIndex(names), texts: gramIndex(texts) },
    summaryWords: summary.words,
    summaryRecords: summary.lists,
    words: wordPostings.words,
    wordRecords: wordPostings.lists,
  };
}

/** `compute` remembering each result by its argument. */
function memo<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const cached = known.get(text);
    if (cached !== undefined) return cached;
    const value = compute(text);
    known.set(text, value);
    return value;
  };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Flattens entities into search records; phrase aliases (any case, with " … " gaps) become plain phrases, and
 * the sources' own descriptions of people (`texts`, the source articles) are added.
 */
export function buildSearchRecords(
  entities: readonly Entity[],
  texts: Readonly<Record<string, string>> = {},
): SearchRecord[] {
  const descriptions = sourceDescriptions(entities, texts);
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
      descriptions: descriptions.get(entity.id) ?? [],
      summary: entity.summary,
    };
  });
}

/**
 * Precomputes the candidate indexes at build time so the popup builds nothing on open; `texts` (the source
 * articles) give the descriptions of people.
 */
export function compileSearch(
  entities: readonly Entity[],
  texts: Readonly<Record<string, string>> = {},
): CompiledSearch {
  return compileSearchRecords(buildSearchRecords(entities, texts));
}

/** `compileSearch` for records already flattened (the benchmark's synthetic ones). */
export function compileSearchRecords(records: SearchRecord[]): CompiledSearch {
  return { records, ...compileCandidates(records) };
}

/** Loads the compiled search; cheap, as the indexes are already built. */
export function loadSearch(compiled: CompiledSearch): EntitySearch {
  return {
    records: compiled.records,
    grams: compiled.grams,
    summaryWords: compiled.summaryWords,
    summaryRecords: compiled.summaryRecords,
    words: compiled.words ?? [],
    wordRecords: compiled.wordRecords ?? [],
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
  const folded = foldText(trimmed);
  const tokens = summaryTokens(folded);
  const inSummary = summaryMatches(search, tokens);
  const candidates = findCandidates(search, trimmed, inSummary);
  const fuseResults = candidates.length
    ? new Fuse(search.records as SearchRecord[], SEARCH_OPTIONS, fuseIndexOf(search, candidates)).search(trimmed, {
        limit: wanted,
      })
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
  const ranked = rankByNames([...fuseFound, ...summaryOnly], wanted);
  // A name Fuse found (nearly) as typed stays first: word matches fill in below it.
  const fuseBest = ranked[0]?.score ?? Number.POSITIVE_INFINITY;
  const strong = fuseBest <= SEARCH_RANKING.strongScore;
  // Word by word where Fuse, matching the query as one string, is weakest: several words, or nothing close.
  const several = words(folded).filter((word) => word.length > SEARCH_RANKING.optionalWordLength).length > 1;
  const useWords = several || fuseBest > SEARCH_RANKING.weakScore;
  const byWords = new Map(
    [...(useWords ? wordMatches(search, trimmed) : [])].map(([n, score]) => [
      n,
      strong ? Math.max(score, fuseBest + 1e-6) : score,
    ]),
  );
  const merged = ranked.map((result) => {
    const score = byWords.get(result.refIndex);
    return score !== undefined && score < (result.score ?? 1) ? { ...result, score } : result;
  });
  const listed = new Set(ranked.map((result) => result.refIndex));
  for (const [n, score] of byWords) {
    const item = search.records[n];
    if (item && !listed.has(n)) merged.push({ item, refIndex: n, score, matches: [] });
  }
  merged.sort((a, b) => (a.score ?? 1) - (b.score ?? 1));
  // The relevance floor: after a strong hit, what scores far below it is unrelated to the query.
  const best = merged[0]?.score ?? 1;
  const floor = best <= SEARCH_RANKING.strongScore ? best + SEARCH_RANKING.floorGap : Number.POSITIVE_INFINITY;
  return merged.filter((result) => (result.score ?? 1) <= floor).slice(0, limit);
}

/**
 * Fuse's index of the `candidates` alone (record numbers), numbered as in `search.records`: what Fuse scores and
 * what its results' `refIndex` names. A few hundred records at most, indexed in well under a millisecond; the
 * whole dataset's index (tens of thousands of records for a large pack) was a quarter of the compiled search.
 */
function fuseIndexOf(search: EntitySearch, candidates: readonly number[]): FuseIndex<SearchRecord> {
  const docs = candidates.map((n) => search.records[n] as SearchRecord);
  const { keys, records } = Fuse.createIndex(SEARCH_OPTIONS.keys ?? [], docs).toJSON();
  for (const record of records) record.i = candidates[record.i] as number;
  return Fuse.parseIndex<SearchRecord>({ keys, records });
}

/**
 * Records whose names, descriptions, phrases or role hold every query word, typed in full, as a prefix or
 * with typos (any word of the query: "tarrif india", "volodimir zelenski"), with their scores
 * (`SEARCH_RANKING.wordBase` and after).
 */
export function wordMatches(search: EntitySearch, query: string): Map<number, number> {
  const queryWords = words(foldText(query));
  const required = queryWords.filter((word) => word.length > SEARCH_RANKING.optionalWordLength);
  const scores = new Map<number, number>();
  if (required.length === 0 || search.words.length === 0) return scores;
  // Per record: per query word, the best (lowest) field rank and whether it was typed in full.
  const found = new Map<number, { rank: number; exact: boolean }[]>();
  required.forEach((word, w) => {
    const key = soundKey(word);
    const edits = SEARCH_RANKING.wordEdits.reduce((n, [length, e]) => (word.length >= length ? e : n), 0);
    search.words.forEach((candidate, c) => {
      const exact = candidate === key;
      const stem = SEARCH_RANKING.stemLength;
      const sameStem =
        key.length >= stem && candidate.length >= stem && key.slice(0, stem) === candidate.slice(0, stem);
      if (!exact && !sameStem && !(key.length >= 3 && candidate.startsWith(key)) && !nearWord(key, candidate, edits))
        return;
      for (const posting of search.wordRecords[c] ?? []) {
        const n = posting >> 2;
        const list = found.get(n) ?? [];
        const seen = list[w];
        const rank = posting & 3;
        if (!seen || rank < seen.rank || (rank === seen.rank && exact && !seen.exact)) list[w] = { rank, exact };
        found.set(n, list);
      }
    });
  });
  const asksForPerson = ROLE_WORDS.has(queryWords.at(-1) ?? '');
  for (const [n, list] of found) {
    if (list.filter(Boolean).length < required.length) continue;
    const ranks = list.reduce((sum, hit) => sum + (hit?.rank ?? 3), 0) / required.length;
    const inexact = list.filter((hit) => !hit?.exact).length / required.length;
    const person = asksForPerson && search.records[n]?.kind === 'person' ? SEARCH_RANKING.roleNounBonus : 0;
    scores.set(
      n,
      SEARCH_RANKING.wordBase +
        SEARCH_RANKING.wordFieldStep * ranks +
        SEARCH_RANKING.wordFuzzyPenalty * inexact -
        person,
    );
  }
  return scores;
}

/** Within `edits` typos (insertions, deletions, substitutions), the first letter right. */
function nearWord(a: string, b: string, edits: number): boolean {
  if (edits === 0 || a[0] !== b[0] || Math.abs(a.length - b.length) > edits) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    if (Math.min(...row) > edits) return false;
    previous = row;
  }
  return (previous[b.length] ?? edits + 1) <= edits;
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
  const pairs = [...bigrams(folded)].map(pairText);
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
