import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord } from '../../../../src/core/fold-text.ts';
import { compileMatcher } from '../../../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import { TokenStream } from '../../../../src/core/matcher/token-stream.ts';
import { TEST_ENTITIES } from './test-entities.ts';

const index = loadMatcher(compileMatcher(TEST_ENTITIES));

/** News-like text: names, ordinary words and the punctuation and spaces that folding must handle. */
const pieces = fc.constantFrom(
  'Putin',
  'PUTIN',
  'Vladimir',
  'Zelensky',
  'Zélensky',
  'Zelenskiy',
  'Trump',
  'Melania',
  'Alaska',
  'summit',
  'in',
  'met',
  'U.S.',
  'the',
  'von der Leyen',
  'security guarantees',
  'advance',
  '’s',
  "'s",
  '-',
  '–',
  '—',
  ' ',
  '\u00a0',
  '\u2009',
  '\n',
  '.',
  ',',
  '“',
  '”',
  '(',
  ')',
  '\u00ad',
  '\u0301',
  'https://',
  '@',
  '#',
  '\ud800',
  '\udc00',
  '😀',
);
const newsLike = fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  newsLike,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

describe('findMatches properties', () => {
  it('returns in-bounds, sorted, non-overlapping, non-empty spans with known ids, and never throws', () => {
    const ids = new Set(TEST_ENTITIES.map((e) => e.id));
    fc.assert(
      fc.property(anyText, (text) => {
        const matches = findMatches(text, index);
        let previousEnd = 0;
        for (const m of matches) {
          expect(Number.isInteger(m.start) && Number.isInteger(m.end)).toBe(true);
          expect(m.start).toBeGreaterThanOrEqual(previousEnd);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(ids.has(m.id)).toBe(true);
          previousEnd = m.end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is stable: the same text gives the same result, also after loading the tables again', () => {
    const again = loadMatcher(JSON.parse(JSON.stringify(compileMatcher(TEST_ENTITIES))));
    fc.assert(
      fc.property(anyText, (text) => {
        const first = findMatches(text, index);
        expect(findMatches(text, index)).toEqual(first);
        expect(findMatches(text, again)).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it('is local: text added before and after a paragraph shifts its matches by the added length', () => {
    fc.assert(
      fc.property(newsLike, newsLike, newsLike, (before, middle, after) => {
        const inner = findMatches(middle, index);
        const outer = findMatches(`${before}\n\n${middle}\n\n${after}`, index);
        const shift = before.length + 2;
        const inside = outer
          .filter((m) => m.start >= shift && m.end <= shift + middle.length)
          .map((m) => ({ ...m, start: m.start - shift, end: m.end - shift }));
        expect(inside).toEqual(inner);
      }),
      { numRuns: 500 },
    );
  });

  it('folding maps offsets back exactly: a word spans the original characters and folds to its key', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = new TokenStream(text);
        let previousEnd = 0;
        for (let i = 0; tokens.has(i); i++) {
          expect(tokens.start(i)).toBeGreaterThanOrEqual(previousEnd);
          expect(tokens.end(i)).toBeGreaterThan(tokens.start(i));
          expect(tokens.key(i)).toBe(foldWord(text.slice(tokens.start(i), tokens.end(i))));
          previousEnd = tokens.end(i);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('marks the same names, at the mapped offsets, in text with curly quotes, dashes, odd spaces and accents', () => {
    const plain = fc.array(fc.constantFrom('Putin', 'Zelensky', 'Trump', 'met', 'the', 'Alaska', 'summit'), {
      minLength: 1,
      maxLength: 12,
    });
    const space = fc.constantFrom(' ', '\u00a0', '\u2009', '\u202f');
    fc.assert(
      fc.property(plain, fc.array(space, { minLength: 12, maxLength: 12 }), (words, spaces) => {
        const a = words.join(' ');
        const b = words
          .map((w) => w.replace('e', 'é'))
          .join('\u0000')
          .split('\u0000');
        const fancy = b.map((w, i) => (i === 0 ? w : `${spaces[i] ?? ' '}${w}`)).join('');
        const ma = findMatches(a, index).map((m) => m.id);
        const mb = findMatches(fancy, index);
        expect(mb.map((m) => m.id)).toEqual(ma);
        for (const m of mb) expect(/^\S/.test(fancy.slice(m.start, m.end))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('handles huge inputs without throwing', () => {
    const text = 'Vladimir Putin met Zelensky in Alaska. '.repeat(50_000);
    const matches = findMatches(text, index);
    expect(matches.length).toBe(150_000);
    expect(findMatches('x'.repeat(2_000_000), index)).toEqual([]);
  });
});
