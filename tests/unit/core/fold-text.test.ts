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
