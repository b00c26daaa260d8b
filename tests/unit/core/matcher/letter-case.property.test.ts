import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_MODE } from '../../../../src/core/matcher/compile-matcher.ts';
import { caseMask, maskCaseMatches, wordCaseMatches } from '../../../../src/core/matcher/letter-case.ts';

describe('letter case checked by mask', () => {
  it('answers as the string rule does for any ASCII word and any casing of it', () => {
    const letters = fc.array(fc.constantFrom('a', 'n', 't', 'o', '1'), { minLength: 1, maxLength: 7 });
    const casing = fc.array(fc.boolean(), { minLength: 7, maxLength: 7 });
    const recase = (cs: string[], upper: boolean[]): string =>
      cs.map((c, k) => (upper[k] ? c.toUpperCase() : c)).join('');
    fc.assert(
      fc.property(letters, casing, casing, fc.constantFrom(CASE_MODE.name, CASE_MODE.exact), (cs, a, b, mode) => {
        const written = recase(cs, a);
        const form = recase(cs, b);
        const mask = caseMask(form) as number;
        expect(maskCaseMatches(`(${written})`, 1, 1 + written.length, mask, mode)).toBe(
          wordCaseMatches(written, form, mode),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('has no mask for forms it cannot hold: not ASCII, or longer than 31 letters', () => {
    expect(caseMask('Zelenśkyj')).toBeUndefined();
    expect(caseMask('A'.repeat(32))).toBeUndefined();
    expect(caseMask('NATO')).toBe(0b1111);
    expect(caseMask('von')).toBe(0);
  });
});
