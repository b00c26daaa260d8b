import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decodeCandidates } from '../../../src/core/matcher/match-wire.ts';
import { buildPackFile, serialisePack } from '../../../src/core/packs/pack-file.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../fixtures/packs/fixture-pack.ts';
import { fixtureDataset, manifest } from '../core/packs/pack-fixtures.ts';
import { runAsVersion } from './extension-version.ts';

const BUNDLED_TEXT = serialisePack(buildPackFile(manifest(), fixtureDataset()));
const BUNDLED_FILES = { 'entities.json': '{"bundled":true}', 'search.json': '{"bundled":true}' };
const BUNDLED_PAGE = {
  snapshot: readFileSync(join(import.meta.dirname, '../../../src/data/compiled/matcher-snapshot.json'), 'utf8'),
  marking: { familiar: ['place/bundled'] },
};

/** The store, the compiler and the readers afresh against the fake browser's storage. */
async function fresh() {
  vi.resetModules();
  const { createPackStore } = await import('../../../src/ext/pack-store.ts');
  const { createPackCompiler } = await import('../../../src/ext/pack-compiler.ts');
  const { readCompileFailure, failureIsCurrent } = await import('../../../src/ext/compile-failure.ts');
  const { createPageMatching } = await import('../../../src/ext/page-matching.ts');
  const source = await import('../../../src/ext/compiled-source.ts');
  const store = createPackStore({ manifest: manifest(), bytes: 1, entities: 5, text: () => BUNDLED_TEXT });
  /** The background's matcher for pages, as it loads after the compiler's latest write. */
  const pages = () => createPageMatching(BUNDLED_PAGE, new AbortController().signal);
  return { store, compiler: createPackCompiler(store), pages, readCompileFailure, failureIsCurrent, ...source };
}

/** The entity ids the background's matcher finds in a text for a page (plain readings only). */
async function idsFound(matching: { match: (texts: string[]) => Promise<unknown> }, text: string): Promise<string[]> {
  const [found] = decodeCandidates((await matching.match([text])) as never, 1);
  return [...new Set((found ?? []).filter((c) => c.context === undefined).map((c) => c.id))].sort();
}

describe('compiling the enabled packs in the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    runAsVersion('1.0.0');
  });

  it('stores nothing while only the bundled pack is on: pages and the popup use the bundled files', async () => {
    const { compiler, pages, compiledOrBundled } = await fresh();
    await compiler.update();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect((await pages().rules()).marking).toEqual(BUNDLED_PAGE.marking);
    expect(await idsFound(pages(), 'Steve Witkoff flew to Moscow.')).toEqual(['person/steve-witkoff', 'place/moscow']);
    expect(await compiledOrBundled(BUNDLED_FILES)).toEqual(BUNDLED_FILES);
  });

  it('falls back to the bundled files when the stored output is damaged', async () => {
    const { store, compiler, pages, compiledOrBundled } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    await fakeBrowser.storage.local.set({ compiledMatcher: '{"snapshot":1,"ids":' });
    expect(await idsFound(pages(), 'Steve Witkoff met Ilse Marrow.')).toEqual(['person/steve-witkoff']);
    await fakeBrowser.storage.local.remove(['compiledMatcher', 'compiledSearch']);
    expect(await idsFound(pages(), 'Steve Witkoff met Ilse Marrow.')).toEqual(['person/steve-witkoff']);
    expect(await compiledOrBundled(BUNDLED_FILES)).toEqual(BUNDLED_FILES);
    await fakeBrowser.storage.local.set({ compiledMeta: { generation: 'x', marking: 7 } });
    expect((await pages().rules()).marking).toEqual(BUNDLED_PAGE.marking);
  });

  it('compiles the bundled and an imported pack into tables that mark both, and cards that name each fact’s pack', async () => {
    const { store, compiler, pages, compiledOrBundled } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    const text = 'Ilse Marrow met Ada Lovett in Northport.';
    expect(await idsFound(pages(), text)).toEqual(['person/ada-lovett', 'person/ilse-marrow', 'place/northport']);
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
    const { store, compiler, pages } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
    await store.setEnabled('northport-fixture', true);
    await store.setEnabled('vellmar-ferry-strike', false);
    await compiler.update();
    expect(await idsFound(pages(), 'Ilse Marrow met Steve Witkoff.')).toEqual(['person/steve-witkoff']);
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
    const { store, compiler, pages, readCompileFailure, failureIsCurrent } = await fresh();
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
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ada-lovett', 'person/ilse-marrow']);
    refuse.mockRestore();
    await store.setEnabled('northport-fixture', true);
    expect(failureIsCurrent(await store.index(), failure)).toBe(false);
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    expect(await readCompileFailure()).toBeUndefined();
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
  });

  it('names the file, entity and field when a stored pack changed behind its back makes the compile fail', async () => {
    const { store, compiler, readCompileFailure } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    const key = 'packFile:vellmar-ferry-strike';
    const stored = (await fakeBrowser.storage.local.get(key)) as Record<string, string>;
    const file = JSON.parse(stored[key] as string) as { entities: { id: string; aliases?: unknown }[] };
    const damaged = file.entities[0] as { id: string; aliases?: unknown };
    delete damaged.aliases;
    await fakeBrowser.storage.local.set({ [key]: JSON.stringify(file) });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    const failure = await readCompileFailure();
    expect(failure?.message).toContain(`vellmar-ferry-strike.newscontext.json: ${damaged.id} › aliases`);
    expect(failure?.message).not.toContain('iterable');
  });
});
