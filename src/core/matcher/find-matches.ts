import { foldAsciiCase, stripMarks } from '../fold-text.ts';
import { filterHas, filterLanes, mixHash } from './bit-filter.ts';
import { CASE_MODE, CONTEXT_SHIFT, contextRuleOf, FLAG_CAPITALISED, FLAG_QUALIFIABLE } from './compile-matcher.ts';
import { hasAsciiUpper, maskCaseMatches, wordCaseMatches } from './letter-case.ts';
import {
  D_WORD,
  EDGE,
  END,
  END_MASKED,
  END_TRAILING_DOT,
  edgeHash,
  INLINE_CHARS,
  type MatcherIndex,
  N_ENDS,
  N_ENDS_END,
  N_FLAGS,
  N_FORMS,
  N_GAP,
  N_ID,
  N_INFO,
  N_ORDER,
  NODE,
  NODE_GAP_SHIFT,
  NODE_NEXT_BITS,
  pairHash,
  START_ENDS,
  START_NEXT,
  W_LENGTH,
  W_MASK,
  W_NODE,
  WORD,
} from './load-matcher.ts';
import type { Candidate, Match } from './match.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { applyNameRules, opensSentence } from './name-rules.ts';
import { SEP, TOKEN_ASCII, TOKEN_SKIP, TOKEN_UPPER, TokenStream } from './token-stream.ts';
import { NO_TYPO, typoMatch } from './typo-index.ts';
import { CACHE_MISS, cacheGet, cacheSet } from './word-cache.ts';
import { findWord, NO_WORD } from './word-table.ts';

/**
 * Whether the word kept at `array[at]` (its length, then its letters two to an integer or, when longer than
 * `INLINE_CHARS`, where they start in `chars`) is `source[start, end)`, folded except that A-Z are read as a-z.
 */
function isWord(index: MatcherIndex, array: Int32Array, at: number, source: string, start: number, end: number) {
  const length = end - start;
  if (array[at] !== length) return false;
  if (length <= INLINE_CHARS) {
    for (let k = 0; k < length; k += 2) {
      const pair =
        foldAsciiCase(source.charCodeAt(start + k)) |
        (k + 1 < length ? foldAsciiCase(source.charCodeAt(start + k + 1)) << 16 : 0);
      if (pair !== array[at + 1 + (k >> 1)]) return false;
    }
    return true;
  }
  const { chars } = index;
  const from = array[at + 1] as number;
  for (let k = 0; k < length; k++)
    if (foldAsciiCase(source.charCodeAt(start + k)) !== chars.charCodeAt(from + k)) return false;
  return true;
}

/** `isWord` for token `t`; an ASCII word is read in place. */
function isTokenWord(index: MatcherIndex, array: Int32Array, at: number, tokens: TokenStream, t: number): boolean {
  if (tokens.flag(t) & TOKEN_ASCII) return isWord(index, array, at, tokens.text, tokens.start(t), tokens.end(t));
  const key = tokens.key(t);
  return isWord(index, array, at, key, 0, key.length);
}

/** The alias word that token `t` is (its record's slot), or `NO_WORD`. */
function wordOf(index: MatcherIndex, tokens: TokenStream, t: number): number {
  const { words, wordSlots } = index;
  for (let slot = tokens.hash(t) & (wordSlots - 1); ; slot = (slot + 1) & (wordSlots - 1)) {
    if (words[slot * WORD + W_LENGTH] === 0) return NO_WORD;
    if (isTokenWord(index, words, slot * WORD + W_LENGTH, tokens, t)) return slot;
  }
}

/** The child of `node` after separator `sep` and token `t`, or -1; the child keeps its word, to check it by. */
function childOf(index: MatcherIndex, node: number, sep: number, tokens: TokenStream, t: number): number {
  const { edges, edgeMask, nodes, wordSlots } = index;
  const key = node * 4 + sep + 1;
  const hash = tokens.hash(t);
  for (let slot = edgeHash(key, hash) & edgeMask; ; slot = (slot + 1) & edgeMask) {
    const at = slot * EDGE;
    const stored = edges[at] as number;
    if (stored === 0) return -1;
    if (stored !== key || edges[at + 1] !== hash) continue;
    const child = edges[at + 2] as number;
    if (isTokenWord(index, nodes, (child - wordSlots) * NODE + D_WORD, tokens, t)) return child;
  }
}

