import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PackManifest } from '../../../src/core/packs/pack-manifest.ts';
import { searchEntities } from '../../../src/core/search/search-entities.ts';
import type { PopupDataset } from '../../../src/ext/popup-dataset.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../fixtures/packs/fixture-pack.ts';
import { runAsVersion } from './extension-version.ts';
import { resetLargeTexts } from './large-texts-fixture.ts';

const COMPILED = join(import.meta.dirname, '../../../src/data/compiled');
const read = (name: string) => readFileSync(join(COMPILED, name), 'utf8');
/** The popup's bundled files, as the build ships them. */
const BUNDLED = { 'entities.json': read('entities.json'), 'search.json': read('search.json') };
const BUNDLED_PACK_TEXT = read('pack.newscontext.json');
const BUNDLED_MANIFEST = JSON.parse(readFileSync(join(COMPILED, '../pack.json'), 'utf8')) as PackManifest;

/** The pack store and the background's compiler afresh over the fake browser's storage, and the popup's module. */
async function fresh() {
  vi.resetModules();
  const { createPackStore } = await import('../../../src/ext/pack-store.ts');
  const { createPackCompiler } = await import('../../../src/ext/pack-compiler.ts');
  const { createCurrentCompiled } = await import('../../../src/ext/compiled-source.ts');
  const popup = await import('../../../src/ext/popup-dataset.ts');
  const store = createPackStore({
    manifest: BUNDLED_MANIFEST,
    bytes: BUNDLED_PACK_TEXT.length,
    entities: 77,
    text: () => BUNDLED_PACK_TEXT,
  });
  const compiler = createPackCompiler(store, createCurrentCompiled(new AbortController().signal), {});
  return { store, compiler, ...popup };
}

/** The ids the popup lists first for a query. */
const found = (dataset: PopupDataset, query: string) =>
  searchEntities(dataset.search, query, 3).map((result) => result.item.id);

describe('the popup’s dataset', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetLargeTexts();
    runAsVersion('1.0.0');
  });

  it('is the bundled one while only the bundled pack is on', async () => {
    const { loadPopupDataset } = await fresh();
    const dataset = await loadPopupDataset(BUNDLED);
    expect(dataset.stamp).toBeUndefined();
    expect(found(dataset, 'witkof')[0]).toBe('person/steve-witkoff');
    expect(found(dataset, 'Ilse Marrow')).not.toContain('person/ilse-marrow');
  });

  it('follows the packs while the popup is open: an imported pack is searched once its output is stored, and goes when it is switched off', async () => {
    const { store, compiler, loadPopupDataset, followPopupDataset } = await fresh();
    const opened = await loadPopupDataset(BUNDLED);
    const shown: PopupDataset[] = [];
    followPopupDataset(BUNDLED, opened, (dataset) => shown.push(dataset), new AbortController().signal);

    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.newscontext.json');
    await compiler.update();
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    expect(found(shown[0] as PopupDataset, 'Ilse Marrow')[0]).toBe('person/ilse-marrow');
    expect(found(shown[0] as PopupDataset, 'witkof')[0]).toBe('person/steve-witkoff');
    expect(shown[0]?.packs.get('vellmar-ferry-strike')?.title).toBeTruthy();

    await store.setEnabled('vellmar-ferry-strike', false);
    await compiler.update();
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    expect(shown[1]?.stamp).toBeUndefined();
    expect(found(shown[1] as PopupDataset, 'Ilse Marrow')).not.toContain('person/ilse-marrow');
  });

  it('catches up with output stored while the popup was reading what it opened with', async () => {
    const { store, compiler, loadPopupDataset, followPopupDataset } = await fresh();
    const opened = await loadPopupDataset(BUNDLED);
    // Stored before the popup follows the packs: no change comes after.
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.newscontext.json');
    await compiler.update();
    const shown: PopupDataset[] = [];
    followPopupDataset(BUNDLED, opened, (dataset) => shown.push(dataset), new AbortController().signal);
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    expect(found(shown[0] as PopupDataset, 'Ilse Marrow')[0]).toBe('person/ilse-marrow');
  });

  it('stops following once the popup is gone', async () => {
    const { store, compiler, loadPopupDataset, followPopupDataset } = await fresh();
    const shown: PopupDataset[] = [];
    const popup = new AbortController();
    followPopupDataset(BUNDLED, await loadPopupDataset(BUNDLED), (dataset) => shown.push(dataset), popup.signal);
    popup.abort();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR), 'harbour.newscontext.json');
    await compiler.update();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shown).toEqual([]);
  });
});
