import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decodeCandidates } from '../../../src/core/matcher/match-wire.ts';
import { compilePacksForStorage } from '../../../src/core/packs/compile-packs.ts';
import { buildPackFile, serialisePack } from '../../../src/core/packs/pack-file.ts';
import type { PackStore } from '../../../src/ext/pack-store.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../fixtures/packs/fixture-pack.ts';
import { fixtureDataset, manifest } from '../core/packs/pack-fixtures.ts';
import { runAsVersion } from './extension-version.ts';
import {
  compiledFile,
  compiledFiles,
  overwriteCompiledFile,
  overwritePackFile,
  resetLargeTexts,
  storedPackFile,
} from './large-texts-fixture.ts';

const BUNDLED_TEXT = serialisePack(buildPackFile(manifest(), fixtureDataset()));
const BUNDLED_ENTITIES = '{"entities":[],"sources":[]}';
const BUNDLED_FILES = { 'entities.json': '{"bundled":true}', 'search.json': '{"bundled":true}' };
const BUNDLED_PAGE = {
  snapshot: readFileSync(join(import.meta.dirname, '../../../src/data/compiled/matcher-snapshot.json'), 'utf8'),
  marking: { familiar: ['place/bundled'] },
};

/**
 * The store, the compiler and the readers afresh against the fake browser's storage. `compiles` counts the
 * compiler's compiles (the real `compilePacksForStorage` each time).
 */
async function fresh({
  aheadKeptMs,
  compile = vi.fn(compilePacksForStorage),
}: {
  aheadKeptMs?: number;
  compile?: Mock<typeof compilePacksForStorage>;
} = {}) {
  vi.resetModules();
  const { createPackStore } = await import('../../../src/ext/pack-store.ts');
  const { createPackCompiler } = await import('../../../src/ext/pack-compiler.ts');
  const { readCompileFailure, failureIsCurrent } = await import('../../../src/ext/compile-failure.ts');
  const { createPageMatching } = await import('../../../src/ext/page-matching.ts');
  const { createCardSource } = await import('../../../src/ext/dataset-source.ts');
  const source = await import('../../../src/ext/compiled-source.ts');
  const store = createPackStore({ manifest: manifest(), bytes: 1, entities: 5, text: () => BUNDLED_TEXT });
  const signal = new AbortController().signal;
  /** The background's one chooser of the current output, which its compiler hands each compile to. */
  const current = source.createCurrentCompiled(signal);
  /** The background's matcher for pages, as a page asking now gets it. */
  const pages = () => createPageMatching(BUNDLED_PAGE, current, signal);
  /** The background's source of card data. */
  const cards = () => createCardSource(BUNDLED_ENTITIES, current, signal);
  // No pause before a write for pages to ask first: here the tests ask.
  const compiler = createPackCompiler(store, current, {
    compile,
    ...(aheadKeptMs === undefined ? {} : { aheadKeptMs }),
  });
  return {
    store,
    current,
    compiler,
    cards,
    compiles: () => compile.mock.calls.length,
    pages,
    readCompileFailure,
    failureIsCurrent,
    ...source,
  };
}

/** The compiled output in storage: the meta in storage.local, the files among the large texts. */
const storedOutput = async () => ({
  ...(await fakeBrowser.storage.local.get(['compiledMeta', 'compiledEntities', 'compiledMatcher', 'compiledSearch'])),
  ...(await compiledFiles()),
});

/** The pack at version 1.1.0; `quote` replaces the first quote of Ilse Marrow's first fact (not in its source). */
const harbour11 = (quote?: string) =>
  fixturePackText(HARBOUR_PACK_DIR, {
    manifest: { version: '1.1.0' },
    edit: (file) => {
      const citation = file.entities.find((entity) => entity.id === 'person/ilse-marrow')?.facts[0]?.citations[0];
      if (citation && quote) citation.quote = quote;
    },
  });
const HARBOUR = fixturePackText(HARBOUR_PACK_DIR);