/** Scratch for the tokens of the alias being walked: matching is synchronous, so one buffer serves all calls. */
const PATH = new Int32Array(MATCHER_DEFAULTS.maxLookahead + 1);

/** One `findMatches` call: the page's tokens and the best alias found from the current word. */
class MatchRun {
  bestEnd = -1;
  bestWords = 0;
  bestOrder = 0;
  bestId = -1;
  bestLast = 0;
  bestFlags = 0;
  /**
   * Aliases with a context rule that end here or before are passed over: while the plain reading under a
   * context candidate is found, this is where that candidate ends (-1 otherwise).
   */
  plainEnd = -1;

  constructor(
    readonly tokens: TokenStream,
    readonly index: MatcherIndex,
  ) {}

  /** Follows the trie from `node`, whose words are the tokens `PATH[0, depth)`, the last being `last`. */
  walk(node: number, last: number, first: number, depth: number): void {
    const { tokens, index } = this;
    const root = node < index.wordSlots;
    const array = root ? index.words : index.nodes;
    const at = root ? node * WORD + W_NODE : (node - index.wordSlots) * NODE;
    if (array[at + N_ENDS] !== array[at + N_ENDS_END]) this.consider(array, at, root, last, depth);
    const info = array[at + N_INFO] as number;
    const limit = first + MATCHER_DEFAULTS.maxLookahead;
    const next = last + 1;
    if ((info & NODE_NEXT_BITS) !== 0 && next < limit && tokens.has(next)) {
      const sep = tokens.sep(next);
      if (sep !== SEP.BREAK && (info >> sep) & 1 && !(tokens.flag(next) & TOKEN_SKIP)) {
        const child = childOf(index, node, sep, tokens, next);
        if (child >= 0) {
          PATH[depth] = next;
          this.walk(child, next, first, depth + 1);
        }
      }
    }
    const gap = array[at + N_GAP] as number;
    if (gap < 0) return;
    const gapMax = info >>> NODE_GAP_SHIFT;
    for (let k = next; k <= next + gapMax && k < limit && tokens.has(k); k++) {
      if (tokens.flag(k) & TOKEN_SKIP || !gapCrossable(tokens, k)) break;
      const child = childOf(index, gap, SEP.BREAK, tokens, k);
      if (child >= 0) {
        PATH[depth] = k;
        this.walk(child, k, first, depth + 1);
      }
    }
  }

  /**
   * Keeps the longest alias ending at the node at `array[at]` whose letter case fits: then most words, then
   * order. A node with one alias end has it inline (and, as a first word, its case mask too).
   */
  private consider(array: Int32Array, at: number, root: boolean, last: number, depth: number): void {
    const first = array[at + N_ENDS] as number;
    const stop = array[at + N_ENDS_END] as number;
    if (stop - first === 1) {
      const mask = root ? (array[at - W_NODE + W_MASK] as number) : -1;
      this.offer(
        array[at + N_ID] as number,
        array[at + N_FLAGS] as number,
        array[at + N_ORDER] as number,
        array[at + N_FORMS] as number,
        mask,
        last,
        depth,
      );
      return;
    }
    const ends = this.index.ends;
    for (let e = first * END; e < stop * END; e += END)
      this.offer(
        ends[e] as number,
        ends[e + 1] as number,
        ends[e + 2] as number,
        ends[e + 3] as number,
        -1,
        last,
        depth,
      );
  }

  private offer(id: number, flags: number, order: number, forms: number, mask: number, last: number, depth: number) {
    const tokens = this.tokens;
    let endOffset = tokens.end(last);
    if (flags & END_TRAILING_DOT && tokens.text.charCodeAt(endOffset) === 0x2e) endOffset++;
    if (flags >>> CONTEXT_SHIFT !== 0 && endOffset <= this.plainEnd) return;
    if (!this.caseMatches(flags, forms, mask, depth)) return;
    if (
      this.bestId < 0 ||
      endOffset > this.bestEnd ||
      (endOffset === this.bestEnd && (depth > this.bestWords || (depth === this.bestWords && order < this.bestOrder)))
    ) {
      this.bestEnd = endOffset;
      this.bestWords = depth;
      this.bestOrder = order;
      this.bestId = id;
      this.bestLast = last;
      this.bestFlags = flags;
    }
  }

