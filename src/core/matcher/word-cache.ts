import { foldAsciiCase } from '../fold-text.ts';

/**
 * A small direct-mapped cache from words to integers, for answers that are costly to work out and that pages
 * ask again and again (the typo check of "President" at every sentence it starts). Keyed by a span of text
 * and its `hashKey`; the word's characters are stored and compared, so a hit is always the word asked for.
 * Fixed size, no strings made: a new word simply takes its slot.
 */
export interface WordCache {
  /** Per entry: hash, length + 1 (0: empty), value. */
  meta: Int32Array;
  /** Per entry: the word's characters, A-Z read as a-z, `WORD_CACHE_MAX_LENGTH` slots each. */
  chars: Uint16Array;
  /** Entries minus one (a power of two minus one). */
  mask: number;
}

/** Longest word kept; longer words are never cached. */
export const WORD_CACHE_MAX_LENGTH = 16;
/** Returned by `cacheGet` for a word not in the cache. */
export const CACHE_MISS = -0x80000000;

/** An empty cache of `entries` words (rounded up to a power of two). */
export function newWordCache(entries: number): WordCache {
  const size = 2 ** Math.ceil(Math.log2(Math.max(1, entries)));
  return { meta: new Int32Array(size * 3), chars: new Uint16Array(size * WORD_CACHE_MAX_LENGTH), mask: size - 1 };
}

/** The value kept for the word `source[from, to)` with `hashKey` `hash`, or `CACHE_MISS`. */
export function cacheGet(cache: WordCache, source: string, from: number, to: number, hash: number): number {
  const length = to - from;
  const entry = hash & cache.mask;
  const meta = cache.meta;
  if (meta[entry * 3] !== hash || meta[entry * 3 + 1] !== length + 1) return CACHE_MISS;
  const base = entry * WORD_CACHE_MAX_LENGTH;
  for (let k = 0; k < length; k++)
    if (cache.chars[base + k] !== foldAsciiCase(source.charCodeAt(from + k))) return CACHE_MISS;
  return meta[entry * 3 + 2] as number;
}

/** Keeps `value` for the word `source[from, to)`, in place of whatever had its slot. */
export function cacheSet(
  cache: WordCache,
  source: string,
  from: number,
  to: number,
  hash: number,
  value: number,
): void {
  const length = to - from;
  if (length > WORD_CACHE_MAX_LENGTH) return;
  const entry = hash & cache.mask;
  const base = entry * WORD_CACHE_MAX_LENGTH;
  for (let k = 0; k < length; k++) cache.chars[base + k] = foldAsciiCase(source.charCodeAt(from + k));
  cache.meta[entry * 3] = hash;
  cache.meta[entry * 3 + 1] = length + 1;
  cache.meta[entry * 3 + 2] = value;
}