/**
 * What the compiler stores for `steps` run afresh on an empty storage without compiling ahead: the output a
 * compile made ahead must equal.
 */
async function compiledWithoutSpeculation(steps: (store: PackStore) => Promise<unknown>) {
  fakeBrowser.reset();
  resetLargeTexts();
  const { store, compiler } = await fresh();
  await steps(store);
  await compiler.update();
  return storedOutput();
}

/** The entity ids the background's matcher finds in a text for a page (plain readings only). */
async function idsFound(matching: { match: (texts: string[]) => Promise<unknown> }, text: string): Promise<string[]> {
  const [found] = decodeCandidates((await matching.match([text])) as never, 1);
  return [...new Set((found ?? []).filter((c) => c.context === undefined).map((c) => c.id))].sort();
}

describe('compiling the enabled packs in the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetLargeTexts();
    runAsVersion('1.0.0');
  });

  it('stores nothing while only the bundled pack is on: pages and the popup use the bundled files', async () => {
    const { compiler, pages, compiledOrBundled } = await fresh();
    await compiler.update();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await compiledFiles()).toEqual({});
    expect((await pages().rules()).marking).toEqual(BUNDLED_PAGE.marking);
    expect(await idsFound(pages(), 'Steve Witkoff flew to Moscow.')).toEqual(['person/steve-witkoff', 'place/moscow']);
    expect(await compiledOrBundled(BUNDLED_FILES)).toEqual(BUNDLED_FILES);
  });

  it('falls back to the bundled files when the stored output is damaged', async () => {
    const { store, compiler, pages, compiledOrBundled } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    await overwriteCompiledFile('matcher.json', '{"snapshot":1,"ids":');
    expect(await idsFound(pages(), 'Steve Witkoff met Ilse Marrow.')).toEqual(['person/steve-witkoff']);
    await overwriteCompiledFile('matcher.json', undefined);
    await overwriteCompiledFile('search.json', undefined);
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
    expect(await compiledFiles()).toEqual({});
  });

  it('keeps the tables among the large texts under the output they belong to, and only the last output’s', async () => {
    const { store, compiler } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    const { compiledMeta: meta } = (await fakeBrowser.storage.local.get('compiledMeta')) as {
      compiledMeta: { generation: number; setKey: string };
    };
    const keysOf = (m: { generation: number; setKey: string }) =>
      ['entities.json', 'matcher.json', 'search.json'].map((name) => `compiled:${m.generation}|${m.setKey}:${name}`);
    expect(Object.keys(await compiledFiles()).sort()).toEqual(keysOf(meta));
    // storage.local holds the small meta, none of the tables.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null)).length).toBeLessThan(
      ((await compiledFile('entities.json')) ?? '').length,
    );
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    const { compiledMeta: next } = (await fakeBrowser.storage.local.get('compiledMeta')) as {
      compiledMeta: { generation: number; setKey: string };
    };
    expect(next.generation).not.toBe(meta.generation);
    expect(Object.keys(await compiledFiles()).sort()).toEqual(keysOf(next));
  });

  it('reads tables an earlier build kept in storage.local, and drops them once it writes its own', async () => {
    const { store, compiler } = await fresh();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.json');
    await compiler.update();
    // As an earlier build left the output: the meta beside the files, all in storage.local.
    await fakeBrowser.storage.local.set({
      compiledEntities: await compiledFile('entities.json'),
      compiledMatcher: await compiledFile('matcher.json'),
      compiledSearch: await compiledFile('search.json'),
    });
    for (const name of ['entities.json', 'matcher.json', 'search.json']) await overwriteCompiledFile(name, undefined);
    const earlier = await fresh();
    expect(await idsFound(earlier.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ada-lovett',
      'person/ilse-marrow',
    ]);
    expect(await earlier.compiledOrBundled(BUNDLED_FILES)).not.toEqual(BUNDLED_FILES);
    await earlier.store.setEnabled('northport-fixture', false);
    await earlier.compiler.update();
    expect(await fakeBrowser.storage.local.get(['compiledEntities', 'compiledMatcher', 'compiledSearch'])).toEqual({});
    expect(await idsFound(earlier.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
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
    const before = await storedOutput();
    // The browser refuses the output (a full disk) once its files are written: they go again.
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const refuse = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('compiledMeta' in items) throw new Error('QUOTA_BYTES quota exceeded');
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
    expect(await storedOutput()).toEqual(before);
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
    const file = JSON.parse(await storedPackFile('vellmar-ferry-strike')) as {
      entities: { id: string; aliases?: unknown }[];
    };
    const damaged = file.entities[0] as { id: string; aliases?: unknown };
    delete damaged.aliases;
    await overwritePackFile('vellmar-ferry-strike', JSON.stringify(file));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    const failure = await readCompileFailure();
    expect(failure?.message).toContain(`vellmar-ferry-strike.newscontext.json: ${damaged.id} › aliases`);
    expect(failure?.message).not.toContain('iterable');
  });
});

