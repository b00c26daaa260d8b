import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findMatches } from '../../../src/core/matcher/find-matches.ts';
import { loadMatcherSnapshot } from '../../../src/core/matcher/matcher-snapshot.ts';
import { buildPackFile, serialisePack } from '../../../src/core/packs/pack-file.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../fixtures/packs/fixture-pack.ts';
import { fixtureDataset, manifest } from '../core/packs/pack-fixtures.ts';
import { runAsVersion } from './extension-version.ts';

const BUNDLED_TEXT = serialisePack(buildPackFile(manifest(), fixtureDataset()));
const BUNDLED_FILES = { 'entities.json': '{"bundled":true}', 'search.json': '{"bundled":true}' };
const BUNDLED_TABLES = { marking: { familiar: ['place/bundled'] }, matcher: 'the bundled matcher' };

/** The store, the compiler and the readers afresh against the fake browser's storage. */
async function fresh() {
  vi.resetModules();
  const { createPackStore } = await import('../../../src/ext/pack-store.ts');
  const { createPackCompiler } = await import('../../../src/ext/pack-compiler.ts');
  const { readCompileFailure, failureIsCurrent } = await import('../../../src/ext/compile-failure.ts');
  const source = await import('../../../src/ext/compiled-source.ts');
  const store = createPackStore({ manifest: manifest(), bytes: 1, entities: 5, text: () => BUNDLED_TEXT });
  return { store, compiler: createPackCompiler(store), readCompileFailure, failureIsCurrent, ...source };
}

/** The entity ids the stored page tables find in a text, read back as a page reads them (a snapshot). */
async function idsFound(tables: { matcher: () => Promise<string> }, text: string): Promise<string[]> {
  const index = loadMatcherSnapshot(await tables.matcher());
  return [...new Set(findMatches(text, index).map((match) => match.id))].sort();
}

describe('compiling the enabled packs in the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    runAsVersion('1.0.0');
  });

  it('stores nothing while only the bundled pack is on: pages and the popup use the bundled files', async () => {
    const { compiler, pageTables, compiledOrBundled } = await fresh();
    await compiler.update();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    const tables = await pageTables(BUNDLED_TABLES);
    expect([tables.marking, await tables.matcher()]).toEqual([BUNDLED_TABLES.marking, BUNDLED_TABLES.matcher]);
    expect(await compiledOrBundled(BUNDLED_FILES)).toEqual(BUNDLED_FILES);
  });

  it('falls back to the bundled files when the stored output is damaged', async () => {
    const { store, compiler, pageTables, compiledOrBundled } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    await fakeBrowser.storage.local.remove(['compiledMatcher', 'compiledSearch']);
    expect(await (await pageTables(BUNDLED_TABLES)).matcher()).toBe(BUNDLED_TABLES.matcher);
    expect(await compiledOrBundled(BUNDLED_FILES)).toEqual(BUNDLED_FILES);
    await fakeBrowser.storage.local.set({ compiledMeta: { generation: 'x', marking: 7 } });
    expect((await pageTables(BUNDLED_TABLES)).marking).toEqual(BUNDLED_TABLES.marking);
  });

  it('compiles the bundled and an imported pack into tables that mark both, and cards that name each fact’s pack', async () => {
    const { store, compiler, pageTables, compiledOrBundled } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    const tables = await pageTables(BUNDLED_TABLES);
    const text = 'Ilse Marrow met Ada Lovett in Northport.';
    expect(await idsFound(tables, text)).toEqual(['person/ada-lovett', 'person/ilse-marrow', 'place/northport']);
    const files = await compiledOrBundled(BUNDLED_FILES);
    const entities = JSON.parse(files['entities.json']) as {
      entities: { id: string; facts: { pack?: string }[] }[];
      packs: { id: string }[];
    };
    expect(entities.packs.map((pack) => pack.id)).toEqual(['northport-fixture', 'vellmar-ferry-strike']);
    const marrow = entities.entities.find((entity) => entity.id === 'person/ilse-marrow');
    expect(marrow?.facts.map((fact) => fact.pack)).toEqual(['vellmar-ferry-strike']);
    expect(JSON.parse(files['search.json'])).not.toEqual({ bundled: true });
  });

  it('follows the switches: a pack switched off is no longer marked, and the bundled pack alone clears the output', async () => {
    const { store, compiler, pageTables } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    const tables = await pageTables(BUNDLED_TABLES);
    expect(await idsFound(tables, 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
    await store.setEnabled('northport-fixture', true);
    await store.setEnabled('vellmar-ferry-strike', false);
    await compiler.update();
    expect(await (await pageTables(BUNDLED_TABLES)).matcher()).toBe(BUNDLED_TABLES.matcher);
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('compiled'))).toEqual(
      [],
    );
  });

  it('does not compile again when the stored output is already the enabled set’s', async () => {
    const { store, compiler } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await compiler.update();
    expect(set).not.toHaveBeenCalled();
  });

  it('stores a failed compile (which packs, what went wrong) and keeps the output compiled before; a later success clears it', async () => {
    const { store, compiler, pageTables, readCompileFailure, failureIsCurrent } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    expect(await readCompileFailure()).toBeUndefined();
    const before = await fakeBrowser.storage.local.get(['compiledMeta', 'compiledMatcher']);
    // The browser refuses the tables (a full disk), and only them.
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const refuse = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('compiledMatcher' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    const failure = await readCompileFailure();
    expect(failure).toMatchObject({
      packs: [{ id: 'vellmar-ferry-strike', title: 'Vellmar Bay ferry strike' }],
      message: 'QUOTA_BYTES quota exceeded',
    });
    expect(failureIsCurrent(await store.index(), failure)).toBe(true);
    expect(await fakeBrowser.storage.local.get(['compiledMeta', 'compiledMatcher'])).toEqual(before);
    expect(await idsFound(await pageTables(BUNDLED_TABLES), 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ada-lovett',
      'person/ilse-marrow',
    ]);
    refuse.mockRestore();
    await store.setEnabled('northport-fixture', true);
    expect(failureIsCurrent(await store.index(), failure)).toBe(false);
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    expect(await readCompileFailure()).toBeUndefined();
    expect(await idsFound(await pageTables(BUNDLED_TABLES), 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ilse-marrow',
    ]);
  });
});
