import { describe, expect, it, vi } from 'vitest';
import { generatePackText } from '../../../../bench/generate-pack.ts';
import { MATCHER_SNAPSHOT_FILE } from '../../../../src/core/matcher/matcher-snapshot.ts';
import { compilePacks, compilePacksForStorage } from '../../../../src/core/packs/compile-packs.ts';
import { readCheckedPack } from '../../../../src/core/packs/pack-file.ts';
import * as search from '../../../../src/core/search/search-entities.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../../fixtures/packs/fixture-pack.ts';

const layers = () => [
  { ...readCheckedPack(fixturePackText(HARBOUR_PACK_DIR)), imported: false },
  { ...readCheckedPack(generatePackText({ entities: 150, seed: 11 })), imported: true },
];

describe('the packs compiled for the background', () => {
  it('stores the same texts as the build writes for the same packs, and the marking table', () => {
    const built = compilePacks(layers());
    const stored = compilePacksForStorage(layers());
    expect(stored.entities).toBe(built['entities.json']);
    expect(stored.matcherSnapshot).toBe(built[MATCHER_SNAPSHOT_FILE]);
    expect(stored.search).toBe(built['search.json']);
    expect(`${JSON.stringify(stored.marking)}\n`).toBe(built['marking.json']);
  });

  it('has the matcher for pages before it makes the texts it stores, and makes them once', () => {
    const made = vi.spyOn(search, 'compileSearch');
    const compiled = compilePacksForStorage(layers());
    expect(compiled.matcher.ids.length).toBeGreaterThan(150);
    expect(made).not.toHaveBeenCalled();
    const first = compiled.search;
    expect(made).toHaveBeenCalledTimes(1);
    expect(compiled.entities.length).toBeGreaterThan(0);
    expect(compiled.search).toBe(first);
    expect(made).toHaveBeenCalledTimes(1);
  });
});
