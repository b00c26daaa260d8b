import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_MODE, compileMatcher } from '../../../../src/core/matcher/compile-matcher.ts';
import {
  asciiCaseMatches,
  findMatches,
  loadMatcher,
  loadMatcherInSteps,
  wordCaseMatches,
} from '../../../../src/core/matcher/find-matches.ts';
import { hashKey } from '../../../../src/core/matcher/token-stream.ts';
import { buildWordTable, findWord, NO_WORD, wordText } from '../../../../src/core/matcher/word-table.ts';
import { TEST_ENTITIES } from './test-entities.ts';

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

describe('loadMatcherInSteps', () => {
  const tables = compileMatcher(TEST_ENTITIES);

  it('ends with the index that loadMatcher makes', () => {
    const steps = loadMatcherInSteps(tables);
    let step = steps.next();
    let count = 0;
    while (!step.done) {
      count++;
      step = steps.next();
    }
    expect(count).toBeGreaterThan(0);
    expect(step.value).toEqual(loadMatcher(tables));
  });

  it('gives the same matches as a one-shot load on any text', () => {
    const steps = loadMatcherInSteps(tables);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const stepwise = step.value;
    const oneShot = loadMatcher(tables);
    const pieces = fc.constantFrom(
      'Putin',
      'PUTIN',
      'Zelensky',
      'Zelenskiy',
      'von der Leyen',
      'Nato',
      'the',
      ' ',
      '. ',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        expect(findMatches(text, stepwise)).toEqual(findMatches(text, oneShot));
      }),
    );
  });
});

describe('letter case checked in place', () => {
  it('answers as the string rule does for any ASCII word and form', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'A', 'n', 'N', 't', 'T', 'o', 'O', '1'), maxLength: 6 });
    fc.assert(
      fc.property(ascii, ascii, fc.constantFrom(CASE_MODE.name, CASE_MODE.exact), (written, form, mode) => {
        fc.pre(written.length > 0 && form.length > 0);
        const text = `(${written})`;
        expect(asciiCaseMatches(text, 1, 1 + written.length, form, mode)).toBe(wordCaseMatches(written, form, mode));
      }),
      { numRuns: 2000 },
    );
  });
});
