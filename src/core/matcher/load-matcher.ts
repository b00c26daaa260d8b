import { type BitFilter, filterAdd, filterAddToLane, mixHash, newBitFilter } from './bit-filter.ts';
import {
  CASE_MODE,
  compiledAliasParse,
  FLAG_CAPITALISED,
  FLAG_FUZZY,
  FLAG_PLURAL,
  type MatcherTables,
} from './compile-matcher.ts';
import { caseMask } from './letter-case.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { parseAlias, SEP_GAP } from './parse-alias.ts';
import { hashKey, SEP } from './token-stream.ts';
import { type TypoIndex, TypoIndexBuilder } from './typo-index.ts';
import { newWordCache, type WordCache } from './word-cache.ts';
import { buildWordTable, type WordTable } from './word-table.ts';

/*
 * The loaded index is a trie of alias words laid out in typed arrays rather than objects and maps. At 50,000
 * aliases the tables no longer fit the processor's caches (the page text streaming through them pushes them
 * out), and a look-up then costs about as many slow memory reads as the places it touches; so everything a
 * mention usually needs sits together:
 * - Every alias word has a record of one 64-byte cache line: its length and (when short) letters, and the trie
 *   node it is as an alias's first word, with that node's first alias end and its case mask inline. The records
 *   are themselves the hash table words are looked up in, so a one-word name is found, checked and marked from
 *   one cache line.
 * - A deeper node is a cache line too: the node, its first alias end, and the word that leads to it. A link
 *   below the root is found in one table by the parent node and the page word's hash, then checked against the
 *   word kept in the node it leads to: the page word is never looked up on its own.
 * - Small pre-checks (`startFilter`, `pairFilter`) drop most page words before any of this is read.
 * Letter case is checked against a bit mask of the alias's capitals, not against strings.
 */

/** Integers per word record: one 64-byte cache line. */
export const WORD = 16;
/** In a word record: the word's length; 0 for an empty slot of the table. */
export const W_LENGTH = 0;
/**
 * In a word record: up to `INLINE_CHARS` letters, two UTF-16 units an integer (the first in the low half);
 * a longer word has where its letters start in `chars` here instead.
 */
export const W_CHARS = 1;
export const INLINE_CHARS = 12;
/** In a word record: the case mask of the node's first alias end (-1 when it has none). */
export const W_MASK = 7;
/** Where the word's node starts in its record. */
export const W_NODE = 8;

/**
 * Integers per deeper node (one cache line): the layout of every node (as in a word record from `W_NODE`),
 * then from `D_WORD` the word that leads to it, kept as in a word record, so that a link is checked on the node
 * it leads to.
 */
export const NODE = 16;
export const D_WORD = 8;
/** Bit `s` set when the node has children after separator `s`; the gap's width from `NODE_GAP_SHIFT` up. */
export const N_INFO = 0;
export const NODE_NEXT_BITS = 0xf;
export const NODE_GAP_SHIFT = 8;
/** The node after a " … " gap, or -1. */
export const N_GAP = 1;
/** The node's alias ends: `ends[N_ENDS · END, N_ENDS_END · END)`. */
export const N_ENDS = 2;
export const N_ENDS_END = 3;
/** The first alias end, inline: its entity, flags, order and first form. */
export const N_ID = 4;
export const N_FLAGS = 5;
export const N_ORDER = 6;
export const N_FORMS = 7;

/** Integers per alias end: entity index, flags, order, first form (in `forms` and `formMasks`). */
export const END = 4;
/** End flag, above the compiled alias flags: the alias takes a full stop after its last word ("U.S."). */
export const END_TRAILING_DOT = 1 << 8;
/** End flag: every form has a case mask; page words of ASCII are checked by mask. */
export const END_MASKED = 1 << 9;

/** Integers per edge: (parent node · 4 + separator) + 1 (0: an empty slot), word hash, child node, unused. */
export const EDGE = 4;

/** `startFilter`'s lanes: first words that end an alias or open a gap; first words that words follow. */
export const START_ENDS = 0;
export const START_NEXT = 1;

