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
    for (let offset = 0; offset < text.length; offset++) {
      if (!startsWithCapital(text, offset)) continue;
      const first = spaceEnd(text, offset, 1);
      const byStart = names.byFirstWord.get(text.slice(offset, first));
      if (!byStart) continue;
      const two = text.slice(offset, spaceEnd(text, offset, 2));
      // Names of two words are found among the prefixes of the text's first two words, "Maria Okafor" in
      // "Maria Okafor,"; longer names by their first two words exactly, then compared whole.
      for (let end = first - offset + 2; end <= two.length; end++) {
        const ids = byStart.twoWords.get(two.slice(0, end));
        if (ids) add(ids, titleBefore(text, offset));
      }
      for (const [name, ids] of byStart.longer.get(two) ?? []) {
        if (text.startsWith(name, offset)) add(ids, titleBefore(text, offset));
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
  byFirstWord: Map<string, { twoWords: Map<string, string[]>; longer: Map<string, Map<string, string[]>> }>;
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
      const byStart = byFirstWord.get(first) ?? { twoWords: new Map(), longer: new Map() };
      byFirstWord.set(first, byStart);
      const two = name.slice(0, spaceEnd(name, 0, 2));
      if (two === name) byStart.twoWords.set(name, [...(byStart.twoWords.get(name) ?? []), entity.id]);
      else {
        const longer = byStart.longer.get(two) ?? new Map<string, string[]>();
        byStart.longer.set(two, longer);
        longer.set(name, [...(longer.get(name) ?? []), entity.id]);
      }
    }
  }
  return { byFirstWord };
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
const WORD_BEFORE = /([\p{L}.’'-]+)[ \u00a0]+$/u;
const MAX_WORDS = 4;

/** The title words right before offset `at` of a text, as `sourceDescriptions` reads them. */
export function titleBefore(text: string, at: number): string | undefined {
  const words: string[] = [];
  let end = at;
  while (words.length < MAX_WORDS) {
    const m = WORD_BEFORE.exec(text.slice(Math.max(0, end - 40), end));
    if (!m) break;
    const word = m[1] as string;
    const capital = /^\p{Lu}/u.test(word);
    const isOf = word === 'of' && words.length > 0 && /^\p{Lu}/u.test(words[0] as string);
    if (!capital && !ROLE_WORDS.has(word) && !isOf) break;
    if (/^(?:The|A|An|But|And|By|In|On)$/.test(word)) break;
    words.unshift(word);
    end -= m[0].length;
    if (/[.!?]$/.test(word) && !/^(?:\p{Lu}\.)+$/u.test(word)) break;
  }
  while (words[0] === 'of') words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
}
