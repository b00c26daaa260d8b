import { foldAsciiCase } from '../fold-text.ts';
import { type BitFilter, filterAdd, filterHas, mixHash, newBitFilter } from './bit-filter.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';

/**
 * The typo look-up: which alias, if exactly one, is one edit (insertion, deletion, substitution, adjacent
 * transposition) from a page word. A deletion index, flat: every alias key and each of its one-letter
 * deletions is stored by a 32-bit hash in one open-addressing table of integers. A word's own deletions are
 * hashed straight from its characters, no strings made (the hash of the word without letter `i` follows from
 * the whole word's hash and its prefix in O(1)). Every alias found is then checked by edit distance on the
 * characters, so a hash collision can add a candidate but never a match.
 *
 * Before the table, a small filter says which of a word's variants may be there; only those are looked up.
 *
 * Keys are folded words (lower case, no diacritics); page text is read with A-Z as a-z.
 */
export interface TypoIndex {
  /** Pre-check of `slots`' hashes. */
  filter: BitFilter;
  /** Two integers a slot, linear probing: a distinct variant hash, then its postings' start + 1 (0: empty). */
  slots: Int32Array;
  /** Slots minus one (a power of two minus one). */
  mask: number;
  /**
   * Per variant hash, the aliases that have it: a count, then that many `POSTING`s (where the alias key's
   * characters are in `chars`, how many, and the alias's value), so checking one reads one place.
   */
  postings: Int32Array;
  /** Alias keys, concatenated. */
  chars: string;
  /** Number of aliases. */
  size: number;
  /** Longest key: a word two or more letters longer is no typo of any. */
  maxLength: number;
}

/** Integers per alias in `TypoIndex.postings`: key offset, key length, value. */
const POSTING = 3;

/** Returned by `typoMatch` when no alias, or more than one entity, is one edit away. */
export const NO_TYPO = -1;

const BASE = 0x01000193;
/** BASE's inverse modulo 2^32 (BASE is odd), by Newton's iteration: each step doubles the correct bits. */
const BASE_INVERSE = (() => {
  let x = BASE;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(BASE, x));
  return x | 0;
})();
const ONE_MINUS_BASE = (1 - BASE) | 0;

/** Mixes the polynomial and the variant's length into a well-spread 32-bit hash. */
function finish(poly: number, length: number): number {
  return mixHash(poly ^ Math.imul(length, 0x9e3779b1));
}

/** The hash of a whole string, as `variantHashes` computes it for a word's variants. */
export function variantHash(variant: string): number {
  let poly = 0;
  for (let i = 0; i < variant.length; i++) poly = (Math.imul(poly, BASE) + foldAsciiCase(variant.charCodeAt(i))) | 0;
  return finish(poly, variant.length);
}

/**
 * Writes the hash of the word `text[start, end)` without its letter `i` to `out[i]`, and of the whole word to
 * `out[length]`, in one pass. `out` must hold `end - start + 1` entries.
 */
export function variantHashes(text: string, start: number, end: number, out: Int32Array): void {
  const length = end - start;
  let whole = 0;
  let power = 1;
  for (let p = start; p < end; p++) {
    whole = (Math.imul(whole, BASE) + foldAsciiCase(text.charCodeAt(p))) | 0;
    if (p > start) power = Math.imul(power, BASE);
  }
  out[length] = finish(whole, length);
  // Without letter i: whole + (prefix·(1 − BASE) − c_i)·BASE^(length − 1 − i), prefix the hash of letters < i.
  let prefix = 0;
  for (let i = 0; i < length; i++) {
    const c = foldAsciiCase(text.charCodeAt(start + i));
    out[i] = finish((whole + Math.imul((Math.imul(prefix, ONE_MINUS_BASE) - c) | 0, power)) | 0, length - 1);
    prefix = (Math.imul(prefix, BASE) + c) | 0;
    power = Math.imul(power, BASE_INVERSE);
  }
}

/** Collects aliases, then makes the index; `add` may be spread over many steps. */
export class TypoIndexBuilder {
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  /** [hash, alias] pairs: the key's own hash and its deletions'. */
  private readonly entries: number[] = [];

  /** Indexes the folded `key` as standing for `value`, an integer ≥ 0. */
  add(key: string, value: number): void {
    const alias = this.keys.push(key) - 1;
    this.values.push(value);
    const hashes = new Int32Array(key.length + 1);
    variantHashes(key, 0, key.length, hashes);
    // A key with a repeated letter has equal deletions ("llama" -> "lama" twice): store each hash once.
    const seen = new Set<number>();
    for (const hash of hashes) {
      if (seen.has(hash)) continue;
      seen.add(hash);
      this.entries.push(hash, alias);
    }
  }