/** The matcher's tables, loaded once into the flat structures `findMatches` walks. */
export interface MatcherIndex {
  /** Entity ids; ends hold indexes into it. */
  ids: string[];
  /**
   * Open addressing, linear probing, `WORD` integers a slot: a word's record sits at its `hashKey` or after.
   * A word's id is its slot; node `w` below `wordSlots` is word `w`'s node, deeper node `n` is `n - wordSlots`.
   */
  words: Int32Array;
  wordSlots: number;
  /** Every alias word, concatenated: what a word longer than `INLINE_CHARS` is checked against. */
  chars: string;
  /** `NODE` integers per node below the first word. */
  nodes: Int32Array;
  /** Every link below the root, `EDGE` integers a slot, by parent node and word hash. */
  edges: Int32Array;
  edgeMask: number;
  /** `END` integers per alias end. */
  ends: Int32Array;
  /** Per alias word, by an end's first form: its capitals as a bit mask (when the end is `END_MASKED`). */
  formMasks: Int32Array;
  /** Per alias word: as written, diacritics stripped; letter case of non-ASCII page words is checked on it. */
  forms: string[];
  /**
   * Pre-checks of where an alias may start, so that most page words, names of no alias among them, are dropped
   * without touching the tables. `startFilter` has two lanes (`START_ENDS`, `START_NEXT`); `pairFilter` holds
   * the first two words of aliases together (by `pairHash`). `lowerStartFilter` is `startFilter` for words
   * without a capital, which most page words are: it holds only the first words of aliases that may start so
   * (phrases), so it stays small whatever the number of names.
   */
  startFilter: BitFilter;
  lowerStartFilter: BitFilter;
  pairFilter: BitFilter;
  /** One-edit variants of one-word person and place names. */
  typos: TypoIndex;
  /** Folded words never read as a typo: every alias word, and known words one edit from a fuzzy alias. */
  noFuzzy: WordTable;
  /**
   * The typo check's recent answers (the one mutable part: a page repeats its capitalised words). Answers do
   * not depend on it.
   */
  typoCache: WordCache;
  /** Context rules by index (`MatcherTables.contexts`): entity indexes and how many of them a page must mention. */
  contexts: readonly (readonly [readonly number[], number])[];
  /** One-word names of people that end longer ones, by folded name: the person and the first words before it. */
  names: ReadonlyMap<string, readonly { id: string; given: readonly string[] }[]>;
  /** Short one-word names of people read with one typo on a page that names them, by their one-edit variants. */
  shortTypos: TypoIndex;
  /** The context rule of each entity with a short name in `shortTypos` (the page must name the person). */
  shortTypoRules: ReadonlyMap<number, number>;
  /** Those rules, which `findMatches` never takes as met: a short name's typo needs the page to name the person. */
  shortTypoRuleSet: ReadonlySet<number>;
  /** Ids of places. */
  placeIds: ReadonlySet<string>;
  /** Ids of places that are themselves US states ("Alaska state" is ours; "Washington state" is not D.C.). */
  stateIds: ReadonlySet<string>;
}

interface TrieNode {
  /** By the separator before the next word (the root's first words sit at `BREAK`), keyed by word id. */
  next: (Map<number, TrieNode> | undefined)[] | undefined;
  /** After a " … " gap: the words that may follow, keyed by word id alone. */
  gap: TrieNode | undefined;
  gapMax: number;
  ends: AliasEnd[] | undefined;
}

/** What the trie holds, counted as aliases go in. */
interface TrieCounts {
  nodes: number;
  ends: number;
  forms: number;
}

