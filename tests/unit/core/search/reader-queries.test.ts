import { describe, expect, it } from 'vitest';
import { foldText } from '../../../../src/core/fold-text.ts';
import {
  type CompiledSearch,
  loadSearch,
  type SearchRecord,
  searchEntities,
} from '../../../../src/core/search/search-entities.ts';
import compiled from '../../../../src/data/compiled/search.json' with { type: 'json' };
import { READER_QUERIES } from './reader-queries.ts';

const search = loadSearch(compiled as unknown as CompiledSearch);

/** Edit distance, by the textbook table: what "shares a word, give or take typos" means in these tests. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

const wordsOf = (text: string) =>
  foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2);

/** Whether some query word is, give or take typos and endings, a word of the record's texts. */
function related(query: string, record: SearchRecord): boolean {
  const texts = [
    record.name,
    ...record.aliases,
    ...record.phrases,
    ...record.descriptions,
    record.role,
    record.summary,
  ];
  const words = new Set(texts.flatMap(wordsOf));
  return wordsOf(query).some((q) =>
    [...words].some((w) => w.startsWith(q.slice(0, 5)) || q.startsWith(w) || distance(q, w) <= 2),
  );
}

describe('search as readers type', () => {
  const firsts = READER_QUERIES.map(([query, id]) => ({ query, id, first: searchEntities(search, query)[0]?.item.id }));

  it('ranks the right entity first for at least 22 of 24 descriptive and misspelled queries', () => {
    const misses = firsts.filter((r) => r.first !== r.id);
    expect(READER_QUERIES).toHaveLength(24);
    expect(misses.length, JSON.stringify(misses)).toBeLessThanOrEqual(2);
  });

  it('finds people by how the sources introduce them, and by a role noun', () => {
    for (const [query, id] of [
      ['finnish president', 'person/alexander-stubb'],
      ['nato chief', 'person/mark-rutte'],
      ['foreign ministry spokeswoman', 'person/maria-zakharova'],
    ] as const)
      expect(searchEntities(search, query)[0]?.item.id, query).toBe(id);
  });

  it('lists nothing that shares no word with the query, and drops results far below the best', () => {
    for (const [query] of [...READER_QUERIES, ['witkof'], ['ceasefire'], ['first lady'], ['white house']]) {
      const results = searchEntities(search, query as string);
      for (const r of results) expect(related(query as string, r.item), `${query} -> ${r.item.id}`).toBe(true);
    }
    expect(searchEntities(search, 'witkof').map((r) => r.item.id)).toEqual([
      'person/steve-witkoff',
      'event/witkoff-moscow-visit',
    ]);
  });

  it('finds nothing for a word the dataset does not know', () => {
    expect(searchEntities(search, 'zebra crossing')).toEqual([]);
  });
});
