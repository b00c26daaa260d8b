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
  const found = new Map<string, Set<string>>();
  const articles = Object.values(texts);
  let starts: Map<string, number[]> | undefined;
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    // Full names: several words, the first and the last capitalised ("Ursula von der Leyen", not "US first lady").
    const names = entity.aliases
      .map((a) => aliasObject(a).text)
      .filter((t) => t.includes(' ') && !t.includes('…') && /^\p{Lu}/u.test(t) && /\s\p{Lu}[^\s]*$/u.test(t));
    for (const name of names) {
      starts ??= capitalStarts(articles);
      // Article and offset pairs where the text starts as the name does; the name is at some of them.
      const at = starts.get(name.slice(0, name.indexOf(' '))) ?? [];
      for (let i = 0; i < at.length; i += 2) {
        const text = articles[at[i] as number] as string;
        const offset = at[i + 1] as number;
        if (!text.startsWith(name, offset)) continue;
        const description = titleBefore(text, offset);
        if (description) found.set(entity.id, (found.get(entity.id) ?? new Set()).add(description));
      }
    }
  }
  return new Map([...found].map(([id, set]) => [id, [...set].sort()]));
}

/**
 * Every place in the articles where a capital letter starts, by the text from there to the next space: a full
 * name starts with a capital and holds a space, so it can only be found where this text is its first word.
 * Looking names up here, rather than searching every article for every name, keeps a pack of thousands of
 * people and hundreds of articles fast to compile.
 */
function capitalStarts(articles: readonly string[]): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  articles.forEach((text, article) => {
    for (const match of text.matchAll(/\p{Lu}/gu)) {
      const space = text.indexOf(' ', match.index);
      const key = text.slice(match.index, space < 0 ? text.length : space);
      const list = starts.get(key) ?? [];
      if (list.length === 0) starts.set(key, list);
      list.push(article, match.index);
    }
  });
  return starts;
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