interface AliasEnd {
  idIndex: number;
  flags: number;
  forms: string[];
  order: number;
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
  const typos = new TypoIndexBuilder();
  // Words get ids in order of first use; the flat tables are built from them once all aliases are in.
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
  // How many nodes, alias ends and forms the trie holds: the flat tables are made at their size at once.
  const counts: TrieCounts = { nodes: 1, ends: 0, forms: 0 };
  const insert = (keys: string[], seps: number[], maxGap: number, end: AliasEnd): void => {
    counts.nodes += insertAlias(root, keys.map(intern), seps, maxGap, end);
    counts.ends++;
    counts.forms += end.forms.length;
  };
  // Indexed loops over lists and `forEach` over maps here and below: no pair is made per entry, and a large
  // pack's index has hundreds of thousands of them.
  for (let order = 0; order < tables.aliases.length; order++) {
    if (order > 0 && order % MATCHER_DEFAULTS.loadStepAliases === 0) yield;
    const alias = tables.aliases[order] as MatcherTables['aliases'][number];
    const text = alias[0];
    const idIndex = alias[1];
    const flags = alias[2];
    const maxGap = alias[3];
    const parsed = compiledAliasParse(tables, order, text) ?? parseAlias(text);
    const id = tables.ids[idIndex];
    if (!parsed || id === undefined) continue;
    const endFlags = flags | (parsed.trailingDot ? END_TRAILING_DOT : 0);
    insert(parsed.keys, parsed.seps, maxGap, { idIndex, flags: endFlags, forms: parsed.forms, order });
    if (flags & FLAG_PLURAL) {
      const last = parsed.keys.at(-1) as string;
      const forms = [...parsed.forms.slice(0, -1), `${parsed.forms.at(-1)}s`];
      const keys = [...parsed.keys.slice(0, -1), `${last}s`];
      insert(keys, parsed.seps, maxGap, { idIndex, flags: endFlags, forms, order });
    }
    if (flags & FLAG_FUZZY && parsed.keys.length === 1) typos.add(parsed.keys[0] as string, idIndex);
  }
  yield;
  const filters = yield* startFilters(root, words);
  yield;
  const noFuzzy = buildWordTable(tables.noFuzzy);
  yield;
  const typoIndex = yield* typos.buildInSteps(
    MATCHER_DEFAULTS.typoFilterBitsPerVariant,
    MATCHER_DEFAULTS.loadStepNodes,
  );
  yield;
  const flat = yield* flatten(root, words, counts);
  yield;
  const shortTypos = new TypoIndexBuilder();
  for (const [name, entity] of tables.shortTypos ?? []) shortTypos.add(name, entity);
  const shortTypoIndex = yield* shortTypos.buildInSteps(
    MATCHER_DEFAULTS.typoFilterBitsPerVariant,
    MATCHER_DEFAULTS.loadStepNodes,
  );
  yield;
  const names = namesByKey(tables);
  return {
    ids: tables.ids,
    ...flat,
    ...filters,
    typos: typoIndex,
    noFuzzy,
    typoCache: newWordCache(MATCHER_DEFAULTS.typoCacheSize),
    contexts: tables.contexts ?? [],
    names,
    shortTypos: shortTypoIndex,
    shortTypoRuleSet: new Set((tables.shortTypos ?? []).map(([, , rule]) => rule)),
    shortTypoRules: new Map((tables.shortTypos ?? []).map(([, entity, rule]) => [entity, rule])),
    placeIds: new Set((tables.places ?? []).map((n) => tables.ids[n] as string)),
    stateIds: new Set((tables.states ?? []).map((n) => tables.ids[n] as string)),
  };
}

function namesByKey(tables: MatcherTables): MatcherIndex['names'] {
  const names = new Map<string, { id: string; given: readonly string[] }[]>();
  for (const [name, n, given] of tables.names ?? []) {
    const list = names.get(name) ?? [];
    list.push({ id: tables.ids[n] as string, given });
    names.set(name, list);
  }
  return names;
}

/** Adds one alias to the trie; returns the number of nodes it made. */
function insertAlias(root: TrieNode, keys: number[], seps: number[], maxGap: number, end: AliasEnd): number {
  let made = 0;
  let node = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const sep = seps[i] as number;
    if (sep === SEP_GAP) {
      if (!node.gap) {
        node.gap = newNode();
        made++;
      }
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
      made++;
      map.set(key, child);
    }
    node = child;
  }
  node.ends ??= [];
  node.ends.push(end);
  return made;
}

/** Two words' `hashKey`s combined: the key of `pairFilter`. */
export function pairHash(first: number, second: number): number {
  return mixHash((Math.imul(first, 0x2545f491) + second) | 0);
}

function* startFilters(
  root: TrieNode,
  words: readonly string[],
): Generator<void, Pick<MatcherIndex, 'startFilter' | 'lowerStartFilter' | 'pairFilter'>, void> {
  const firstWords = root.next?.[SEP.BREAK] ?? new Map<number, TrieNode>();
  // Each start as its mixed hash and lane, in two lists (no tuple per start); those that may start on a word
  // without capitals also in the lower lists.
  const startHashes: number[] = [];
  const startLanes: (0 | 1)[] = [];
  const lowerHashes: number[] = [];
  const lowerLanes: (0 | 1)[] = [];
  const addStart = (mixed: number, lane: 0 | 1, lowerToo: boolean) => {
    startHashes.push(mixed);
    startLanes.push(lane);
    if (!lowerToo) return;
    lowerHashes.push(mixed);
    lowerLanes.push(lane);
  };
  const pairs: number[] = [];
  let done = 0;
  for (const word of firstWords.keys()) {
    if (++done % MATCHER_DEFAULTS.loadStepNodes === 0) yield;
    const node = firstWords.get(word) as TrieNode;
    const hash = hashKey(words[word] as string);
    const mixed = mixHash(hash);
    if (node.ends) addStart(mixed, START_ENDS, node.ends.some(startsLower));
    if (node.gap) addStart(mixed, START_ENDS, someEnd(node.gap, startsLower));
    for (const map of node.next ?? []) {
      map?.forEach((child, second) => {
        addStart(mixed, START_NEXT, someEnd(child, startsLower));
        pairs.push(pairHash(hash, hashKey(words[second] as string)));
      });
    }
  }
  const startFilter = newBitFilter(startHashes.length, MATCHER_DEFAULTS.filterBitsPerKey / 2);
  const lowerStartFilter = newBitFilter(lowerHashes.length, MATCHER_DEFAULTS.filterBitsPerKey);
  for (let k = 0; k < startHashes.length; k++)
    filterAddToLane(startFilter, startHashes[k] as number, startLanes[k] as 0 | 1);
  for (let k = 0; k < lowerHashes.length; k++)
    filterAddToLane(lowerStartFilter, lowerHashes[k] as number, lowerLanes[k] as 0 | 1);
  const pairFilter = newBitFilter(pairs.length, MATCHER_DEFAULTS.filterBitsPerKey);
  for (const hash of pairs) filterAdd(pairFilter, hash);
  return { startFilter, lowerStartFilter, pairFilter };
}

