/**
 * The one text folding of the project: what the matcher, the search and the validation compare text by.
 * - Words for matching (`foldWord`, `stripMarks`, `foldAsciiCase`): letter case and diacritics go, nothing
 *   else changes. Offsets never move, because the matcher folds word by word and reports the original span.
 * - Search text (`foldText`): the same folding over a whole string, as Fuse compares with `ignoreDiacritics`.
 * - Spelling (`soundKey`): one folded word as it sounds, for typos of the ear ("tarrif", "merts").
 * - Quotes (`foldQuote`): what may differ between a citation and its source without changing the words.
 */

/** Letters that Unicode does not decompose but readers treat as a base letter with a mark. */
const EXTRA_FOLDS: Readonly<Record<string, string>> = Object.freeze({
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
  ŧ: 't',
  Ŧ: 'T',
});

const MARKS = /\p{M}/gu;
const EXTRA = /[ßẞłŁøØđĐħĦıæÆœŒþÞŧŦ]/g;
/** Invisible characters pages put inside words: soft hyphen, zero-width space and joiners, word joiner, BOM. */
export const IGNORABLE_IN_WORD = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const NON_ASCII = /[^\u0020-\u007E]/;

/** A word without diacritics or invisible characters, letter case kept: "Zelenśkyj" -> "Zelenskyj". */
export function stripMarks(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  return word
    .replace(IGNORABLE_IN_WORD, '')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(EXTRA, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .normalize('NFC');
}

/**
 * A UTF-16 code unit with A-Z read as a-z: how the matcher's tables compare page text of ASCII words, in place,
 * with folded keys.
 */
export function foldAsciiCase(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** The key a word is looked up by: no diacritics, lower case. */
export function foldWord(word: string): string {
  return stripMarks(word).toLowerCase();
}

/** True when the word has a cased letter and no lower-case one: "PUTIN", "U". */
export function isAllUpper(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
}

/** True when the word's first character is an upper-case letter. */
export function startsUpper(word: string): boolean {
  const first = String.fromCodePoint(word.codePointAt(0) ?? 32);
  return first !== first.toLowerCase();
}

/** "summit" -> "Summit". */
export function capitalise(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0) ?? 32);
  return first.toUpperCase() + word.slice(first.length);
}

/** Lower case without diacritics, for a whole string ("Zelenśkyj Łódź" -> "zelenskyj lodz"): search's folding. */
export function foldText(text: string): string {
  return stripMarks(text).toLowerCase();
}

/**
 * A folded word with the spellings readers confuse made one: doubled letters single ("tarrif" and "tariff" are
 * "tarif"), "ts"/"tz" as "z" ("merts", "Merz"), "ph" as "f", "ck" as "k".
 */
export function soundKey(folded: string): string {
  return folded
    .replace(/(\p{L})\1+/gu, '$1')
    .replace(/t[sz]/g, 'z')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k');
}

/** Anything `foldQuote` replaces: a curly quote mark, a run of white space, white space other than a space. */
const QUOTE_FOLDS = /[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u201F\u2033]|\s{2,}|[^\S ]/;

/**
 * Folds what may differ between a quote and its source without changing the words:
 * runs of white space, and curly versus straight quote marks.
 */
export function foldQuote(text: string): string {
  // Most quotes have nothing to fold: one scan says so instead of three replacements.
  if (!QUOTE_FOLDS.test(text)) return text.trim();
  return (
    text
      .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
      // Runs of white space as one space; a single space is left alone (most are), so the text is not rebuilt.
      .replace(/\s{2,}|[^\S ]/g, ' ')
      .trim()
  );
}
