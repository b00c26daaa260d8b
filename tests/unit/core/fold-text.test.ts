import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldQuote, foldText, foldWord, soundKey, stripMarks } from '../../../src/core/fold-text.ts';
import { aliasKey } from '../../../src/core/matcher/parse-alias.ts';
import { TokenStream } from '../../../src/core/matcher/token-stream.ts';

describe('one text folding', () => {
  it('takes diacritics and letter case away, and nothing else, for matching, search and validation alike', () => {
    expect(stripMarks('Zelenśkyj')).toBe('Zelenskyj');
    expect(foldWord('Łódź')).toBe('lodz');
    expect(foldText('Zelenśkyj in Łódź, ŧhe Straße')).toBe('zelenskyj in lodz, the strasse');
    // The search folds a string as the matcher folds each of its words.
    const text = 'Éric Œuvre met Ørsted';
    const stream = new TokenStream(text);
    const keys: string[] = [];
    for (let i = 0; stream.has(i); i++) keys.push(stream.key(i));
    expect(keys).toEqual(foldText(text).split(' '));
  });

  it('folds quotes by white space and quote marks only', () => {
    expect(foldQuote('  “Constructive,”\n said   the Kremlin’s aide ')).toBe(
      '"Constructive," said the Kremlin\'s aide',
    );
  });

  it('makes the spellings readers confuse one sound key: doubled letters, ts/tz and z, ph and f', () => {
    expect(soundKey('tarrif')).toBe(soundKey('tariff'));
    expect(soundKey('merts')).toBe(soundKey('merz'));
    expect(soundKey('witkof')).toBe(soundKey('witkoff'));
    expect(soundKey('sumit')).toBe(soundKey('summit'));
    expect(soundKey('putin')).not.toBe(soundKey('putting'));
  });

  it('gives one alias key to aliases that differ in dashes or letter case only', () => {
    expect(aliasKey('Putin–Zelensky meeting')).toBe(aliasKey('putin-zelensky Meeting'));
    expect(aliasKey('NATO')).toBe(aliasKey('Nato'));
    expect(aliasKey('U.S.')).not.toBe(aliasKey('US'));
  });
});

describe('folding quotes, against the plain reference', () => {
  /** The folding as first written: every run of white space replaced, single spaces included. */
  const reference = (text: string) =>
    text
      .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
      .replace(/\s+/g, ' ')
      .trim();

  it('folds any text as the reference does', () => {
    const pieces = ['a', 'Z', ' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\u3000', '“', '”', '‘', '’', '″', '.', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(foldQuote(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
