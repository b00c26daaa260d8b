import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordBefore } from '../../../../src/core/search/source-descriptions.ts';

/** The plain reference: the regular expression `wordBefore` reads without, over the same window. */
function wordBeforeByRegex(text: string, end: number): { word: string; length: number } | undefined {
  const m = /([\p{L}.’'-]+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, end - 40), end));
  return m ? { word: m[1] as string, length: m[0].length } : undefined;
}

/** Characters that test every branch: ASCII and accented letters, letters and symbols outside the BMP, spaces. */
const PIECES = [
  'a',
  'Z',
  'é',
  'Ł',
  'ß',
  'ж',
  '中',
  '𝐀',
  '𐐷',
  '😀',
  '.',
  '’',
  "'",
  '-',
  ' ',
  '\u00a0',
  '\t',
  ',',
  '1',
  '\ud800',
  '\udc00',
];

describe('the word before a name, read backwards', () => {
  it('is what the regular expression finds, for any text and any end', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 70 }), fc.nat(), (pieces, at) => {
        const text = pieces.join('');
        const end = text.length === 0 ? 0 : at % (text.length + 1);
        expect(wordBefore(text, end)).toEqual(wordBeforeByRegex(text, end));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads titles in news text as the regular expression does', () => {
    const text = 'Finnish President Alexander Stubb met NATO chief Mark Rutte and U.S. Secretary of State Marco Rubio.';
    for (let end = 0; end <= text.length; end++) expect(wordBefore(text, end)).toEqual(wordBeforeByRegex(text, end));
  });
});