  /** Letter case of the walked tokens against the alias's forms; `mask` is the first form's, or -1 to look up. */
  private caseMatches(flags: number, forms: number, mask: number, depth: number): boolean {
    const { tokens, index } = this;
    const text = tokens.text;
    if (flags & FLAG_CAPITALISED) {
      const t = PATH[0] as number;
      if (tokens.flag(t) & TOKEN_ASCII ? !hasAsciiUpper(text, tokens.start(t), tokens.end(t)) : isLower(tokens.raw(t)))
        return false;
    }
    const mode = flags & 3;
    if (mode === CASE_MODE.any) return true;
    for (let w = 0; w < depth; w++) {
      const t = PATH[w] as number;
      const ok =
        flags & END_MASKED && tokens.flag(t) & TOKEN_ASCII
          ? maskCaseMatches(
              text,
              tokens.start(t),
              tokens.end(t),
              w === 0 && mask >= 0 ? mask : (index.formMasks[forms + w] as number),
              mode,
            )
          : wordCaseMatches(stripMarks(tokens.raw(t)), index.forms[forms + w] as string, mode);
      if (!ok) return false;
    }
    return true;
  }
}

/**
 * Every mention of the dataset in `text`, read as a page about the dataset's story: UTF-16 offsets of the input,
 * sorted by start, non-overlapping. At each word the longest alias that starts there wins; words of six letters
 * or more that match no alias may still match a one-word person or place name with one typo. Context-only
 * aliases are taken as met here; a page whose subject is not known (any page in the browser) must be read with
 * `findCandidates` and `PageContext` (or `scanPage`), which mark them only where the page is about the story.
 * Pure; never throws.
 */
export function findMatches(text: string, index: MatcherIndex): Match[] {
  const found = findCandidates(text, index);
  if (!found.some((m) => m.context !== undefined)) return found;
  const marks: Match[] = [];
  let end = -1;
  for (const { id, start, end: stop, context } of found) {
    if (start < end || (context !== undefined && index.shortTypoRuleSet.has(context))) continue;
    marks.push({ id, start, end: stop });
    end = stop;
  }
  return marks;
}

/**
 * `findMatches` with context-only aliases kept, in order of start: a candidate with `context` (its rule) is
 * followed by the plain reading of its words (which may hold another context candidate that reaches further:
 * "the summit" then "summit in Anchorage"). Candidates without `context` never overlap one another; reading
 * them all as met or all as unmet, greedily from the left, gives non-overlapping marks (`PageContext.decide`).
 * Without context rules in the dataset, equal to `findMatches`.
 */
