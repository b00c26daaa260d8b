import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher, loadMatcherInSteps } from '../../../../src/core/matcher/load-matcher.ts';
import { TEST_ENTITIES } from './test-entities.ts';

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
