import { CASE_MODE, deletions, FLAG_CAPITALISED, FLAG_FUZZY, type MatcherTables } from './compile-matcher.ts';
import { withinOneEdit } from './edit-distance.ts';
import { capitalise, isAllUpper, stripMarks } from './fold-word.ts';
import type { Match } from './match.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { parseAlias, SEP_GAP } from './parse-alias.ts';
import { hashKey, SEP, TOKEN_ASCII, TOKEN_SKIP, TokenStream } from './token-stream.ts';
import { ALL_VARIANTS, buildTypoFilter, type TypoFilter, typoCandidates } from './typo-filter.ts';
import { buildWordTable, findWord, NO_WORD, type WordTable } from './word-table.ts';

interface AliasEnd {
  id: string;
  flags: number;
  /** The alias's words as written, diacritics stripped: letter case is checked against them. */
  forms: string[];
  /** Every form is ASCII: letter case is then checked on the page's characters in place, no strings made. */
  formsAscii: boolean;
  trailingDot: boolean;
  /** Position in the tables: the tie-breaker that keeps results stable. */
  order: number;
}

interface TrieNode {
  /**
   * Next word by the separator before it (`SEP`; `BREAK` in an alias reads as `JOIN`, the root's first
   * words sit at `BREAK`), each map keyed by the word's id in `MatcherIndex.words`: small integers hash and
   * compare at once, where string keys would need the page word as a string first.
   */
  next: (Map<number, TrieNode> | undefined)[] | undefined;
  /** After a " … " gap: the words that may follow, keyed by word id alone. */
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
  /** Every alias word, interned: the trie's keys are its ids. A page word not in it ends a walk at once. */
  words: WordTable;
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
  /** The root's children by word id, the trie's widest level, as an array: no hash look-up at all. */
  firstNodes: (TrieNode | undefined)[];
}

function newNode(): TrieNode {
  return { next: undefined, gap: undefined, gapMax: 0, ends: undefined };
}

