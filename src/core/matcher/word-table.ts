import { foldAsciiCase } from '../fold-text.ts';
import { hashKey } from './token-stream.ts';

/**
 * The distinct folded words of all aliases, interned to dense ids in one flat open-addressing hash table.
 * Looked up by a span of page text and the `hashKey` the tokenizer already computed for it, comparing
 * characters in place: a page word needs no string of its own and no `Map` hashing to be found.
 * Each slot holds everything a look-up reads besides the characters (hash, id, where the word's characters
 * are and how many), so a hit costs two memory reads, which matters once the table outgrows the processor's
 * caches (a dictionary of 50,000 aliases has some 100,000 words).
 */
export interface WordTable {
  /** Every word, concatenated in id order. */
  chars: string;
  /** Word `w` is `chars[offsets[w], offsets[w + 1])`. */
  offsets: Int32Array;
  /** Open addressing with linear probing, `SLOT` integers a slot: hash, word id + 1 (0: empty), offset, length. */
  slots: Int32Array;
  /** Number of slots minus one (a power of two minus one). */
  mask: number;
}

const SLOT = 4;

/** Returned by `findWord` for a word that is in no alias. */
export const NO_WORD = -1;

/** A table of `words` (distinct, already folded); word `w` gets id `w`. */
export function buildWordTable(words: readonly string[]): WordTable {
  const offsets = new Int32Array(words.length + 1);
  // At most half full, so that a miss ends after one or two probes.
  const size = Math.max(16, 2 ** Math.ceil(Math.log2(words.length * 2 + 1)));
  const slots = new Int32Array(size * SLOT);
  const mask = size - 1;
  let length = 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as string;
    offsets[w] = length;
    const hash = hashKey(word);
    let slot = hash & mask;
    while (slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * SLOT] = hash;
    slots[slot * SLOT + 1] = w + 1;
    slots[slot * SLOT + 2] = length;
    slots[slot * SLOT + 3] = word.length;
    length += word.length;
  }
  offsets[words.length] = length;
  return { chars: words.join(''), offsets, slots, mask };
}

/**
 * The id of the word `source[start, end)`, read with A-Z as a-z (page text of an ASCII word, or a folded
 * key), given its `hashKey`; `NO_WORD` when no alias has it.
 */
export function findWord(table: WordTable, source: string, start: number, end: number, hash: number): number {
  const { slots, mask, chars } = table;
  const length = end - start;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const at = slot * SLOT;
    const entry = slots[at + 1] as number;
    if (entry === 0) return NO_WORD;
    if (slots[at] !== hash || slots[at + 3] !== length) continue;
    const from = slots[at + 2] as number;
    let k = 0;
    while (k < length) {
      const c = source.charCodeAt(start + k);
      if (foldAsciiCase(c) !== chars.charCodeAt(from + k)) break;
      k++;
    }
    if (k === length) return entry - 1;
  }
}

/** The text of word `w`. */
export function wordText(table: WordTable, w: number): string {
  return table.chars.slice(table.offsets[w], table.offsets[w + 1]);
}
