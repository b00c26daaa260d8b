/**
 * A Bloom-style pre-check for the typo search: which of a word's one-letter deletions (and the word itself)
 * may be keys of the deletion index, computed from the word's characters without building any string.
 * Built by `loadMatcher` from the deletion index it already makes, so the compiled tables do not grow.
 *
 * A variant's hash is a polynomial over its UTF-16 code units (A-Z read as a-z), so the hash of the word with
 * letter `i` left out follows from the whole word's hash and its prefix in O(1): one pass over the word gives
 * all of them. Two bits per variant in one 32-bit word of the table: one memory read per variant.
 * False positives only cost a map look-up; there are no false negatives.
 */

const BASE = 0x01000193;
/** BASE's inverse modulo 2^32 (BASE is odd), by Newton's iteration: each step doubles the correct bits. */
const BASE_INVERSE = (() => {
  let x = BASE;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(BASE, x));
  return x | 0;
})();
const ONE_MINUS_BASE = (1 - BASE) | 0;

/** Longest word the filter answers for; longer words skip it and try every variant (`ALL_VARIANTS`). */
export const TYPO_FILTER_MAX_LENGTH = 30;
/** Answer for a word too long for the filter: every variant may be in the index. */
export const ALL_VARIANTS = -1;

export interface TypoFilter {
  bits: Uint32Array;
  /** Number of 32-bit words in `bits`, minus one (a power of two minus one). */
  wordMask: number;
}

function fold(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** Mixes the polynomial and the variant's length into a well-spread 32-bit hash (murmur3's finaliser). */
function finish(poly: number, length: number): number {
  let h = poly ^ Math.imul(length, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of a whole string, as `typoCandidates` computes it for a word's variants. */
export function variantHash(variant: string): number {
  let poly = 0;
  for (let i = 0; i < variant.length; i++) poly = (Math.imul(poly, BASE) + fold(variant.charCodeAt(i))) | 0;
  return finish(poly, variant.length);
}

function set(filter: TypoFilter, hash: number): void {
  const w = hash & filter.wordMask;
  filter.bits[w] = (filter.bits[w] as number) | (1 << ((hash >>> 22) & 31)) | (1 << (hash >>> 27));
}

function has(filter: TypoFilter, hash: number): boolean {
  const both = (1 << ((hash >>> 22) & 31)) | (1 << (hash >>> 27));
  return ((filter.bits[hash & filter.wordMask] as number) & both) === both;
}

/** A filter over the given variants (the deletion index's keys), `bitsPerVariant` bits each, rounded up. */
export function buildTypoFilter(variants: Iterable<string>, count: number, bitsPerVariant: number): TypoFilter {
  const words = Math.max(32, 2 ** Math.ceil(Math.log2(Math.max(1, (count * bitsPerVariant) / 32))));
  const filter: TypoFilter = { bits: new Uint32Array(words), wordMask: words - 1 };
  for (const variant of variants) set(filter, variantHash(variant));
  return filter;
}

/**
 * Which variants of the word `text[start, end)` may be in the index: bit `i` (i < length) for the word
 * without its letter `i`, bit `length` for the word itself; 0 when none may be. `ALL_VARIANTS` for words
 * longer than `TYPO_FILTER_MAX_LENGTH`. The word must already be folded, except that A-Z are read as a-z.
 */
export function typoCandidates(filter: TypoFilter, text: string, start: number, end: number): number {
  const length = end - start;
  if (length > TYPO_FILTER_MAX_LENGTH) return ALL_VARIANTS;
  if (length <= 0) return 0;
  let whole = 0;
  let power = 1;
  for (let p = start; p < end; p++) {
    whole = (Math.imul(whole, BASE) + fold(text.charCodeAt(p))) | 0;
    if (p > start) power = Math.imul(power, BASE);
  }
  let found = has(filter, finish(whole, length)) ? 1 << length : 0;
  // Without letter i: whole + (prefix·(1 − BASE) − c_i)·BASE^(length − 1 − i), prefix the hash of letters < i.
  let prefix = 0;
  for (let i = 0; i < length; i++) {
    const c = fold(text.charCodeAt(start + i));
    const poly = (whole + Math.imul((Math.imul(prefix, ONE_MINUS_BASE) - c) | 0, power)) | 0;
    if (has(filter, finish(poly, length - 1))) found |= 1 << i;
    prefix = (Math.imul(prefix, BASE) + c) | 0;
    power = Math.imul(power, BASE_INVERSE);
  }
  return found;
}
