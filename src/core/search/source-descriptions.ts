import { aliasObject, type Entity } from '../dataset-schema.ts';

/**
 * How the sources introduce each person: the title words right before a mention of the full name ("Finnish
 * President Alexander Stubb", "NATO chief Mark Rutte", "Secretary of State Marco Rubio"), so that a reader
 * who types the description finds the person. Capitalised words and role nouns only, up to four, never across
 * a sentence or a comma; "of" only between two capitalised words.
 */
export function sourceDescriptions(
  entities: readonly Entity[],
  texts: Readonly<Record<string, string>>,
): Map<string, string[]> {
  const names = fullNames(entities);
  const found = new Map<string, Set<string>>();
  if (names.byFirstWord.size === 0) return new Map();
  const add = (ids: readonly string[], description: string | undefined) => {
    if (!description) return;
    for (const id of ids) found.set(id, (found.get(id) ?? new Set()).add(description));
  };
  for (const text of Object.values(texts)) {
    // A full name starts with a capital letter and holds a space: it can only start where a capital starts a
    // word of text that is the first word of some name. Looking names up from there, rather than searching
    // every article for every name, keeps a pack of thousands of people fast to compile.
    // Several names may start at one offset ("Maria Okafor", "Maria Okafor Reyes"): its title is read once.
    let titleAt = -1;
    let title: string | undefined;
    const titleOf = (offset: number) => {
      if (titleAt !== offset) {
        titleAt = offset;
        title = titleBefore(text, offset);
      }
      return title;
    };
    for (let offset = 0; offset < text.length; offset++) {
      if (!startsWithCapital(text, offset)) continue;
      const first = spaceEnd(text, offset, 1);
      // Most capitalised words are no first name: their length and last letter say so, before any string is made.
      if (!names.firstWordEnds.has(lengthAndEnd(text, offset, first))) continue;
      const byStart = names.byFirstWord.get(text.slice(offset, first));
      if (!byStart) continue;
      const twoEnd = spaceEnd(text, offset, 2);
      // Names of two words are found among the prefixes of the text's first two words, "Maria Okafor" in
      // "Maria Okafor,"; longer names by their first two words exactly, then compared whole. A prefix is made
      // into a string only when a name has its length and its last letter.
      for (const length of byStart.twoWordLengths) {
        if (length > twoEnd - offset) break;
        if (length < first - offset + 2) continue;
        if (!byStart.twoWordEnds.has(lengthAndEnd(text, offset, offset + length))) continue;
        const ids = byStart.twoWords.get(text.slice(offset, offset + length));
        if (ids) add(ids, titleOf(offset));
      }
      if (byStart.longer.size === 0) continue;
      for (const [name, ids] of byStart.longer.get(text.slice(offset, twoEnd)) ?? []) {
        if (text.startsWith(name, offset)) add(ids, titleOf(offset));
      }
    }
  }
  return new Map([...found].map(([id, set]) => [id, [...set].sort()]));
}

const UPPER_CASE = /\p{Lu}/u;

/**
 * Whether an upper-case letter starts at `offset` (as `/\p{Lu}/u` reads it there, a surrogate pair as one
 * letter), with a plain test for ASCII: the scan visits every character of every source.
 */
function startsWithCapital(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  // The low half of a pair was read with its high half.
  if (code >= 0xdc00 && code <= 0xdfff && offset > 0) {
    const before = text.charCodeAt(offset - 1);
    if (before >= 0xd800 && before <= 0xdbff) return false;
  }
  return UPPER_CASE.test(String.fromCodePoint(text.codePointAt(offset) as number));
}

/** The people's full names, by first word: names with one space, and longer ones by their first two words. */
interface FullNames {
  byFirstWord: Map<
    string,
    {
      twoWords: Map<string, string[]>;
      /** The lengths of the names in `twoWords`, ascending: only prefixes of these lengths can be one. */
      twoWordLengths: number[];
      /** `lengthAndEnd` of each name in `twoWords`. */
      twoWordEnds: Set<number>;
      longer: Map<string, Map<string, string[]>>;
    }
  >;
  /** `lengthAndEnd` of each key of `byFirstWord`. */
  firstWordEnds: Set<number>;
}

/** The length of `text` from `start` to `end` and its last UTF-16 unit, as one integer. */
function lengthAndEnd(text: string, start: number, end: number): number {
  return (end - start) * 0x10000 + text.charCodeAt(end - 1);
}

