import { hashKey } from './token-stream.ts';

/**
 * The distinct folded words of all aliases, interned to dense ids in one flat open-addressing hash table.
 * Looked up by a span of page text and the `hashKey` the tokenizer already computed for it, comparing
 * characters in place: a page word needs no string of its own and no `Map` hashing to be found.
 * A dictionary of 50,000 aliases has some 100,000 words; a `Map` of strings that size spreads its entries
 * over the heap, while these are four typed arrays and one string.
 */
export interface WordTable {
  /** Every word, concatenated in id order. */
  chars: string;
  /** Word `w` is `chars[offsets[w], offsets[w + 1])`. */
  offsets: Int32Array;
  /** `hashKey` of each word: compared before any character. */
  hashes: Int32Array;
  /** Open addressing with linear probing: word id + 1, 0 for an empty slot. */
  slots: Int32Array;
  /** `slots.length - 1` (a power of two minus one). */
  mask: number;
}

/** Returned by `findWord` for a word that is in no alias. */
export const NO_WORD = -1;

/** A table of `words` (distinct, already folded); word `w` gets id `w`. */
export function buildWordTable(words: readonly string[]): WordTable {
  const offsets = new Int32Array(words.length + 1);
  const hashes = new Int32Array(words.length);
  // At most half full, so that a miss (most page words) ends after one or two probes.
  const size = Math.max(16, 2 ** Math.ceil(Math.log2(words.length * 2 + 1)));
  const slots = new Int32Array(size);
  const mask = size - 1;
  let length = 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as string;
    offsets[w] = length;
    length += word.length;
    const hash = hashKey(word);
    hashes[w] = hash;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = w + 1;
  }
  offsets[words.length] = length;
  return { chars: words.join(''), offsets, hashes, slots, mask };
}

/**
 * The id of the word `source[start, end)`, read with A-Z as a-z (page text of an ASCII word, or a folded
 * key), given its `hashKey`; `NO_WORD` when no alias has it.
 */
export function findWord(table: WordTable, source: string, start: number, end: number, hash: number): number {
  const { slots, mask, hashes, offsets, chars } = table;
  const length = end - start;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot] as number;
    if (entry === 0) return NO_WORD;
    const w = entry - 1;
    if (hashes[w] !== hash) continue;
    const from = offsets[w] as number;
    if ((offsets[w + 1] as number) - from !== length) continue;
    let k = 0;
    while (k < length) {
      const c = source.charCodeAt(start + k);
      if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== chars.charCodeAt(from + k)) break;
      k++;
    }
    if (k === length) return w;
  }
}

/** The text of word `w`. */
export function wordText(table: WordTable, w: number): string {
  return table.chars.slice(table.offsets[w], table.offsets[w + 1]);
}