describe('compiling ahead while the options page checks an imported file', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetLargeTexts();
    runAsVersion('1.0.0');
  });

  it('writes the compile made ahead when the import is stored as predicted, without compiling again', async () => {
    const { store, compiler, compiles, pages } = await fresh();
    await compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-1' });
    expect(compiles()).toBe(1);
    expect(await storedOutput()).toEqual({});
    await store.importPack(HARBOUR, 'harbour.json', { importId: 'import-1' });
    await compiler.update();
    expect(compiles()).toBe(1);
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ada-lovett', 'person/ilse-marrow']);
    const ahead = await storedOutput();
    expect(ahead.compiledMeta).toMatchObject({
      generation: 1,
      setKey: 'northport-fixture@1.0.0,vellmar-ferry-strike@1.0.0',
    });
    expect(ahead).toEqual(await compiledWithoutSpeculation((s) => s.importPack(HARBOUR, 'harbour.json')));
  });

  it('compiles ahead for a newer version replacing an enabled pack, and for a confirmed older one', async () => {
    const { store, compiler, compiles } = await fresh();
    await store.importPack(HARBOUR, 'harbour.json');
    await compiler.update();
    await compiler.speculate(harbour11(), { confirmed: false, importId: 'import-2' });
    await store.importPack(harbour11(), 'harbour-1.1.json', { importId: 'import-2' });
    await compiler.update();
    expect(compiles()).toBe(2);
    expect((await storedOutput()).compiledMeta).toMatchObject({
      setKey: 'northport-fixture@1.0.0,vellmar-ferry-strike@1.1.0',
    });
    // Back to 1.0.0: not compiled ahead until the reader confirms.
    await compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-3' });
    expect(compiles()).toBe(2);
    await compiler.speculate(HARBOUR, { confirmed: true, importId: 'import-4' });
    await store.importPack(HARBOUR, 'harbour.json', { confirmed: true, importId: 'import-4' });
    await compiler.update();
    expect(compiles()).toBe(3);
    expect((await storedOutput()).compiledMeta).toMatchObject({
      setKey: 'northport-fixture@1.0.0,vellmar-ferry-strike@1.0.0',
    });
  });

  it('never writes a compile made ahead of a file the check refuses, even when the next import takes its place', async () => {
    const { store, compiler, compiles } = await fresh();
    await store.importPack(HARBOUR, 'harbour.json');
    await compiler.update();
    const before = { local: await fakeBrowser.storage.local.get(null), files: await compiledFiles() };
    // The same version and set as the valid 1.1.0 below: only the file's text tells them apart.
    const broken = harbour11('the crews would sail again at dawn');
    await compiler.speculate(broken, { confirmed: false, importId: 'import-broken' });
    expect(compiles()).toBe(2);
    expect(await store.importPack(broken, 'broken.json', { importId: 'import-broken' })).toMatchObject({
      kind: 'rejected',
    });
    await compiler.update();
    expect({ local: await fakeBrowser.storage.local.get(null), files: await compiledFiles() }).toEqual(before);
    // The options page's word that nothing was stored is lost: the valid file is imported (an import of its own)
    // without a compile ahead.
    await store.importPack(harbour11(), 'harbour-1.1.json', { importId: 'import-valid' });
    await compiler.update();
    expect(compiles()).toBe(3);
    const stored = await storedOutput();
    expect(await compiledFile('entities.json')).not.toContain('the crews would sail again at dawn');
    expect(stored.compiledEntities).toBeUndefined();
    expect(stored).toEqual(
      await compiledWithoutSpeculation(async (s) => {
        await s.importPack(HARBOUR, 'harbour.json');
        await s.importPack(harbour11(), 'harbour-1.1.json');
      }),
    );
  });

  it('uses the compile made ahead only for the import it was made for (the id the store records)', async () => {
    const given = await fresh();
    await given.compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-a' });
    await given.store.importPack(HARBOUR, 'harbour.json', { importId: 'import-a' });
    expect((await given.store.index()).packs[1]?.importId).toBe('import-a');
    await given.compiler.update();
    expect(given.compiles()).toBe(1);
    // Another import of the same pack stored (with no id given, the store draws one): what was made ahead is not
    // used, and the stored set is compiled.
    fakeBrowser.reset();
    resetLargeTexts();
    runAsVersion('1.0.0');
    const other = await fresh();
    await other.compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-a' });
    await other.store.importPack(HARBOUR, 'harbour.json');
    expect((await other.store.index()).packs[1]?.importId).toMatch(/^[0-9a-f-]{36}$/);
    await other.compiler.update();
    expect(other.compiles()).toBe(2);
    expect(await idsFound(other.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ada-lovett',
      'person/ilse-marrow',
    ]);
  });

  it('discards the compile made ahead when the set changed meanwhile, and compiles the stored set', async () => {
    const { store, compiler, compiles, pages } = await fresh();
    await compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-1' });
    await store.setEnabled('northport-fixture', false);
    await store.importPack(HARBOUR, 'harbour.json', { importId: 'import-1' });
    await compiler.update();
    expect(compiles()).toBe(2);
    expect((await storedOutput()).compiledMeta).toMatchObject({ setKey: 'vellmar-ferry-strike@1.0.0' });
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
    // Switched off and on again meanwhile: the same set in the end, but not the index predicted.
    await compiler.speculate(harbour11(), { confirmed: false, importId: 'import-2' });
    await store.setEnabled('vellmar-ferry-strike', false);
    await store.setEnabled('vellmar-ferry-strike', true);
    await store.importPack(harbour11(), 'harbour-1.1.json', { importId: 'import-2' });
    await compiler.update();
    expect(compiles()).toBe(4);
  });

  it('drops the compile made ahead when told the import stored nothing', async () => {
    const { store, compiler, compiles } = await fresh();
    await compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-1' });
    compiler.discardSpeculation();
    await store.importPack(HARBOUR, 'harbour.json', { importId: 'import-1' });
    await compiler.update();
    expect(compiles()).toBe(2);
  });

  it('drops the compile made ahead when the import does not come in time (the options page closed meanwhile)', async () => {
    const { store, compiler, compiles } = await fresh({ aheadKeptMs: 20 });
    await compiler.speculate(HARBOUR, { confirmed: false, importId: 'import-1' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await store.importPack(HARBOUR, 'harbour.json', { importId: 'import-1' });
    await compiler.update();
    expect(compiles()).toBe(2);
  });

  it('compiles nothing ahead for a pack that stays switched off, and writes nothing for it', async () => {
    const { store, compiler, compiles } = await fresh();
    await store.importPack(HARBOUR, 'harbour.json');
    await store.setEnabled('vellmar-ferry-strike', false);
    await compiler.update();
    await compiler.speculate(harbour11(), { confirmed: false, importId: 'import-1' });
    await compiler.speculate('{"format": "news-context-pack", ', { confirmed: false, importId: 'import-2' });
    expect(compiles()).toBe(0);
    await store.importPack(harbour11(), 'harbour-1.1.json', { importId: 'import-1' });
    await compiler.update();
    expect(compiles()).toBe(0);
    expect(await storedOutput()).toEqual({});
  });
});