/** Loads compiled tables; do it once per page, not per text. One call: see `loadMatcherInSteps` to split it. */
export function loadMatcher(tables: MatcherTables): MatcherIndex {
  const steps = loadMatcherInSteps(tables);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `loadMatcher` in steps of `MATCHER_DEFAULTS.loadStepAliases` aliases, so that a caller can yield to the page
 * between them and keep every task short. Each `next()` does one step; the last returns the index, the same
 * as `loadMatcher(tables)` would. For example:
 *
 * ```ts
 * const steps = loadMatcherInSteps(tables);
 * let step = steps.next();
 * while (!step.done) {
 *   await yieldToPage();
 *   step = steps.next();
 * }
 * const index = step.value;
 * ```
 */
export function* loadMatcherInSteps(tables: MatcherTables): Generator<void, MatcherIndex, void> {
  const root = newNode();
  const fuzzy = new Map<string, number[]>();
  const fuzzyAliases: FuzzyAlias[] = [];
  // Words get ids in order of first use; the flat table is built from them once all aliases are in.
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  const intern = (key: string): number => {
    let id = wordIds.get(key);
    if (id === undefined) {
      id = words.push(key) - 1;
      wordIds.set(key, id);
    }
    return id;
  };
  for (const [order, [text, idIndex, flags, maxGap]] of tables.aliases.entries()) {
    if (order > 0 && order % MATCHER_DEFAULTS.loadStepAliases === 0) yield;
    const parsed = parseAlias(text);
    const id = tables.ids[idIndex];
    if (!parsed || id === undefined) continue;
    const formsAscii = !parsed.forms.some((form) => NON_ASCII.test(form));
    const end: AliasEnd = { id, flags, forms: parsed.forms, formsAscii, trailingDot: parsed.trailingDot, order };
    insertAlias(root, parsed.keys.map(intern), parsed.seps, maxGap, end);
    const last = parsed.keys.at(-1) as string;
    if (/^(?:event|topic)\//.test(id) && !parsed.trailingDot && /[a-rt-z]$/.test(last)) {
      // Event and topic phrases are nouns: "trilateral formats" mentions the "trilateral format".
      const forms = [...parsed.forms.slice(0, -1), `${parsed.forms.at(-1)}s`];
      const keys = [...parsed.keys.slice(0, -1), `${last}s`];
      insertAlias(root, keys.map(intern), parsed.seps, maxGap, { ...end, forms });
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
  yield;
  const firstWordIds = root.next?.[SEP.BREAK];
  const bits = Math.max(
    1 << 12,
    2 ** Math.ceil(Math.log2(Math.max(1, firstWordIds?.size ?? 0) * MATCHER_DEFAULTS.filterBitsPerWord)),
  );
  const firstWords = new Uint32Array(bits >>> 5);
  const firstWordsMask = bits - 1;
  for (const word of firstWordIds?.keys() ?? []) {
    const bit = hashKey(words[word] as string) & firstWordsMask;
    firstWords[bit >>> 5] = (firstWords[bit >>> 5] as number) | (1 << (bit & 31));
  }
  const table = buildWordTable(words);
  const firstNodes = new Array<TrieNode | undefined>(words.length).fill(undefined);
  for (const [word, node] of firstWordIds ?? []) firstNodes[word] = node;
  yield;
  const typoFilter = buildTypoFilter(fuzzy.keys(), fuzzy.size, MATCHER_DEFAULTS.typoFilterBitsPerVariant);
  const noFuzzy = new Set(tables.noFuzzy);
  return {
    root,
    words: table,
    fuzzy,
    fuzzyAliases,
    typoFilter,
    noFuzzy,
    fuzzyCache: new Map(),
    fuzzyCacheOld: new Map(),
    firstWords,
    firstWordsMask,
    firstNodes,
  };
}

/** Nothing above U+007F (forms never hold control characters: they are words). */
const NON_ASCII = /[^\u0020-\u007e]/;

function insertAlias(root: TrieNode, keys: number[], seps: number[], maxGap: number, end: AliasEnd): void {
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

/** The id of token `i`'s folded word in `words`, or `NO_WORD`; an ASCII word is read in place. */
function wordOf(tokens: TokenStream, i: number, words: WordTable): number {
  if (tokens.flag(i) & TOKEN_ASCII) return findWord(words, tokens.text, tokens.start(i), tokens.end(i), tokens.hash(i));
  const key = tokens.key(i);
  return findWord(words, key, 0, key.length, tokens.hash(i));
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
  const words = index.words;
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
        const map = node.next[sep];
        const child = map === undefined ? undefined : map.get(wordOf(tokens, last + 1, words));
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
        const word = wordOf(tokens, k, words);
        const child = word === NO_WORD ? undefined : gapNext.get(word);
        if (child) {
          path.push(k);
          walk(child, k, first);
          path.pop();
        }
      }
    }
  };

  const { firstWords, firstWordsMask, firstNodes } = index;
  for (let i = 0; tokens.has(i); i++) {
    if (tokens.flag(i) & TOKEN_SKIP) continue;
    const bit = tokens.hash(i) & firstWordsMask;
    const mayStart = ((firstWords[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
    if (!mayStart && tokens.end(i) - tokens.start(i) < MATCHER_DEFAULTS.fuzzyMinLength) continue;
    const word = mayStart ? wordOf(tokens, i, words) : NO_WORD;
    const node = word === NO_WORD ? undefined : firstNodes[word];
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
    const t = path[0] as number;
    if (
      tokens.flag(t) & TOKEN_ASCII
        ? !hasAsciiUpper(tokens.text, tokens.start(t), tokens.end(t))
        : isLower(tokens.raw(t))
    )
      return false;
  }
  if (mode === CASE_MODE.any) return true;
  for (let w = 0; w < path.length; w++) {
    const t = path[w] as number;
    const form = end.forms[w] as string;
    const ok =
      end.formsAscii && tokens.flag(t) & TOKEN_ASCII
        ? asciiCaseMatches(tokens.text, tokens.start(t), tokens.end(t), form, mode)
        : wordCaseMatches(stripMarks(tokens.raw(t)), form, mode);
    if (!ok) return false;
  }
  return true;
}

function isLower(word: string): boolean {
  return word === word.toLowerCase();
}

/** The rule of `caseMatches` for one word, on strings (exported for tests). */
export function wordCaseMatches(written: string, form: string, mode: number): boolean {
  if (written === form) return true;
  if (mode === CASE_MODE.exact) return false;
  if (isAllUpper(written) || written === capitalise(form)) return true;
  return (
    form.length >= MATCHER_DEFAULTS.acronymTitleCaseMinLength &&
    isAllUpper(form) &&
    written === capitalise(form.toLowerCase())
  );
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isLowerAscii = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const toUpper = (c: number): number => (isLowerAscii(c) ? c - 0x20 : c);
const toLower = (c: number): number => (isUpper(c) ? c + 0x20 : c);

function hasAsciiUpper(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (isUpper(text.charCodeAt(p))) return true;
  return false;
}

/**
 * `wordCaseMatches` for an ASCII word `text[start, end)` and an ASCII form, comparing characters in place:
 * the same answers, without the strings (a large dictionary marks a name every few dozen words). Exported for
 * tests.
 */
export function asciiCaseMatches(text: string, start: number, end: number, form: string, mode: number): boolean {
  const length = end - start;
  let same = form.length === length;
  for (let k = 0; same && k < length; k++) same = text.charCodeAt(start + k) === form.charCodeAt(k);
  if (same) return true;
  if (mode === CASE_MODE.exact) return false;
  // All upper: a cased letter and no lower-case one (digits are neither).
  let upper = false;
  let lower = false;
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (isUpper(c)) upper = true;
    else if (isLowerAscii(c)) lower = true;
  }
  if (upper && !lower) return true;
  if (form.length !== length || length === 0) return false;
  // Capitalised form: the first letter upper case, the rest as the form has it.
  if (text.charCodeAt(start) !== toUpper(form.charCodeAt(0))) return false;
  let capitalised = true;
  for (let k = 1; capitalised && k < length; k++) capitalised = text.charCodeAt(start + k) === form.charCodeAt(k);
  if (capitalised) return true;
  // A long acronym written in title case: "Nato" for "NATO".
  if (length < MATCHER_DEFAULTS.acronymTitleCaseMinLength) return false;
  let formUpper = false;
  for (let k = 0; k < length; k++) {
    const c = form.charCodeAt(k);
    if (isLowerAscii(c)) return false;
    if (isUpper(c)) formUpper = true;
  }
  if (!formUpper) return false;
  for (let k = 1; k < length; k++) if (text.charCodeAt(start + k) !== toLower(form.charCodeAt(k))) return false;
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
