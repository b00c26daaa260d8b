import type { BitFilter } from './bit-filter.ts';
import type { MatcherTables } from './compile-matcher.ts';
import { loadMatcher, type MatcherIndex } from './load-matcher.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import type { TypoIndex } from './typo-index.ts';
import { newWordCache } from './word-cache.ts';
import type { WordTable } from './word-table.ts';

/*
 * A loaded `MatcherIndex` written down as one JSON string, so that a page gets it back by reading rather than
 * re-deriving it: parsing the aliases, filling and flattening the trie, hashing the filters and the typo
 * variants all ran cold on every page (about 35 ms on a 5 KB article in Chromium). The typed arrays are mostly
 * empty hash slots, so each is stored as zigzag varints with runs of zeros collapsed, in base64; the rest
 * (ids, words, forms, rules) is plain JSON. Everything here runs in a page, a service worker or Node: no DOM,
 * no Node modules (`btoa` and `atob` are in all three).
 */

/** Changes whenever the index's layout or this encoding changes: an older snapshot is refused, not misread. */
export const SNAPSHOT_VERSION = 1;

/** The bundled dataset's snapshot in `src/data/compiled/`, written by `news-context compile`. */
export const MATCHER_SNAPSHOT_FILE = 'matcher-snapshot.json';

interface SnapshotFilter {
  bits: string;
  wordMask: number;
}

interface SnapshotTypos {
  filter: SnapshotFilter;
  slots: string;
  mask: number;
  postings: string;
  chars: string;
  size: number;
  maxLength: number;
}

/** The JSON of a snapshot: `MatcherIndex` with typed arrays as encoded strings and maps and sets as lists. */
interface Snapshot {
  snapshot: typeof SNAPSHOT_VERSION;
  ids: string[];
  words: string;
  wordSlots: number;
  chars: string;
  nodes: string;
  edges: string;
  edgeMask: number;
  ends: string;
  formMasks: string;
  forms: string[];
  startFilter: SnapshotFilter;
  lowerStartFilter: SnapshotFilter;
  pairFilter: SnapshotFilter;
  typos: SnapshotTypos;
  noFuzzy: { chars: string; offsets: string; slots: string; mask: number };
  contexts: (readonly [readonly number[], number])[];
  names: [string, { id: string; given: readonly string[] }[]][];
  shortTypos: SnapshotTypos;
  shortTypoRules: [number, number][];
  shortTypoRuleSet: number[];
  placeIds: string[];
  /** Absent from a snapshot written before it was added: that index has no US states among its places. */
  stateIds?: string[];
}

/**
 * What pages load: the matcher's tables (as compiled from the dataset, or from a pack at runtime) indexed once
 * and written down as a string for `loadMatcherSnapshot` (`prepareMatcher` in a page). Deterministic: same
 * tables, same string. Storable as is in `browser.storage.local`.
 */
export function snapshotMatcher(tables: MatcherTables): string {
  return snapshotIndex(loadMatcher(tables));
}

/** A loaded index written down as `snapshotMatcher` does. */
export function snapshotIndex(index: MatcherIndex): string {
  const snapshot: Snapshot = {
    snapshot: SNAPSHOT_VERSION,
    ids: index.ids,
    words: encodeInts(index.words),
    wordSlots: index.wordSlots,
    chars: index.chars,
    nodes: encodeInts(index.nodes),
    edges: encodeInts(index.edges),
    edgeMask: index.edgeMask,
    ends: encodeInts(index.ends),
    formMasks: encodeInts(index.formMasks),
    forms: index.forms,
    startFilter: writeFilter(index.startFilter),
    lowerStartFilter: writeFilter(index.lowerStartFilter),
    pairFilter: writeFilter(index.pairFilter),
    typos: writeTypos(index.typos),
    noFuzzy: {
      chars: index.noFuzzy.chars,
      offsets: encodeInts(index.noFuzzy.offsets),
      slots: encodeInts(index.noFuzzy.slots),
      mask: index.noFuzzy.mask,
    },
    contexts: [...index.contexts],
    names: [...index.names].map(([name, list]) => [name, [...list]]),
    shortTypos: writeTypos(index.shortTypos),
    shortTypoRules: [...index.shortTypoRules],
    shortTypoRuleSet: [...index.shortTypoRuleSet],
    placeIds: [...index.placeIds],
    stateIds: [...index.stateIds],
  };
  return JSON.stringify(snapshot);
}

/** Whether stored text is a snapshot (rather than the `MatcherTables` JSON it is made from). */
export function isMatcherSnapshot(stored: string): boolean {
  return stored.startsWith('{"snapshot":');
}

/**
 * The index a snapshot holds, exactly as `loadMatcher` made it (with an empty typo cache). Costs a JSON parse
 * and one pass over the stored integers. Throws, naming what it expected, on anything that is not a snapshot
 * of this version (a snapshot stored by an older version of the extension must be made again).
 */