/** May the alias start on a page word without a capital letter ("security guarantees", a case-free phrase)? */
function startsLower(end: AliasEnd): boolean {
  if (end.flags & FLAG_CAPITALISED) return false;
  const form = end.forms[0] as string;
  return (end.flags & 3) === CASE_MODE.any || form === form.toLowerCase();
}

/**
 * Whether any alias end at or below `node` passes `test`. Children by `forEach`, which makes no entry per child:
 * most first words are names, whose every node below is visited.
 */
function someEnd(node: TrieNode, test: (end: AliasEnd) => boolean): boolean {
  if (node.ends?.some(test)) return true;
  if (node.gap && someEnd(node.gap, test)) return true;
  let found = false;
  for (const map of node.next ?? []) {
    map?.forEach((child) => {
      found ||= someEnd(child, test);
    });
    if (found) return true;
  }
  return false;
}

type FlatTrie = Pick<
  MatcherIndex,
  'words' | 'wordSlots' | 'chars' | 'nodes' | 'edges' | 'edgeMask' | 'ends' | 'formMasks' | 'forms'
>;

/**
 * Writes word `w` at `array[at]`: its length, then its letters two UTF-16 units to an integer (the first in the
 * low half) or, when it is longer than `INLINE_CHARS`, where its letters start in the concatenated words.
 */
function keepWord(array: Int32Array, at: number, keys: readonly string[], w: number, offsets: readonly number[]) {
  if (w < 0) return;
  const key = keys[w] as string;
  array[at] = key.length;
  if (key.length > INLINE_CHARS) array[at + 1] = offsets[w] as number;
  else
    for (let k = 0; k < key.length; k++)
      array[at + 1 + (k >> 1)] = (array[at + 1 + (k >> 1)] as number) | (key.charCodeAt(k) << (16 * (k & 1)));
}

/** `hashKey`s keyed by the parent's edge key, spread: where an edge's probe starts. */
export function edgeHash(key: number, wordHash: number): number {
  return mixHash(Math.imul(key, 0x9e3779b1) ^ wordHash);
}

/**
 * Lays the trie out in typed arrays: word `w`'s record holds the node it is as a first word, every deeper node
 * gets the next free number, and links below the root go into one edge table. Yields every few thousand nodes.
 */