/**
 * Holds the write that makes a compile the stored output, its meta (written after its files), until `release()`;
 * writes after the release go through at once. `held()` counts the writes that reached storage's door.
 */
function holdTablesWrite() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = 0;
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    if ('compiledMeta' in items) {
      held++;
      await gate;
    }
    return set(items);
  });
  return { release, held: () => held };
}

describe('using a compile from memory while it is stored', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetLargeTexts();
    runAsVersion('1.0.0');
    vi.restoreAllMocks();
  });

  it('marks the new pack and answers its cards before the tables are stored, and tells pages once', async () => {
    const { store, compiler, current, pages, cards } = await fresh();
    const matching = pages();
    const cardSource = cards();
    // The bundled files (here the real bundled matcher and no cards) until a compile is current.
    expect(await idsFound(matching, 'Steve Witkoff met Ilse Marrow.')).toEqual(['person/steve-witkoff']);
    expect(await cardSource.cardData('person/ilse-marrow')).toBeUndefined();
    // Telling the pages, which answer when `heard()` is called.
    let heard = () => {};
    const told = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          heard = resolve;
        }),
    );
    current.watch(told, new AbortController().signal);
    const write = holdTablesWrite();
    await store.importPack(HARBOUR, 'harbour.json');
    const updating = compiler.update();
    await vi.waitFor(() => expect(told).toHaveBeenCalledTimes(1));
    // The matcher and the card source made before the compile, and new ones, use it now.
    const both = ['person/ada-lovett', 'person/ilse-marrow'];
    expect(await idsFound(matching, 'Ilse Marrow met Ada Lovett.')).toEqual(both);
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(both);
    expect((await cardSource.cardData('person/ilse-marrow'))?.entity.name).toBe('Ilse Marrow');
    // The write waits until the pages have been told, then begins; it lands when the browser lets it.
    expect(write.held()).toBe(0);
    heard();
    await vi.waitFor(() => expect(write.held()).toBe(1));
    expect((await storedOutput()).compiledMeta).toBeUndefined();
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(both);
    write.release();
    await updating;
    expect((await storedOutput()).compiledMeta).toMatchObject({
      setKey: 'northport-fixture@1.0.0,vellmar-ferry-strike@1.0.0',
    });
    // The write landing is the same output: pages are not told again.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(told).toHaveBeenCalledTimes(1);
    expect((await cards().cardData('person/ilse-marrow'))?.entity.name).toBe('Ilse Marrow');
  });

  it('tells pages of a compile, and matches them, before it makes the texts it stores', async () => {
    const events: string[] = [];
    /** The real compile, noting when its stored texts are first read (what makes them). */
    const compile = vi.fn((layers: Parameters<typeof compilePacksForStorage>[0]) => {
      const output = compilePacksForStorage(layers);
      const read = <T>(value: () => T) => {
        events.push('texts made');
        return value();
      };
      return {
        matcher: output.matcher,
        marking: output.marking,
        get entities() {
          return read(() => output.entities);
        },
        get matcherSnapshot() {
          return read(() => output.matcherSnapshot);
        },
        get search() {
          return read(() => output.search);
        },
      };
    });
    const { store, compiler, current, pages } = await fresh({ compile });
    current.watch(async () => {
      events.push('pages told');
      if ((await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).includes('person/ilse-marrow')) {
        events.push('pack marked');
      }
    }, new AbortController().signal);
    await store.importPack(HARBOUR, 'harbour.json');
    await compiler.update();
    expect(events.slice(0, 3)).toEqual(['pages told', 'pack marked', 'texts made']);
    expect((await storedOutput()).compiledMeta).toMatchObject({ setKey: expect.stringContaining('vellmar') });
  });

  it('takes a switched-off pack off pages while the bundled files are restored, and never lets an older compile back', async () => {
    const { store, compiler, pages } = await fresh();
    await store.importPack(HARBOUR, 'harbour.json');
    const write = holdTablesWrite();
    const first = compiler.update();
    await vi.waitFor(() => expect(write.held()).toBe(1));
    // Switched off while its compile is still being stored: the next compile waits for that write, then wins.
    await store.setEnabled('northport-fixture', false);
    const second = compiler.update();
    write.release();
    await first;
    await second;
    expect(write.held()).toBe(2);
    expect((await storedOutput()).compiledMeta).toMatchObject({ setKey: 'vellmar-ferry-strike@1.0.0' });
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
    // Back to the bundled pack alone: gone from pages before the stored output is removed.
    const remove = fakeBrowser.storage.local.remove.bind(fakeBrowser.storage.local);
    const matching = pages();
    const seenWhileRemoving: string[][] = [];
    vi.spyOn(fakeBrowser.storage.local, 'remove').mockImplementation(async (keys) => {
      seenWhileRemoving.push(await idsFound(matching, 'Ilse Marrow met Steve Witkoff.'));
      return remove(keys);
    });
    await store.setEnabled('northport-fixture', true);
    await store.setEnabled('vellmar-ferry-strike', false);
    await compiler.update();
    expect(seenWhileRemoving[0]).toEqual(['person/steve-witkoff']);
    expect(await storedOutput()).toEqual({});
  });

  it('keeps the output in use when a compile fails, or when its write fails', async () => {
    const compile = vi.fn(compilePacksForStorage);
    const { store, compiler, current, pages } = await fresh({ compile });
    await store.importPack(HARBOUR, 'harbour.json');
    await compiler.update();
    const told = vi.fn();
    current.watch(told, new AbortController().signal);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    compile.mockImplementationOnce(() => {
      throw new Error('out of memory');
    });
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    expect(told).not.toHaveBeenCalled();
    expect(await idsFound(pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ada-lovett', 'person/ilse-marrow']);
    // The write fails: the compile was current while it was written, then the stored output is again.
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const matching = pages();
    const seenWhileWriting: string[][] = [];
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if (!('compiledMeta' in items)) return set(items);
      seenWhileWriting.push(await idsFound(matching, 'Ilse Marrow met Ada Lovett.'));
      throw new Error('QUOTA_BYTES quota exceeded');
    });
    await store.setEnabled('northport-fixture', true);
    await store.setEnabled('northport-fixture', false);
    await compiler.update();
    expect(seenWhileWriting).toEqual([['person/ilse-marrow']]);
    expect(told).toHaveBeenCalledTimes(2);
    expect(await idsFound(matching, 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ada-lovett',
      'person/ilse-marrow',
    ]);
  });

  it('uses the stored output after a restart, and compiles again when the background died before storing it', async () => {
    const first = await fresh();
    await first.store.importPack(HARBOUR, 'harbour.json');
    await first.compiler.update();
    // A fresh background over the same storage: the stored output, without compiling.
    const woken = await fresh();
    await woken.compiler.update();
    expect(woken.compiles()).toBe(0);
    expect(await idsFound(woken.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ada-lovett',
      'person/ilse-marrow',
    ]);
    expect((await woken.cards().cardData('person/ilse-marrow'))?.entity.name).toBe('Ilse Marrow');
    // This one dies with its write held: the next finds the previous output stored, and compiles again.
    const write = holdTablesWrite();
    await woken.store.setEnabled('northport-fixture', false);
    void woken.compiler.update();
    await vi.waitFor(() => expect(write.held()).toBe(1));
    expect(await idsFound(woken.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
    vi.restoreAllMocks();
    const again = await fresh();
    expect(await idsFound(again.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual([
      'person/ada-lovett',
      'person/ilse-marrow',
    ]);
    await again.compiler.update();
    expect(again.compiles()).toBe(1);
    expect(await idsFound(again.pages(), 'Ilse Marrow met Ada Lovett.')).toEqual(['person/ilse-marrow']);
  });
});
