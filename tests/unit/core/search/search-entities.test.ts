import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import {
  type CompiledSearch,
  compileSearchRecords,
  findCandidates,
  loadSearch,
  markMatches,
  matchIndices,
  rankByNames,
  SEARCH_CANDIDATES,
  SEARCH_KEYS,
  SEARCH_OPTIONS,
  type SearchRecord,
  searchEntities,
} from '../../../../src/core/search/search-entities.ts';
import compiled from '../../../../src/data/compiled/search.json' with { type: 'json' };
import { syntheticRecords } from './synthetic-records.ts';

const fuse = loadSearch(compiled as CompiledSearch);
const records = (compiled as CompiledSearch).records;
const FIRST = [
  ['witkof', 'person/steve-witkoff'],
  ['zelenski', 'person/volodymyr-zelensky'],
  ['alaska sumit', 'event/alaska-summit'],
  ['ushakof', 'person/yuri-ushakov'],
  ['minerals', 'event/minerals-deal'],
] as const;
const TYPED = [
  ...FIRST.map(([query]) => query),
  'european commission',
  'putin',
  'kremlin',
  'ceasefire',
  'first lady',
  'white house',
  'peace plan',
  'anchorage',
  'envoy',
];
/** Every prefix of at least `from` characters of the typed queries. */
const prefixes = (from: number) =>
  TYPED.flatMap((query) => Array.from({ length: query.length - from + 1 }, (_, i) => query.slice(0, from + i).trim()));
/** Fuse over every field of every record, summaries weighted 0.5: what the search did before. */
const FULL_OPTIONS = { ...SEARCH_OPTIONS, keys: [...SEARCH_KEYS, { name: 'summary', weight: 0.5 }] };
const fullFuse = (all: SearchRecord[]) => new Fuse(all, FULL_OPTIONS, Fuse.createIndex(FULL_OPTIONS.keys, all));

describe('searchEntities on the bundled dataset', () => {
  it.each<readonly [string, string]>([
    ...FIRST,
    ['Zelenskyy', 'person/volodymyr-zelensky'],
    ['zelénski', 'person/volodymyr-zelensky'],
    // Marked on pages as the two people; the popup still finds the event by the pair.
    ['Putin-Zelensky meeting', 'event/putin-zelensky-meeting'],
    ['Trump–Putin summit', 'event/alaska-summit'],
    ['meeting between Putin and Zelensky', 'event/putin-zelensky-meeting'],
  ])('"%s" finds %s first', (query, id) => {
    expect(searchEntities(fuse, query)[0]?.item.id).toBe(id);
  });

  it('returns nothing for an empty query and ranks best first', () => {
    expect(searchEntities(fuse, '   ')).toEqual([]);
    const scores = searchEntities(fuse, 'putin').map((result) => result.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('marks the matched characters of the name', () => {
    const [first] = searchEntities(fuse, 'witkof');
    expect(first && markMatches(first.item.name, matchIndices(first, 'name')).find((part) => part.marked)?.text).toBe(
      'Witkof',
    );
  });

  it('puts first what Fuse over every record puts first, for every prefix typed', () => {
    const full = fullFuse(records);
    for (const query of prefixes(2)) {
      const expected = rankByNames(full.search(query, { limit: 36 }), 12)[0]?.item.id;
      expect(searchEntities(fuse, query, 12)[0]?.item.id, query).toBe(expected);
    }
  });

  it('keeps as candidates every record Fuse matches in a name, alias, phrase or role (queries of 4+ letters)', () => {
    const full = fullFuse(records);
    for (const query of prefixes(4)) {
      const candidates = new Set(findCandidates(fuse, query).map((n) => records[n]?.id));
      const shortFieldMatches = full
        .search(query)
        .filter((result) => result.matches?.some((match) => match.key !== 'summary'))
        .map((result) => result.item.id);
      expect(
        shortFieldMatches.filter((id) => !candidates.has(id)),
        query,
      ).toEqual([]);
    }
  });

  it('finds records by word beginnings in their summary only, after the others, marked', () => {
    const results = searchEntities(fuse, 'militar bas', 50);
    const inSummary = records.filter((record) => /\bmilitary base/i.test(record.summary)).map((record) => record.id);
    expect(inSummary.length).toBeGreaterThan(0);
    expect(results.map((result) => result.item.id)).toEqual(expect.arrayContaining(inSummary));
    const alaska = results.find((result) => result.item.id === 'event/alaska-summit');
    const marked = alaska && markMatches(alaska.item.summary, matchIndices(alaska, 'summary'));
    expect(marked?.filter((part) => part.marked).map((part) => part.text)).toEqual(['militar', 'bas']);
  });
});

describe('searchEntities on a synthetic 10,000-entity dataset', () => {
  const big = loadSearch(compileSearchRecords(syntheticRecords(records, 10_000)));

  it.each(FIRST)('"%s" still finds %s first', (query, id) => {
    expect(searchEntities(big, query)[0]?.item.id).toBe(id);
  });

  it(`hands Fuse at most ${SEARCH_CANDIDATES.limit} candidates`, () => {
    for (const query of ['ka', 'an', 'the', 'minister']) {
      expect(findCandidates(big, query).length).toBeLessThanOrEqual(SEARCH_CANDIDATES.limit);
    }
  });
});

describe('markMatches', () => {
  it('splits text into marked and unmarked parts', () => {
    expect(markMatches('Steve Witkoff', [[6, 11]])).toEqual([
      { text: 'Steve ', marked: false },
      { text: 'Witkof', marked: true },
      { text: 'f', marked: false },
    ]);
  });

  it('copes with unsorted and overlapping ranges', () => {
    expect(
      markMatches('abcdef', [
        [3, 4],
        [0, 1],
        [1, 2],
      ])
        .map((p) => `${p.marked ? '[' : ''}${p.text}${p.marked ? ']' : ''}`)
        .join(''),
    ).toBe('[ab][c][de]f');
  });
});

describe('compiling the search index of any pack', () => {
  it('indexes words that are also names of Object.prototype ("constructor", "toString")', () => {
    const record: SearchRecord = {
      id: 'person/ada-bole',
      kind: 'person',
      name: 'Ada Bole',
      aliases: [],
      phrases: [],
      role: 'Engineer',
      descriptions: [],
      summary: 'The constructor of the Vellmar bridge; her toString of the plans is famous.',
    };
    const search = loadSearch(JSON.parse(JSON.stringify(compileSearchRecords([record]))) as CompiledSearch);
    expect(searchEntities(search, 'constructor', 5).map((result) => result.item.id)).toEqual(['person/ada-bole']);
  });
});
