import { CASE_MODE, deletions, FLAG_CAPITALISED, FLAG_FUZZY, type MatcherTables } from './compile-matcher.ts';
import { withinOneEdit } from './edit-distance.ts';
import { capitalise, isAllUpper, stripMarks } from './fold-word.ts';
import type { Match } from './match.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { parseAlias, SEP_GAP } from './parse-alias.ts';
import { hashKey, SEP, TOKEN_ASCII, TOKEN_SKIP, TokenStream } from './token-stream.ts';
import { ALL_VARIANTS, buildTypoFilter, type TypoFilter, typoCandidates } from './typo-filter.ts';

interface AliasEnd {
  id: string;
  flags: number;
  /** The alias's words as written, diacritics stripped: letter case is checked against them. */
  forms: string[];
  trailingDot: boolean;
  /** Position in the tables: the tie-breaker that keeps results stable. */
  order: number;
}

interface TrieNode {
  /**
   * Next word by the separator before it (`SEP`; `BREAK` in an alias reads as `JOIN`, the root's first
   * words sit at `BREAK`), each map keyed by folded word: the page's own key strings are looked up as they are.
   */
  next: (Map<string, TrieNode> | undefined)[] | undefined;
  /** After a " … " gap: the words that may follow, keyed by folded word alone. */
  gap: TrieNode | undefined;
  gapMax: number;
  ends: AliasEnd[] | undefined;
}

interface FuzzyAlias {
  key: string;
  id: string;
}

/** The matcher's tables, loaded once into the structures `findMatches` walks. */
export interface MatcherIndex {
  root: TrieNode;
  /** Deletion index: every fuzzy alias and each of its one-letter deletions -> positions in `fuzzyAliases`. */
  fuzzy: Map<string, number[]>;
  fuzzyAliases: FuzzyAlias[];
  /** Pre-check of `fuzzy`'s keys: most words have no variant there and skip the look-ups and strings. */
  typoFilter: TypoFilter;
  noFuzzy: Set<string>;
  /**
   * Words already tried as typos, and the id each gave (null: none), in two generations: when the newer one
   * is full it becomes the older one, and a word found in the older one moves back. Bounded; an
   * approximate LRU, so a page's recurring names stay while one-off words pass through. Results do not
   * depend on it.
   */
  fuzzyCache: Map<string, string | null>;
  fuzzyCacheOld: Map<string, string | null>;
  /** Bit set of `hashKey` of every word an alias may start with: most page words skip the trie at once. */
  firstWords: Uint32Array;
  firstWordsMask: number;
}

function newNode(): TrieNode {
  return { next: undefined, gap: undefined, gapMax: 0, ends: undefined };
}

