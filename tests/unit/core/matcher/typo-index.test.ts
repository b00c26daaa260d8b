import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deletions } from '../../../../src/core/matcher/compile-matcher.ts';
import { MATCHER_DEFAULTS } from '../../../../src/core/matcher/matcher-defaults.ts';
import {
  NO_TYPO,
  TypoIndexBuilder,
  typoMatch,
  variantHash,
  variantHashes,
  withinOneEdit,
} from '../../../../src/core/matcher/typo-index.ts';

/** Optimal string alignment distance by the textbook table: the reference the index must agree with. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        ((d[i - 1] as number[])[j] as number) + 1,
        (row[j - 1] as number) + 1,
        ((d[i - 1] as number[])[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const lower = (w: string): string => w.replace(/[A-Z]/g, (c) => c.toLowerCase());
const blocked = (long: string, short: string): boolean =>
  long.length === short.length + 1 &&
  long.startsWith(short) &&
  MATCHER_DEFAULTS.fuzzyBlockedSuffixes.includes(long.at(-1) ?? '');

/** What `typoMatch` must answer, by a scan of every key. */
function reference(keys: readonly string[], values: readonly number[], word: string): number {
  let found = NO_TYPO;
  for (const [a, key] of keys.entries()) {
    if (osaDistance(word, key) > 1 || blocked(word, key) || blocked(key, word)) continue;
    const value = values[a] as number;
    if (found !== NO_TYPO && found !== value) return NO_TYPO;
    found = value;
  }
  return found;
}

/** Few letters, so that random words are often one or two edits apart, and one that is not ASCII. */
const letter = fc.constantFrom('a', 'b', 'n', 's', 'o', 'v', 'é');
const key = fc.array(letter, { minLength: 6, maxLength: 9 }).map((cs) => cs.join(''));

describe('typo index', () => {
  it('hashes each one-letter deletion exactly as the whole deleted string, A-Z read as a-z', () => {
    const unit = fc.constantFrom(...'abcdeéklmnorstuvyzžßя'.split(''), 'A', 'Z', '\ud83d');
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 40 }), (units) => {
        const w = units.join('');
        const out = new Int32Array(w.length + 1);
        variantHashes(`xx ${w} yy`, 3, 3 + w.length, out);
        // deletions() lists the word itself first, then the word without letter 0, 1, …
        deletions(lower(w)).forEach((variant, n) => {
          expect(out[n === 0 ? w.length : n - 1]).toBe(variantHash(variant));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the textbook edit distance on whether two words are one edit apart', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'c', 'A'), { maxLength: 7 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(withinOneEdit(`(${a})`, 1, 1 + a.length, b, 0, b.length)).toBe(osaDistance(lower(a), lower(b)) <= 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds exactly what a scan of every key finds: the one entity one edit away, never an inflection', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(4), { minLength: 40, maxLength: 40 }),
        fc.array(
          fc.oneof(
            key,
            key.map((k) => `${k}s`),
          ),
          { maxLength: 30 },
        ),
        (keys, values, probes) => {
          const builder = new TypoIndexBuilder();
          for (const [a, k] of keys.entries()) builder.add(k, values[a] as number);
          const index = builder.build(MATCHER_DEFAULTS.typoFilterBitsPerVariant);
          // Probes: random words, the keys themselves, and each key with one letter changed or dropped.
          const near = keys.flatMap((k) => [k, `${k.slice(0, 2)}${k.slice(3)}`, `${k.slice(0, 4)}x${k.slice(4)}`]);
          for (const probe of [...probes, ...near]) {
            const text = `« ${probe.toUpperCase() === probe ? probe : probe.charAt(0).toUpperCase() + probe.slice(1)} »`;
            const folded = lower(text.slice(2, 2 + probe.length));
            const expected = reference(keys, values, folded);
            if (/^[\x20-\x7e]*$/.test(probe)) expect(typoMatch(index, text, 2, 2 + probe.length)).toBe(expected);
            expect(typoMatch(index, folded, 0, folded.length)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches nothing when it holds nothing', () => {
    const index = new TypoIndexBuilder().build(16);
    expect(typoMatch(index, 'Witkof', 0, 6)).toBe(NO_TYPO);
  });
});