export function findCandidates(text: string, index: MatcherIndex): Candidate[] {
  const found: Candidate[] = [];
  if (typeof text !== 'string' || text.length === 0) return found;
  // A text of n units has at most n/2 + 1 words: short blocks get a small buffer, no per-call cost.
  const bufferSize = Math.min(MATCHER_DEFAULTS.tokenBufferSize, 2 ** Math.ceil(Math.log2(text.length / 2 + 2)));
  const tokens = new TokenStream(text, bufferSize);
  const run = new MatchRun(tokens, index);
  const { startFilter, lowerStartFilter, pairFilter, ids } = index;
  /** The last token of the context candidate whose plain reading is being found, or -1. */
  let plainUntil = -1;
  for (let i = 0; tokens.has(i); i++) {
    if (i > plainUntil && plainUntil >= 0) {
      plainUntil = -1;
      run.plainEnd = -1;
    }
    const flag = tokens.flag(i);
    if (flag & TOKEN_SKIP) continue;
    const hash = tokens.hash(i);
    const lanes = filterLanes(flag & TOKEN_UPPER ? startFilter : lowerStartFilter, mixHash(hash));
    const mayStart =
      (lanes & (1 << START_ENDS)) !== 0 ||
      ((lanes & (1 << START_NEXT)) !== 0 &&
        tokens.has(i + 1) &&
        tokens.sep(i + 1) !== SEP.BREAK &&
        filterHas(pairFilter, pairHash(hash, tokens.hash(i + 1))));
    const length = tokens.end(i) - tokens.start(i);
    if (!mayStart && length < MATCHER_DEFAULTS.shortTypoMinLength) continue;
    run.bestId = -1;
    if (mayStart) {
      const word = wordOf(index, tokens, i);
      if (word !== NO_WORD) {
        PATH[0] = i;
        run.walk(word, i, i, 1);
      }
    }
    if (run.bestId >= 0) {
      const match: Candidate = { id: ids[run.bestId] as string, start: tokens.start(i), end: run.bestEnd };
      if (run.bestFlags >>> CONTEXT_SHIFT !== 0) {
        const rule = contextRuleOf(run.bestFlags);
        const owner = run.bestFlags & FLAG_QUALIFIABLE ? ownerBefore(tokens, i, index, rule, found.at(-1)) : undefined;
        if (owner === 'ours' && match.id.startsWith('org/')) {
          // "Russia's Foreign Ministry": an organisation of the place or body its rule lists, on any page.
          found.push(match);
          i = run.bestLast;
          continue;
        }
        if (owner !== 'another') {
          match.context = rule;
          found.push(match);
        }
        // Then the same words again, read without context aliases that end inside this one: what is marked if
        // the page does not meet the rule ("White House" under "White House meeting").
        plainUntil = run.bestLast;
        run.plainEnd = run.bestEnd;
        i--;
        continue;
      }
      found.push(match);
      i = run.bestLast;
      continue;
    }
    if (length >= MATCHER_DEFAULTS.fuzzyMinLength) {
      const typo = typoOf(tokens, i, index);
      if (typo !== NO_TYPO) found.push({ id: ids[typo] as string, start: tokens.start(i), end: tokens.end(i) });
    } else if (index.shortTypos.size > 0 && flag & TOKEN_UPPER) {
      const entity = shortTypoOf(tokens, i, index);
      if (entity !== NO_TYPO) {
        const id = ids[entity] as string;
        // After the person's own first name it is the full name with a typo ("Friedrich Mertz"): sure alone.
        if (isGivenNameOf(tokens, i - 1, id, index)) found.push({ id, start: tokens.start(i - 1), end: tokens.end(i) });
        else found.push({ id, start: tokens.start(i), end: tokens.end(i), context: index.shortTypoRules.get(entity) });
      }
    }
  }
  tokens.release();
  return applyNameRules(text, found, index);
}

/**
 * The entity whose short name (`index.shortTypos`) token `i`, capitalised inside a sentence and not beside
 * another capitalised word ("Lance Armstrong") other than a title ("Chancellor Mertz"), is one typo of ("Mertz",
 * "Rute"), or `NO_TYPO`. Such a candidate is marked only on a page that names the person for sure (its rule);
 * a word near the short names of two people is neither's, and no alias word is a typo.
 */
function shortTypoOf(tokens: TokenStream, i: number, index: MatcherIndex): number {
  const text = tokens.text;
  const start = tokens.start(i);
  if (!startsUpper(text, start) || i === 0 || tokens.sep(i) !== SEP.JOIN) return NO_TYPO;
  const afterName = startsUpper(text, tokens.start(i - 1)) && !MATCHER_DEFAULTS.titles.includes(tokens.key(i - 1));
  if (tokens.has(i + 1) && tokens.sep(i + 1) === SEP.JOIN && startsUpper(text, tokens.start(i + 1))) return NO_TYPO;
  if (!afterName && opensSentence(text, start)) return NO_TYPO;
  const typo = shortTypoWord(tokens, i, index);
  // After another capitalised word only the person's own first name makes it theirs ("Lance Armstrong").
  return afterName && typo !== NO_TYPO && !isGivenNameOf(tokens, i - 1, index.ids[typo] as string, index)
    ? NO_TYPO
    : typo;
}

/** The entity whose short name token `i` is one typo of, whatever stands around it (cached per word). */
function shortTypoWord(tokens: TokenStream, i: number, index: MatcherIndex): number {
  const text = tokens.text;
  const start = tokens.start(i);
  // An ASCII word is its own key (A-Z read as a-z): no string is made. Typo and short-typo answers share the
  // cache: their words differ in length.
  let source = text;
  let from = start;
  let to = tokens.end(i);
  if (!(tokens.flag(i) & TOKEN_ASCII)) {
    source = tokens.key(i);
    from = 0;
    to = source.length;
  }
  const hash = tokens.hash(i);
  const cached = cacheGet(index.typoCache, source, from, to, hash);
  if (cached !== CACHE_MISS) return cached;
  let typo = typoMatch(index.shortTypos, source, from, to);
  if (typo !== NO_TYPO && findWord(index.noFuzzy, source, from, to, hash) !== NO_WORD) typo = NO_TYPO;
  cacheSet(index.typoCache, source, from, to, hash, typo);
  return typo;
}