  /** The index, with a filter of `bitsPerVariant` bits per distinct variant hash. */
  build(bitsPerVariant: number): TypoIndex {
    const steps = this.buildInSteps(bitsPerVariant, Number.POSITIVE_INFINITY);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** `build`, yielding after every `stepSize` stored variants, so that a caller can keep its tasks short. */
  *buildInSteps(bitsPerVariant: number, stepSize: number): Generator<void, TypoIndex, void> {
    const offsets: number[] = [];
    let length = 0;
    let maxLength = 0;
    for (const key of this.keys) {
      offsets.push(length);
      length += key.length;
      maxLength = Math.max(maxLength, key.length);
    }
    const byHash = new Map<number, number[]>();
    for (let e = 0; e < this.entries.length; e += 2) {
      if (e > 0 && (e / 2) % stepSize === 0) yield;
      const hash = this.entries[e] as number;
      const aliases = byHash.get(hash);
      if (aliases) aliases.push(this.entries[e + 1] as number);
      else byHash.set(hash, [this.entries[e + 1] as number]);
    }
    const size = Math.max(16, 2 ** Math.ceil(Math.log2(byHash.size * 2 + 1)));
    const slots = new Int32Array(size * 2);
    const mask = size - 1;
    const filter = newBitFilter(byHash.size, bitsPerVariant);
    const postings: number[] = [];
    let done = 0;
    for (const [hash, aliases] of byHash) {
      if (++done % stepSize === 0) yield;
      filterAdd(filter, hash);
      let slot = hash & mask;
      while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = hash;
      slots[slot * 2 + 1] = postings.length + 1;
      postings.push(aliases.length);
      for (const alias of aliases)
        postings.push(offsets[alias] as number, (this.keys[alias] as string).length, this.values[alias] as number);
    }
    return {
      filter,
      slots,
      mask,
      postings: Int32Array.from(postings),
      chars: this.keys.join(''),
      size: this.keys.length,
      maxLength,
    };
  }
}

/** `typoMatch`'s buffer for a word's variant hashes, grown on demand: matching allocates nothing per word. */
let hashScratch = new Int32Array(64);

/**
 * The value of the one entity whose alias is one edit from the word `text[start, end)` (already folded, except
 * that A-Z are read as a-z), or `NO_TYPO` when none is, or aliases of two entities are. A word that only adds
 * a blocked suffix to an alias ("Russian" to "Russia") is an inflection, not a typo.
 */
export function typoMatch(index: TypoIndex, text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > index.maxLength + 1 || index.size === 0) return NO_TYPO;
  if (hashScratch.length <= length) hashScratch = new Int32Array(2 ** Math.ceil(Math.log2(length + 2)));
  const hashes = hashScratch;
  variantHashes(text, start, end, hashes);
  const { filter, slots, mask, postings, chars } = index;
  let found = NO_TYPO;
  for (let v = 0; v <= length; v++) {
    const hash = hashes[v] as number;
    if (!filterHas(filter, hash)) continue;
    let slot = hash & mask;
    while (slots[slot * 2 + 1] !== 0 && slots[slot * 2] !== hash) slot = (slot + 1) & mask;
    const at = (slots[slot * 2 + 1] as number) - 1;
    if (at < 0) continue;
    const stop = at + 1 + (postings[at] as number) * POSTING;
    for (let p = at + 1; p < stop; p += POSTING) {
      const value = postings[p + 2] as number;
      if (value === found) continue;
      const from = postings[p] as number;
      const to = from + (postings[p + 1] as number);
      if (!withinOneEdit(text, start, end, chars, from, to) || isInflection(text, start, end, chars, from, to))
        continue;
      if (found !== NO_TYPO) return NO_TYPO;
      found = value;
    }
  }
  return found;
}

/**
 * True when `a[aStart, aEnd)` (A-Z read as a-z) and `b[bStart, bEnd)` differ by at most one insertion,
 * deletion, substitution or transposition of adjacent letters (optimal string alignment distance ≤ 1).
 * Linear time, no table, no strings.
 */
export function withinOneEdit(
  a: string,
  aStart: number,
  aEnd: number,
  b: string,
  bStart: number,
  bEnd: number,
): boolean {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && foldAsciiCase(a.charCodeAt(aStart + i)) === foldAsciiCase(b.charCodeAt(bStart + i))) i++;
  if (i === la && i === lb) return true;
  // The rest after the first difference, skipping one letter of the longer (or of both: a substitution).
  if (la !== lb) {
    const skipA = la > lb ? 1 : 0;
    return sameTail(a, aStart + i + skipA, aEnd, b, bStart + i + 1 - skipA);
  }
  if (sameTail(a, aStart + i + 1, aEnd, b, bStart + i + 1)) return true;
  // A transposition of letters i and i + 1.
  return (
    i + 1 < la &&
    foldAsciiCase(a.charCodeAt(aStart + i)) === foldAsciiCase(b.charCodeAt(bStart + i + 1)) &&
    foldAsciiCase(a.charCodeAt(aStart + i + 1)) === foldAsciiCase(b.charCodeAt(bStart + i)) &&
    sameTail(a, aStart + i + 2, aEnd, b, bStart + i + 2)
  );
}

/** `a[aFrom, aEnd)` equals `b` from `bFrom` on, for as many letters (A-Z read as a-z). */
function sameTail(a: string, aFrom: number, aEnd: number, b: string, bFrom: number): boolean {
  for (let k = 0; aFrom + k < aEnd; k++)
    if (foldAsciiCase(a.charCodeAt(aFrom + k)) !== foldAsciiCase(b.charCodeAt(bFrom + k))) return false;
  return true;
}

const BLOCKED_SUFFIXES = MATCHER_DEFAULTS.fuzzyBlockedSuffixes.map((s) => s.charCodeAt(0));

/** "Russian" from "Russia", "Witkoffs" from "Witkoff": a suffix that makes another word, not a typo. */
function isInflection(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  if (la === lb + 1) return isPrefixPlusSuffix(a, aStart, b, bStart, lb);
  if (lb === la + 1) return isPrefixPlusSuffix(b, bStart, a, aStart, la);
  return false;
}

/** `long[longStart, +length + 1)` is `short[shortStart, +length)` and then a blocked suffix. */
function isPrefixPlusSuffix(long: string, longStart: number, short: string, shortStart: number, length: number) {
  for (let k = 0; k < length; k++)
    if (foldAsciiCase(long.charCodeAt(longStart + k)) !== foldAsciiCase(short.charCodeAt(shortStart + k))) return false;
  return BLOCKED_SUFFIXES.includes(foldAsciiCase(long.charCodeAt(longStart + length)));
}
