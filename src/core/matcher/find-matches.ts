import type { MatcherTables } from './compile-matcher.ts';
import type { Match } from './match.ts';

/** The matcher's tables, loaded once into the structures `findMatches` walks. */
export interface MatcherIndex {
  aliases: { text: string; id: string }[];
}

/** Loads compiled tables; do it once per page, not per text. */
export function loadMatcher(tables: MatcherTables): MatcherIndex {
  return { aliases: [...tables.aliases].sort((a, b) => b.text.length - a.text.length) };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Every mention of the dataset in `text`: sorted by start, non-overlapping, longest first on ties. */
export function findMatches(text: string, index: MatcherIndex): Match[] {
  const found: Match[] = [];
  for (const { text: alias, id } of index.aliases) {
    for (let at = text.indexOf(alias); at !== -1; at = text.indexOf(alias, at + 1)) {
      const before = text[at - 1];
      const after = text[at + alias.length];
      if ((before && WORD_CHAR.test(before)) || (after && WORD_CHAR.test(after))) continue;
      found.push({ id, start: at, end: at + alias.length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Match[] = [];
  for (const match of found) {
    const last = result.at(-1);
    if (!last || match.start >= last.end) result.push(match);
  }
  return result;
}