export function loadMatcherSnapshot(stored: string): MatcherIndex {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(stored) as Snapshot;
  } catch (error) {
    throw new Error(`matcher snapshot: not JSON (${(error as Error).message})`);
  }
  if (snapshot?.snapshot !== SNAPSHOT_VERSION)
    throw new Error(
      `matcher snapshot: version ${String(snapshot?.snapshot)}, expected ${SNAPSHOT_VERSION} (make it again with snapshotMatcher)`,
    );
  return {
    ids: snapshot.ids,
    words: decodeInts(snapshot.words),
    wordSlots: snapshot.wordSlots,
    chars: snapshot.chars,
    nodes: decodeInts(snapshot.nodes),
    edges: decodeInts(snapshot.edges),
    edgeMask: snapshot.edgeMask,
    ends: decodeInts(snapshot.ends),
    formMasks: decodeInts(snapshot.formMasks),
    forms: snapshot.forms,
    startFilter: readFilter(snapshot.startFilter),
    lowerStartFilter: readFilter(snapshot.lowerStartFilter),
    pairFilter: readFilter(snapshot.pairFilter),
    typos: readTypos(snapshot.typos),
    noFuzzy: {
      chars: snapshot.noFuzzy.chars,
      offsets: decodeInts(snapshot.noFuzzy.offsets),
      slots: decodeInts(snapshot.noFuzzy.slots),
      mask: snapshot.noFuzzy.mask,
    } satisfies WordTable,
    typoCache: newWordCache(MATCHER_DEFAULTS.typoCacheSize),
    contexts: snapshot.contexts,
    names: new Map(snapshot.names),
    shortTypos: readTypos(snapshot.shortTypos),
    shortTypoRules: new Map(snapshot.shortTypoRules),
    shortTypoRuleSet: new Set(snapshot.shortTypoRuleSet),
    placeIds: new Set(snapshot.placeIds),
    stateIds: new Set(snapshot.stateIds ?? []),
  };
}

function writeFilter(filter: BitFilter): SnapshotFilter {
  return { bits: encodeInts(filter.bits), wordMask: filter.wordMask };
}

function readFilter(filter: SnapshotFilter): BitFilter {
  return { bits: new Uint32Array(decodeInts(filter.bits).buffer), wordMask: filter.wordMask };
}

function writeTypos(typos: TypoIndex): SnapshotTypos {
  return {
    ...typos,
    filter: writeFilter(typos.filter),
    slots: encodeInts(typos.slots),
    postings: encodeInts(typos.postings),
  };
}

function readTypos(typos: SnapshotTypos): TypoIndex {
  return {
    ...typos,
    filter: readFilter(typos.filter),
    slots: decodeInts(typos.slots),
    postings: decodeInts(typos.postings),
  };
}

/*
 * Integers as little-endian 32-bit words in base64, with long runs of zeros (the empty slots of the hash
 * tables) left out: first the array's length, then pieces of [zeros skipped, values kept, the values]. A page
 * decodes the base64 natively (`Uint8Array.fromBase64`) and copies each piece with one typed-array `set`, so
 * reading costs a loop per piece, not per integer.
 */

/** Runs of zeros shorter than this are kept as values: a piece costs two integers and a copy. */
const MIN_ZERO_RUN = 8;

/** An array of 32-bit integers (a `Uint32Array` is read as the same bits) as base64 text. */
export function encodeInts(values: Int32Array | Uint32Array): string {
  const ints = values instanceof Int32Array ? values : new Int32Array(values.buffer, values.byteOffset, values.length);
  const n = ints.length;
  // Written straight into a typed array: a piece needs a run of zeros before it, so there are at most n / 8 + 1.
  const out = new Int32Array(n + 2 * (Math.floor(n / MIN_ZERO_RUN) + 2) + 1);
  let size = 0;
  out[size++] = n;
  let i = 0;
  while (i < n) {
    const from = i;
    while (i < n && ints[i] === 0) i++;
    // Zeros at the end are left out: the length brings them back.
    if (i === n) break;
    const start = i;
    const end = nextZeroRun(ints, start);
    out[size++] = start - from;
    out[size++] = end - start;
    out.set(ints.subarray(start, end), size);
    size += end - start;
    i = end;
  }
  return base64Text(new Uint8Array(out.buffer, 0, size * 4));
}

/**
 * Where the first run of zeros that is left out begins at or after `from`: MIN_ZERO_RUN zeros in a row, or
 * zeros up to the end; `ints.length` when there is none.
 */
function nextZeroRun(ints: Int32Array, from: number): number {
  const n = ints.length;
  let zeros = 0;
  for (let k = from; k < n; k++) {
    if (ints[k] !== 0) {
      zeros = 0;
    } else if (++zeros === MIN_ZERO_RUN) {
      return k + 1 - MIN_ZERO_RUN;
    }
  }
  return n - zeros;
}

/** Bytes as base64: natively where the engine has `Uint8Array.prototype.toBase64`, else through `btoa`. */
function base64Text(bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (native) return native.call(bytes);
  const CHUNK = 0x2000;
  const parts: string[] = [];
  for (let k = 0; k < bytes.length; k += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(k, k + CHUNK) as unknown as number[]));
  }
  return btoa(parts.join(''));
}

/** The integers `encodeInts` wrote. */
export function decodeInts(text: string): Int32Array {
  const bytes = base64Bytes(text);
  // Little-endian, as every engine this runs on is: the stored words are read in place.
  const stored = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  const ints = new Int32Array(stored[0] as number);
  let at = 1;
  let i = 0;
  while (at < stored.length) {
    i += stored[at] as number;
    const kept = stored[at + 1] as number;
    ints.set(stored.subarray(at + 2, at + 2 + kept), i);
    i += kept;
    at += 2 + kept;
  }
  return ints;
}

/** Base64 text as bytes: natively where the engine has `Uint8Array.fromBase64`, else through `atob`. */
function base64Bytes(text: string): Uint8Array {
  const native = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return bytes;
}
