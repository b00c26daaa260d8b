/**
 * A Bloom-style pre-check over 32-bit hashes: two bits in one 32-bit word of the table per key, so a check is
 * one memory read. False positives only cost the look-up the filter guards; there are no false negatives.
 * The matcher keeps its filters small enough to stay in the processor's cache while the tables they guard,
 * at 50,000 aliases, do not.
 */
export interface BitFilter {
  bits: Uint32Array;
  /** Number of 32-bit words in `bits`, minus one (a power of two minus one). */
  wordMask: number;
}

/** An empty filter for `count` keys at `bitsPerKey` bits each, rounded up to a power of two (at least 1 KB). */
export function newBitFilter(count: number, bitsPerKey: number): BitFilter {
  const words = Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(1, (count * bitsPerKey) / 32))));
  return { bits: new Uint32Array(words), wordMask: words - 1 };
}

/** Spreads a hash whose low bits may be weak (FNV) over all 32 bits (murmur3's finaliser). */
export function mixHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Adds a well-mixed hash. */
export function filterAdd(filter: BitFilter, hash: number): void {
  const w = hash & filter.wordMask;
  filter.bits[w] = (filter.bits[w] as number) | (1 << ((hash >>> 22) & 31)) | (1 << (hash >>> 27));
}

/** False when the hash was certainly never added. */
export function filterHas(filter: BitFilter, hash: number): boolean {
  const both = (1 << ((hash >>> 22) & 31)) | (1 << (hash >>> 27));
  return ((filter.bits[hash & filter.wordMask] as number) & both) === both;
}

/**
 * Two filters in one table, for two questions asked of the same key at once: each key sets two bits of its
 * lane in the one 32-bit word its hash picks, so one memory read answers both.
 */
function laneBits(hash: number, lane: 0 | 1): number {
  const g = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  return lane === 0
    ? (1 << (g >>> 27)) | (1 << ((g >>> 22) & 31))
    : (1 << ((g >>> 17) & 31)) | (1 << ((g >>> 12) & 31));
}

/** Adds a well-mixed hash to lane 0 or 1 of a two-lane filter. */
export function filterAddToLane(filter: BitFilter, hash: number, lane: 0 | 1): void {
  const w = hash & filter.wordMask;
  filter.bits[w] = (filter.bits[w] as number) | laneBits(hash, lane);
}

/** Bit 0 set when lane 0 may hold the hash, bit 1 when lane 1 may. */
export function filterLanes(filter: BitFilter, hash: number): number {
  const word = filter.bits[hash & filter.wordMask] as number;
  const g = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  const lane0 = (1 << (g >>> 27)) | (1 << ((g >>> 22) & 31));
  const lane1 = (1 << ((g >>> 17) & 31)) | (1 << ((g >>> 12) & 31));
  return ((word & lane0) === lane0 ? 1 : 0) | ((word & lane1) === lane1 ? 2 : 0);
}