/** Whether token `i` is, exactly, a first name of person `id` ("Friedrich" before a misspelt "Merz"). */
function isGivenNameOf(tokens: TokenStream, i: number, id: string, index: MatcherIndex): boolean {
  if (i < 0 || !startsUpper(tokens.text, tokens.start(i)) || tokens.sep(i + 1) !== SEP.JOIN) return false;
  const key = tokens.key(i);
  for (const people of index.names.values())
    for (const person of people) if (person.id === id && person.given.includes(key)) return true;
  return false;
}

function startsUpper(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  const ch = text.charAt(at);
  return ch !== ch.toLowerCase();
}

/**
 * Whose a context-only name right after a capitalised name, or its possessive, is. Another name's ("another"):
 * "China's Foreign Ministry", "Chinese foreign ministry", "Gaza ceasefire". Ours ("ours"), when the name is its
 * possessive and a mention (`previous`) of an entity the rule itself lists: "Russia's Foreign Ministry",
 * "Moscow's foreign ministry". Neither (undefined, the rule decides) for a mention of a listed entity that is no
 * possessive, capitalised determiners that open a sentence ("The Foreign Ministry"), a word that opens a
 * sentence ("No ceasefire yet"), or no name at all.
 */
function ownerBefore(
  tokens: TokenStream,
  i: number,
  index: MatcherIndex,
  rule: number,
  previous: Candidate | undefined,
): 'another' | 'ours' | undefined {
  if (i === 0) return undefined;
  let q = i - 1;
  const sep = tokens.sep(i);
  if (sep !== SEP.JOIN && sep !== SEP.APOS) return undefined;
  const possessive = sep === SEP.JOIN && q > 0 && tokens.sep(q) === SEP.APOS && tokens.key(q) === 's';
  if (possessive) q--;
  const word = tokens.raw(q);
  if (word === word.toLowerCase() || MATCHER_DEFAULTS.contextOpeners.includes(tokens.key(q))) return undefined;
  // A capital that only opens a sentence says nothing ("No ceasefire yet"); a possessive always does.
  if (!possessive && opensSentence(tokens.text, tokens.start(q))) return undefined;
  if (previous && previous.end === tokens.end(q)) {
    const of = index.contexts[rule]?.[0] ?? [];
    if (of.some((n) => index.ids[n] === previous.id)) return possessive ? 'ours' : undefined;
  }
  return 'another';
}

/** A gap may run over spaces, hyphens, possessives and abbreviation stops ("U.S."), never a sentence's end. */
function gapCrossable(tokens: TokenStream, k: number): boolean {
  const sep = tokens.sep(k);
  if (sep === SEP.JOIN || sep === SEP.APOS) return true;
  return sep === SEP.DOT && tokens.end(k - 1) - tokens.start(k - 1) === 1;
}

/**
 * The entity index of the one fuzzy alias that token `i` is a typo of, or `NO_TYPO`: the word must be
 * capitalised, long enough, and neither a known word nor an alias word.
 */
function typoOf(tokens: TokenStream, i: number, index: MatcherIndex): number {
  if (index.typos.size === 0) return NO_TYPO;
  const text = tokens.text;
  const start = tokens.start(i);
  const first = text.charCodeAt(start);
  if (first < 0x41 || (first > 0x5a && first < 0x80)) return NO_TYPO;
  if (first >= 0x80 && text.charAt(start) === text.charAt(start).toLowerCase()) return NO_TYPO;
  // An ASCII word is its own key (A-Z read as a-z): no string is made.
  let source = text;
  let from = start;
  let to = tokens.end(i);
  if (!(tokens.flag(i) & TOKEN_ASCII)) {
    source = tokens.key(i);
    from = 0;
    to = source.length;
  }
  if (to - from < MATCHER_DEFAULTS.fuzzyMinLength) return NO_TYPO;
  const hash = tokens.hash(i);
  const cached = cacheGet(index.typoCache, source, from, to, hash);
  if (cached !== CACHE_MISS) return cached;
  let typo = typoMatch(index.typos, source, from, to);
  if (typo !== NO_TYPO && findWord(index.noFuzzy, source, from, to, hash) !== NO_WORD) typo = NO_TYPO;
  cacheSet(index.typoCache, source, from, to, hash, typo);
  return typo;
}

function isLower(word: string): boolean {
  return word === word.toLowerCase();
}