function* flatten(root: TrieNode, keys: readonly string[], counts: TrieCounts): Generator<void, FlatTrie, void> {
  const firstWords = root.next?.[SEP.BREAK] ?? new Map<number, TrieNode>();
  const deepCount = Math.max(0, counts.nodes - 1 - firstWords.size);
  // At most half full, so that a look-up reads one or two records.
  const wordSlots = Math.max(16, 2 ** Math.ceil(Math.log2(keys.length * 2 + 1)));
  const words = new Int32Array(wordSlots * WORD);
  const nodes = new Int32Array(deepCount * NODE);
  const hashes = keys.map(hashKey);
  /** Each word's slot, which is its id from here on. */
  const slotOf = new Int32Array(keys.length);
  for (let n = 0; n < wordSlots; n++) {
    words[n * WORD + W_MASK] = -1;
    words[n * WORD + W_NODE + N_GAP] = -1;
  }
  const offsets: number[] = [];
  let offset = 0;
  for (let w = 0; w < keys.length; w++) {
    if (w > 0 && w % MATCHER_DEFAULTS.loadStepNodes === 0) yield;
    const key = keys[w] as string;
    offsets.push(offset);
    offset += key.length;
    let slot = (hashes[w] as number) & (wordSlots - 1);
    while (words[slot * WORD + W_LENGTH] !== 0) slot = (slot + 1) & (wordSlots - 1);
    slotOf[w] = slot;
    keepWord(words, slot * WORD + W_LENGTH, keys, w, offsets);
  }
  for (let n = 0; n < deepCount; n++) nodes[n * NODE + N_GAP] = -1;
  yield;
  // Every link below the root, as (parent key, word, child) until the edge table is sized: one per deeper node.
  const edges = new Int32Array(deepCount * 3);
  let edgeCount = 0;
  const ends = new Int32Array(counts.ends * END);
  let endCount = 0;
  const formMasks = new Int32Array(counts.forms);
  const forms: string[] = [];
  let formCount = 0;
  let free = wordSlots;
  // Nodes still to lay out, with their ids and the word that leads to each (for deeper nodes): three stacks
  // rather than a tuple per node.
  const stackNodes: TrieNode[] = [];
  const stackIds: number[] = [];
  const stackWords: number[] = [];
  const push = (node: TrieNode, id: number, word: number) => {
    stackNodes.push(node);
    stackIds.push(id);
    stackWords.push(word);
  };
  firstWords.forEach((child, word) => {
    push(child, slotOf[word] as number, word);
  });
  for (let visited = 1; stackNodes.length > 0; visited++) {
    if (visited % MATCHER_DEFAULTS.loadStepNodes === 0) yield;
    const node = stackNodes.pop() as TrieNode;
    const id = stackIds.pop() as number;
    const leadingWord = stackWords.pop() as number;
    const array = id < wordSlots ? words : nodes;
    const at = id < wordSlots ? id * WORD + W_NODE : (id - wordSlots) * NODE;
    if (id >= wordSlots) keepWord(nodes, at + D_WORD, keys, leadingWord, offsets);
    const first = endCount;
    array[at + N_ENDS] = first;
    for (const end of node.ends ?? []) {
      const firstForm = formCount;
      let masked = true;
      for (const form of end.forms) {
        const mask = caseMask(form);
        if (mask === undefined) masked = false;
        forms.push(form);
        formMasks[formCount++] = mask ?? 0;
      }
      const e = endCount++ * END;
      ends[e] = end.idIndex;
      ends[e + 1] = end.flags | (masked ? END_MASKED : 0);
      ends[e + 2] = end.order;
      ends[e + 3] = firstForm;
    }
    array[at + N_ENDS_END] = endCount;
    if (endCount !== first) {
      for (let k = 0; k < END; k++) array[at + N_ID + k] = ends[first * END + k] as number;
      if (id < wordSlots) words[id * WORD + W_MASK] = formMasks[ends[first * END + 3] as number] as number;
    }
    let info = 0;
    const next = node.next ?? [];
    for (let sep = 0; sep < next.length; sep++) {
      const map = next[sep];
      if (!map) continue;
      info |= 1 << sep;
      map.forEach((child, word) => {
        const childId = free++;
        edges[edgeCount++] = id * 4 + sep + 1;
        edges[edgeCount++] = word;
        edges[edgeCount++] = childId;
        push(child, childId, word);
      });
    }
    if (node.gap) {
      const gapId = free++;
      info |= node.gapMax << NODE_GAP_SHIFT;
      array[at + N_GAP] = gapId;
      push(node.gap, gapId, -1);
    }
    array[at + N_INFO] = info;
  }
  const count = edgeCount / 3;
  const edgeSize = Math.max(16, 2 ** Math.ceil(Math.log2(count * 2 + 1)));
  const edgeTable = new Int32Array(edgeSize * EDGE);
  const edgeMask = edgeSize - 1;
  for (let e = 0; e < edgeCount; e += 3) {
    const key = edges[e] as number;
    const word = edges[e + 1] as number;
    const wordHash = hashes[word] as number;
    let slot = edgeHash(key, wordHash) & edgeMask;
    while (edgeTable[slot * EDGE] !== 0) slot = (slot + 1) & edgeMask;
    edgeTable[slot * EDGE] = key;
    edgeTable[slot * EDGE + 1] = wordHash;
    edgeTable[slot * EDGE + 2] = edges[e + 2] as number;
  }
  return {
    words,
    wordSlots,
    chars: keys.join(''),
    nodes,
    edges: edgeTable,
    edgeMask,
    ends,
    formMasks,
    forms,
  };
}