/** Loads compiled tables; do it once per page, not per text. */
export function loadMatcher(tables: MatcherTables): MatcherIndex {
  const root = newNode();
  const fuzzy = new Map<string, number[]>();
  const fuzzyAliases: FuzzyAlias[] = [];
  for (const [order, [text, idIndex, flags, maxGap]] of tables.aliases.entries()) {
    const parsed = parseAlias(text);
    const id = tables.ids[idIndex];
    if (!parsed || id === undefined) continue;
    const end: AliasEnd = { id, flags, forms: parsed.forms, trailingDot: parsed.trailingDot, order };
    insertAlias(root, parsed.keys, parsed.seps, maxGap, end);
    const last = parsed.keys.at(-1) as string;
    if (/^(?:event|topic)\//.test(id) && !parsed.trailingDot && /[a-rt-z]$/.test(last)) {
      // Event and topic phrases are nouns: "trilateral formats" mentions the "trilateral format".
      const forms = [...parsed.forms.slice(0, -1), `${parsed.forms.at(-1)}s`];
      insertAlias(root, [...parsed.keys.slice(0, -1), `${last}s`], parsed.seps, maxGap, { ...end, forms });
    }
    if (flags & FLAG_FUZZY && parsed.keys.length === 1) {
      const position = fuzzyAliases.push({ key: parsed.keys[0] as string, id }) - 1;
      for (const variant of deletions(parsed.keys[0] as string)) {
        const list = fuzzy.get(variant);
        if (list) list.push(position);
        else fuzzy.set(variant, [position]);
      }
    }
  }
  const firstWordKeys = root.next?.[SEP.BREAK];
  const bits = Math.max(
    1 << 12,
    2 ** Math.ceil(Math.log2(Math.max(1, firstWordKeys?.size ?? 0) * MATCHER_DEFAULTS.filterBitsPerWord)),
  );
  const firstWords = new Uint32Array(bits >>> 5);
  const firstWordsMask = bits - 1;
  for (const key of firstWordKeys?.keys() ?? []) {
    const bit = hashKey(key) & firstWordsMask;
    firstWords[bit >>> 5] = (firstWords[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return {
    root,
    fuzzy,
    fuzzyAliases,
    typoFilter: buildTypoFilter(fuzzy.keys(), fuzzy.size, MATCHER_DEFAULTS.typoFilterBitsPerVariant),
    noFuzzy: new Set(tables.noFuzzy),
    fuzzyCache: new Map(),
    fuzzyCacheOld: new Map(),
    firstWords,
    firstWordsMask,
  };
}

function insertAlias(root: TrieNode, keys: string[], seps: number[], maxGap: number, end: AliasEnd): void {
  let node = root;
  for (const [i, key] of keys.entries()) {
    const sep = seps[i] as number;
    if (sep === SEP_GAP) {
      node.gap ??= newNode();
      node.gapMax = Math.max(node.gapMax, maxGap);
      node = node.gap;
    }
    const slot = i === 0 || sep === SEP_GAP ? SEP.BREAK : sep === SEP.BREAK ? SEP.JOIN : sep;
    node.next ??= [undefined, undefined, undefined, undefined];
    let map = node.next[slot];
    if (!map) {
      map = new Map();
      node.next[slot] = map;
    }
    let child = map.get(key);
    if (!child) {
      child = newNode();
      map.set(key, child);
    }
    node = child;
  }
  node.ends ??= [];
  node.ends.push(end);
}

interface Best {
  end: number;
  words: number;
  order: number;
  id: string;
  lastToken: number;
}

/**
 * Every mention of the dataset in `text`: UTF-16 offsets of the input, sorted by start, non-overlapping.
 * At each word the longest alias that starts there wins; words of six letters or more that match no alias
 * may still match a one-word person or place name with one typo. Pure; never throws on any string.
 */
export function findMatches(text: string, index: MatcherIndex): Match[] {
  const found: Match[] = [];
  if (typeof text !== 'string' || text.length === 0) return found;
  // A text of n units has at most n/2 + 1 words: short blocks get a small buffer, no per-call cost.
  const bufferSize = Math.min(MATCHER_DEFAULTS.tokenBufferSize, 2 ** Math.ceil(Math.log2(text.length / 2 + 2)));
  const tokens = new TokenStream(text, bufferSize);
  const rootNext = index.root.next?.[SEP.BREAK];
  const path: number[] = [];
  let best: Best | undefined;

  const consider = (node: TrieNode, last: number): void => {
    for (const end of node.ends ?? []) {
      if (!caseMatches(tokens, path, end)) continue;
      let endOffset = tokens.end(last);
      if (end.trailingDot && text.charCodeAt(endOffset) === 0x2e) endOffset++;
      if (
        !best ||
        endOffset > best.end ||
        (endOffset === best.end && (path.length > best.words || (path.length === best.words && end.order < best.order)))
      ) {
        best = { end: endOffset, words: path.length, order: end.order, id: end.id, lastToken: last };
      }
    }
  };

  const walk = (node: TrieNode, last: number, first: number): void => {
    if (node.ends) consider(node, last);
    const limit = first + MATCHER_DEFAULTS.maxLookahead;
    if (node.next && last + 1 < limit && tokens.has(last + 1)) {
      const sep = tokens.sep(last + 1);
      if (sep !== SEP.BREAK && !(tokens.flag(last + 1) & TOKEN_SKIP)) {
        const child = node.next[sep]?.get(tokens.key(last + 1));
        if (child) {
          path.push(last + 1);
          walk(child, last + 1, first);
          path.pop();
        }
      }
    }
    const gap = node.gap;
    const gapNext = gap?.next?.[SEP.BREAK];
    if (gap && gapNext) {
      for (let k = last + 1; k <= last + 1 + node.gapMax && k < limit && tokens.has(k); k++) {
        if (tokens.flag(k) & TOKEN_SKIP || !gapCrossable(tokens, k)) break;
        const child = gapNext.get(tokens.key(k));
        if (child) {
          path.push(k);
          walk(child, k, first);
          path.pop();
        }
      }
    }
  };

  const { firstWords, firstWordsMask } = index;
  for (let i = 0; tokens.has(i); i++) {
    if (tokens.flag(i) & TOKEN_SKIP) continue;
    const bit = tokens.hash(i) & firstWordsMask;
    const mayStart = ((firstWords[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
    if (!mayStart && tokens.end(i) - tokens.start(i) < MATCHER_DEFAULTS.fuzzyMinLength) continue;
    const node = mayStart ? rootNext?.get(tokens.key(i)) : undefined;
    best = undefined;
    if (node) {
      path.push(i);
      walk(node, i, i);
      path.pop();
    }
    const chosen = best as Best | undefined;
    if (chosen) {
      found.push({ id: chosen.id, start: tokens.start(i), end: chosen.end });
      i = chosen.lastToken;
      continue;
    }
    const id = fuzzyMatch(tokens, i, index);
    if (id !== undefined) found.push({ id, start: tokens.start(i), end: tokens.end(i) });
  }
  tokens.release();
  return found;
}

/** A gap may run over spaces, hyphens, possessives and abbreviation stops ("U.S."), never a sentence's end. */
function gapCrossable(tokens: TokenStream, k: number): boolean {
  const sep = tokens.sep(k);
  if (sep === SEP.JOIN || sep === SEP.APOS) return true;
  return sep === SEP.DOT && tokens.end(k - 1) - tokens.start(k - 1) === 1;
}

function caseMatches(tokens: TokenStream, path: readonly number[], end: AliasEnd): boolean {
  const mode = end.flags & 3;
  if (end.flags & FLAG_CAPITALISED) {
    const first = tokens.raw(path[0] as number);
    if (first === first.toLowerCase()) return false;
  }
  if (mode === CASE_MODE.any) return true;
  for (let w = 0; w < path.length; w++) {
    const written = stripMarks(tokens.raw(path[w] as number));
    const form = end.forms[w] as string;
    if (written === form) continue;
    if (mode === CASE_MODE.exact) return false;
    if (isAllUpper(written) || written === capitalise(form)) continue;
    if (form.length >= MATCHER_DEFAULTS.acronymTitleCaseMinLength && isAllUpper(form)) {
      if (written === capitalise(form.toLowerCase())) continue;
    }
    return false;
  }
  return true;
}

/** One typo from exactly one fuzzy alias, in a capitalised word that is no known word and no alias word. */
function fuzzyMatch(tokens: TokenStream, i: number, index: MatcherIndex): string | undefined {
  if (index.fuzzyAliases.length === 0) return undefined;
  const text = tokens.text;
  const start = tokens.start(i);
  const first = text.charCodeAt(start);
  if (first < 0x41 || (first > 0x5a && first < 0x80)) return undefined;
  if (first >= 0x80 && text.charAt(start) === text.charAt(start).toLowerCase()) return undefined;
  // An ASCII word is its own key (A-Z read as a-z): no string is made for the pre-check.
  const ascii = (tokens.flag(i) & TOKEN_ASCII) !== 0;
  const key = ascii ? undefined : tokens.key(i);
  const length = key === undefined ? tokens.end(i) - start : key.length;
  if (length < MATCHER_DEFAULTS.fuzzyMinLength) return undefined;
  const candidates =
    key === undefined
      ? typoCandidates(index.typoFilter, text, start, start + length)
      : typoCandidates(index.typoFilter, key, 0, length);
  if (candidates === 0) return undefined;
  const word = key ?? tokens.key(i);
  if (index.noFuzzy.has(word)) return undefined;
  const cached = index.fuzzyCache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  let id: string | undefined;
  const older = index.fuzzyCacheOld.get(word);
  if (older !== undefined) id = older ?? undefined;
  else id = typoOf(word, candidates, index);
  if (index.fuzzyCache.size >= MATCHER_DEFAULTS.fuzzyCacheSize) {
    index.fuzzyCacheOld = index.fuzzyCache;
    index.fuzzyCache = new Map();
  }
  index.fuzzyCache.set(word, id ?? null);
  return id;
}

/**
 * The one entity whose fuzzy alias is one edit from `key`, through the deletion index. Only the variants
 * that `candidates` (from `typoCandidates`) allows are made and looked up: the others are not in the index.
 */
function typoOf(key: string, candidates: number, index: MatcherIndex): string | undefined {
  let id: string | undefined;
  const length = key.length;
  for (let v = 0; v <= length; v++) {
    if (candidates !== ALL_VARIANTS && (candidates & (1 << v)) === 0) continue;
    const variant = v === length ? key : key.slice(0, v) + key.slice(v + 1);
    const positions = index.fuzzy.get(variant);
    if (positions === undefined) continue;
    for (const position of positions) {
      const alias = index.fuzzyAliases[position] as FuzzyAlias;
      if (alias.id === id || !withinOneEdit(key, alias.key) || isInflection(key, alias.key)) continue;
      if (id !== undefined) return undefined;
      id = alias.id;
    }
  }
  return id;
}

/** "Russian" from "Russia", "Witkoffs" from "Witkoff": a suffix that makes another word, not a typo. */
function isInflection(word: string, alias: string): boolean {
  const [long, short] = word.length > alias.length ? [word, alias] : [alias, word];
  return (
    long.length === short.length + 1 &&
    long.startsWith(short) &&
    MATCHER_DEFAULTS.fuzzyBlockedSuffixes.includes(long.at(-1) ?? '')
  );
}
