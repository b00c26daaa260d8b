import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../../../src/core/matcher/token-stream.ts';
import { CACHE_MISS, cacheGet, cacheSet, newWordCache } from '../../../../src/core/matcher/word-cache.ts';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'z', '1', 'ß'), minLength: 1, maxLength: 6 });

describe('word cache', () => {
  it('answers only for the very word it was given, whatever shares its slot or hash', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.integer({ min: -1, max: 1000 })), { maxLength: 80 }), (entries) => {
        // Four slots: words collide all the time.
        const cache = newWordCache(4);
        const latest = new Map<string, number>();
        for (const [w, value] of entries) {
          cacheSet(cache, w, 0, w.length, hashKey(w), value);
          latest.set(w, value);
          for (const [other, kept] of latest) {
            const got = cacheGet(cache, other, 0, other.length, hashKey(other));
            if (got !== CACHE_MISS) expect(got).toBe(kept);
          }
          expect(cacheGet(cache, w, 0, w.length, hashKey(w))).toBe(value);
          // Same hash, other letters: never a hit.
          const twin = `${w}x`;
          expect(cacheGet(cache, twin, 0, twin.length, hashKey(w))).toBe(CACHE_MISS);
        }
      }),
    );
  });

  it('reads page text with A-Z as a-z, and never keeps words longer than it can compare', () => {
    const cache = newWordCache(8);
    cacheSet(cache, 'president', 0, 9, hashKey('president'), 7);
    expect(cacheGet(cache, 'The PRESIDENT said', 4, 13, hashKey('president'))).toBe(7);
    const long = 'internationalisation';
    cacheSet(cache, long, 0, long.length, hashKey(long), 3);
    expect(cacheGet(cache, long, 0, long.length, hashKey(long))).toBe(CACHE_MISS);
  });
});
