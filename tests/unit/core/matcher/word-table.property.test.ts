import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../../../src/core/matcher/token-stream.ts';
import { buildWordTable, findWord, NO_WORD, wordText } from '../../../../src/core/matcher/word-table.ts';

/** Short words over a small alphabet, so that random look-ups often hit and hashes often share slots. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'z', '1', 'ß'), minLength: 1, maxLength: 6 });

describe('word table', () => {
  it('finds exactly what a Map of the same words finds, for any key', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 60 }), fc.array(word, { maxLength: 60 }), (words, probes) => {
        const table = buildWordTable(words);
        const map = new Map(words.map((w, i) => [w, i]));
        for (const probe of [...words, ...probes]) {
          expect(findWord(table, probe, 0, probe.length, hashKey(probe))).toBe(map.get(probe) ?? NO_WORD);
        }
        for (const [w, i] of map) expect(wordText(table, i)).toBe(w);
      }),
    );
  });

  it('reads a span of text in place, A-Z as a-z', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,5}$/), { maxLength: 30 }), (words) => {
        const table = buildWordTable(words);
        for (const [i, w] of words.entries()) {
          const text = `, ${w.toUpperCase()} !`;
          expect(findWord(table, text, 2, 2 + w.length, hashKey(w))).toBe(i);
        }
      }),
    );
  });
});