function fullNames(entities: readonly Entity[]): FullNames {
  const byFirstWord: FullNames['byFirstWord'] = new Map();
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    // Full names: several words, the first and the last capitalised ("Ursula von der Leyen", not "US first lady").
    const names = entity.aliases
      .map((a) => aliasObject(a).text)
      .filter((t) => t.includes(' ') && !t.includes('…') && /^\p{Lu}/u.test(t) && /\s\p{Lu}[^\s]*$/u.test(t));
    for (const name of new Set(names)) {
      const first = name.slice(0, spaceEnd(name, 0, 1));
      const byStart = byFirstWord.get(first) ?? {
        twoWords: new Map(),
        twoWordLengths: [] as number[],
        twoWordEnds: new Set<number>(),
        longer: new Map(),
      };
      byFirstWord.set(first, byStart);
      const two = name.slice(0, spaceEnd(name, 0, 2));
      if (two === name) {
        byStart.twoWords.set(name, [...(byStart.twoWords.get(name) ?? []), entity.id]);
        byStart.twoWordEnds.add(lengthAndEnd(name, 0, name.length));
        if (!byStart.twoWordLengths.includes(name.length)) {
          byStart.twoWordLengths.push(name.length);
          byStart.twoWordLengths.sort((a, b) => a - b);
        }
      } else {
        const longer = byStart.longer.get(two) ?? new Map<string, string[]>();
        byStart.longer.set(two, longer);
        longer.set(name, [...(longer.get(name) ?? []), entity.id]);
      }
    }
  }
  return {
    byFirstWord,
    firstWordEnds: new Set([...byFirstWord.keys()].map((first) => lengthAndEnd(first, 0, first.length))),
  };
}

/** Where the `count`-th space after `from` is (the end of the text when there are fewer). */
function spaceEnd(text: string, from: number, count: number): number {
  let at = from - 1;
  for (let n = 0; n < count; n++) {
    at = text.indexOf(' ', at + 1);
    if (at < 0) return text.length;
  }
  return at;
}

/** Role nouns written in lower case inside a title ("chief", "special envoy"); a query ending in one asks for a person. */
export const ROLE_WORDS: ReadonlySet<string> = new Set(
  'president vice prime minister premier chancellor secretary general chief envoy special spokesman spokeswoman spokesperson aide adviser advisor leader commissioner foreign press first lady'.split(
    ' ',
  ),
);
/** How far back a title word is looked for: a title word is never longer. */
const WORD_WINDOW = 40;
const MAX_WORDS = 4;
const LETTER = /\p{L}/u;

/**
 * The word right before the spaces that end `text` at `end` (within the `WORD_WINDOW` characters before it): the
 * run of letters, dots, apostrophes and hyphens before one or more spaces or no-break spaces, and how many
 * characters word and spaces take. What `/([\p{L}.’'-]+)[ \u00a0]+$/u` finds in that window, read backwards
 * without a regular expression (the index reads it at every name of every source).
 */
export function wordBefore(text: string, end: number): { word: string; length: number } | undefined {
  const start = Math.max(0, end - WORD_WINDOW);
  let wordEnd = end;
  while (wordEnd > start && isSpaceBefore(text.charCodeAt(wordEnd - 1))) wordEnd--;
  if (wordEnd === end) return undefined;
  let from = wordEnd;
  while (from > start) {
    const code = text.charCodeAt(from - 1);
    if (code < 0x80) {
      if (!isAsciiWordChar(code)) break;
      from--;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      // A letter outside the BMP is a pair, read whole; half a pair (or one cut by the window) is no letter.
      const high = from - 2 >= start ? text.charCodeAt(from - 2) : 0;
      if (high < 0xd800 || high > 0xdbff || !LETTER.test(text.slice(from - 2, from))) break;
      from -= 2;
    } else {
      if (code !== 0x2019 && !LETTER.test(text[from - 1] as string)) break;
      from--;
    }
  }
  if (from === wordEnd) return undefined;
  return { word: text.slice(from, wordEnd), length: end - from };
}

function isSpaceBefore(code: number): boolean {
  return code === 0x20 || code === 0xa0;
}

/** ASCII letters, the dot, the apostrophe and the hyphen. */
function isAsciiWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x2e || code === 0x27 || code === 0x2d
  );
}

/** The title words right before offset `at` of a text, as `sourceDescriptions` reads them. */
export function titleBefore(text: string, at: number): string | undefined {
  const words: string[] = [];
  let end = at;
  while (words.length < MAX_WORDS) {
    const before = wordBefore(text, end);
    if (!before) break;
    const { word } = before;
    const capital = /^\p{Lu}/u.test(word);
    const isOf = word === 'of' && words.length > 0 && /^\p{Lu}/u.test(words[0] as string);
    if (!capital && !ROLE_WORDS.has(word) && !isOf) break;
    if (/^(?:The|A|An|But|And|By|In|On)$/.test(word)) break;
    words.unshift(word);
    end -= before.length;
    if (/[.!?]$/.test(word) && !/^(?:\p{Lu}\.)+$/u.test(word)) break;
  }
  while (words[0] === 'of') words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
}
