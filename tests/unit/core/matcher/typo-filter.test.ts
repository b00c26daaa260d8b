import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deletions } from '../../../../src/core/matcher/compile-matcher.ts';
import {
  ALL_VARIANTS,
  buildTypoFilter,
  TYPO_FILTER_MAX_LENGTH,
  typoCandidates,
  variantHash,
} from '../../../../src/core/matcher/typo-filter.ts';

const letters = fc.constantFrom(...'abcdeéklmnorstuvyzžßя'.split(''), 'A', 'Z', '\ud83d');
const word = fc.array(letters, { minLength: 1, maxLength: 34 }).map((cs) => cs.join(''));
const lower = (w: string): string => w.replace(/[A-Z]/g, (c) => c.toLowerCase());

describe('typo pre-check', () => {
  it('hashes each one-letter deletion exactly as the whole deleted string', () => {
    fc.assert(
      fc.property(word, (w) => {
        const variants = deletions(lower(w));
        const filter = buildTypoFilter(variants, variants.length, 16);
        const found = typoCandidates(filter, w, 0, w.length);
        if (w.length > TYPO_FILTER_MAX_LENGTH) expect(found).toBe(ALL_VARIANTS);
        else expect(found).toBe(2 ** (w.length + 1) - 1);
        expect(variantHash(w)).toBe(variantHash(lower(w)));
      }),
      { numRuns: 1000 },
    );
  });

  it('never rejects a word the deletion index would accept, at any offset in a longer text', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), word, fc.nat(), (keys, w, bits) => {
        const index = new Map<string, number>();
        for (const key of keys) for (const v of deletions(key)) index.set(v, 1);
        const filter = buildTypoFilter(index.keys(), index.size, 1 + (bits % 24));
        const text = `xx ${w} yy`;
        const found = typoCandidates(filter, text, 3, 3 + w.length);
        const key = lower(w);
        deletions(key).forEach((variant, n) => {
          // deletions() lists the word first, then the word without letter 0, 1, …; the filter's bit for the
          // whole word is bit `length`.
          const bit = n === 0 ? key.length : n - 1;
          if (index.has(variant) && found !== ALL_VARIANTS) expect(found & (2 ** bit)).not.toBe(0);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects most words that are not near any key', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `name${i.toString(36)}zz`);
    const variants = new Set(keys.flatMap(deletions));
    const filter = buildTypoFilter(variants, variants.size, 16);
    let passed = 0;
    for (let i = 0; i < 2000; i++) {
      const w = `word${(i * 7919).toString(36)}qq`;
      if (typoCandidates(filter, w, 0, w.length) !== 0) passed++;
    }
    expect(passed).toBeLessThan(400);
  });
});
