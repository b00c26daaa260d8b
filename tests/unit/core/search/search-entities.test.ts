import { describe, expect, it } from 'vitest';
import {
  type CompiledSearch,
  loadSearch,
  markMatches,
  searchEntities,
} from '../../../../src/core/search/search-entities.ts';
import compiled from '../../../../src/data/compiled/search.json' with { type: 'json' };

const fuse = loadSearch(compiled as CompiledSearch);

describe('searchEntities on the bundled dataset', () => {
  it.each([
    ['witkof', 'person/steve-witkoff'],
    ['zelenski', 'person/volodymyr-zelensky'],
    ['alaska sumit', 'event/alaska-summit'],
    ['ushakof', 'person/yuri-ushakov'],
    ['minerals', 'event/minerals-deal'],
    ['Zelenskyy', 'person/volodymyr-zelensky'],
  ])('"%s" finds %s first', (query, id) => {
    expect(searchEntities(fuse, query)[0]?.item.id).toBe(id);
  });

  it('returns nothing for an empty query and ranks best first', () => {
    expect(searchEntities(fuse, '   ')).toEqual([]);
    const scores = searchEntities(fuse, 'putin').map((result) => result.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
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
