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
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    // Full names: several words, the first and the last capitalised ("Ursula von der Leyen", not "US first lady").
    const names = entity.aliases
      .map((a) => aliasObject(a).text)
      .filter((t) => t.includes(' ') && !t.includes('…') && /^\p{Lu}/u.test(t) && /\s\p{Lu}[^\s]*$/u.test(t));
    for (const name of names)
      for (const text of articles)
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          const description = titleBefore(text, at);
          if (description) found.set(entity.id, (found.get(entity.id) ?? new Set()).add(description));
        }
  }
  return new Map([...found].map(([id, set]) => [id, [...set].sort()]));
}

/** Role nouns written in lower case inside a title ("chief", "special envoy"); a query ending in one asks for a person. */
export const ROLE_WORDS: ReadonlySet<string> = new Set(
  'president vice prime minister premier chancellor secretary general chief envoy special spokesman spokeswoman spokesperson aide adviser advisor leader commissioner foreign press first lady'.split(
    ' ',
  ),
);
const WORD_BEFORE = /([\p{L}.’'-]+)[ \u00a0]+$/u;
const MAX_WORDS = 4;

function titleBefore(text: string, at: number): string | undefined {
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
