import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkPack } from '../../../src/core/packs/check-pack.ts';
import { buildPackFile, formatPackProblem, type PackFile, serialisePack } from '../../../src/core/packs/pack-file.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/settings-schema.ts';
import type { BundledPack } from '../../../src/ext/pack-store.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../fixtures/packs/fixture-pack.ts';
import { fixtureDataset, manifest } from '../core/packs/pack-fixtures.ts';
import { runAsVersion } from './extension-version.ts';
import {
  allLargeTexts,
  overwritePackFile,
  packFileKeys,
  resetLargeTexts,
  storedPackFile,
  storedPackValue,
} from './large-texts-fixture.ts';

/** The store's bundled pack: the validator's small Northport dataset, with a Wikidata-style id on its city. */
function bundledPack(): BundledPack {
  const dataset = fixtureDataset();
  const city = dataset.entities.find((entity) => entity.id === 'place/northport');
  if (city) city.sameAs = ['wikidata:Q900001'];
  const text = serialisePack(buildPackFile(manifest(), dataset));
  return { manifest: manifest(), bytes: text.length, entities: dataset.entities.length, text: () => text };
}

/** The modules afresh, so their storage items start against the fake browser's current storage. */
async function freshStore() {
  vi.resetModules();
  const { createPackStore } = await import('../../../src/ext/pack-store.ts');
  return createPackStore(bundledPack());
}

/** Everything in the storage the extension uses: both storage areas and the large texts. */
const everything = async () => ({
  local: await fakeBrowser.storage.local.get(null),
  sync: await fakeBrowser.storage.sync.get(null),
  large: await allLargeTexts(),
});

const HARBOUR = fixturePackText(HARBOUR_PACK_DIR);
const harbour = (edit: (file: PackFile) => void) => fixturePackText(HARBOUR_PACK_DIR, { edit });

describe('the pack store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetLargeTexts();
    runAsVersion('1.0.0');
  });

  it('lists the bundled pack alone, on, when nothing is stored', async () => {
    const store = await freshStore();
    const index = await store.index();
    expect(index.packs.map((pack) => [pack.manifest.id, pack.enabled, pack.bundled])).toEqual([
      ['northport-fixture', true, true],
    ]);
  });

  it('imports a valid pack, lists it with its size and entity count, and exports the same bytes', async () => {
    const store = await freshStore();
    const outcome = await store.importPack(HARBOUR, 'harbour.newscontext.json');
    expect(outcome).toMatchObject({ kind: 'installed', pack: { enabled: true, entities: 5, bundled: false } });
    const index = await store.index();
    expect(index.packs.map((pack) => pack.manifest.id)).toEqual(['northport-fixture', 'vellmar-ferry-strike']);
    expect(index.packs[1]?.bytes).toBe(Buffer.byteLength(HARBOUR));
    // An import of its own: an id drawn for it, which no other import has.
    expect(index.packs[1]?.importId).toMatch(/^[0-9a-f-]{36}$/);
    const exported = await store.packFile('vellmar-ferry-strike');
    expect(exported?.fileName).toBe('vellmar-ferry-strike-1.0.0.newscontext.json');
    expect(exported?.text).toBe(HARBOUR);
    expect((await store.packFile('northport-fixture'))?.text).toBe(bundledPack().text());
  });

  it('records the import id it is given (the one the background compiled ahead for), and draws one per import', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.newscontext.json', { importId: 'import-from-the-options-page' });
    expect((await store.index()).packs[1]?.importId).toBe('import-from-the-options-page');
    const newer = fixturePackText(HARBOUR_PACK_DIR, { manifest: { version: '1.1.0' } });
    await store.importPack(newer, 'harbour-1.1.newscontext.json');
    const drawn = (await store.index()).packs[1]?.importId;
    await store.importPack(HARBOUR, 'harbour.newscontext.json', { confirmed: true });
    const again = (await store.index()).packs[1]?.importId;
    expect(new Set([drawn, again, 'import-from-the-options-page']).size).toBe(3);
  });

  const BAD_PACKS: [string, string, string][] = [
    ['not JSON', '{"format": "news-context-pack", ', 'is not JSON'],
    ['not a pack', '{"hello": "world"}', '"format" must be'],
    ['a manifest field missing', harbour((file) => Reflect.deleteProperty(file.manifest, 'title')), 'manifest.title'],
    [
      'a quote not in its source',
      harbour((file) => {
        const fact = file.entities.find((e) => e.id === 'person/ilse-marrow')?.facts[0];
        if (fact?.citations[0]) fact.citations[0].quote = 'the crews would sail at dawn';
      }),
      'person/ilse-marrow › facts.0.citations.0.quote',
    ],
    [
      'a reference to an entity the pack lacks',
      harbour((file) => {
        const person = file.entities.find((e) => e.id === 'person/ilse-marrow');
        if (person) person.related = ['org/no-such-union'];
      }),
      'person/ilse-marrow › related',
    ],
    [
      'an identifier another installed pack gives to another kind',
      harbour((file) => {
        const union = file.entities.find((e) => e.id === 'org/harbour-workers-guild');
        if (union) union.sameAs = ['wikidata:Q900001'];
      }),
      'org/harbour-workers-guild › sameAs.0',
    ],
    [
      'the bundled pack’s id',
      fixturePackText(HARBOUR_PACK_DIR, { manifest: { id: 'northport-fixture' } }),
      'manifest.id',
    ],
    ['too many bytes', `${HARBOUR.slice(0, -1)}${' '.repeat(33 * 1024 * 1024)}`, 'is too large'],
  ];

  for (const [what, text, named] of BAD_PACKS) {
    it(`rejects a pack with ${what}, naming where, and leaves storage exactly as it was`, async () => {
      const store = await freshStore();
      await store.importPack(fixturePackText(HARBOUR_PACK_DIR, { manifest: { id: 'earlier-pack' } }), 'earlier.json');
      await store.setEnabled('northport-fixture', false);
      await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, hoverDelayMs: 700 } });
      const before = await everything();
      const outcome = await store.importPack(text, 'bad.newscontext.json');
      expect(outcome.kind).toBe('rejected');
      const lines = outcome.kind === 'rejected' ? outcome.problems.map(formatPackProblem) : [];
      expect(lines.some((line) => line.startsWith('bad.newscontext.json: ') && line.includes(named))).toBe(true);
      expect(await everything()).toEqual(before);
    });
  }

  it('replaces an installed pack with a newer version, keeping the reader’s switch', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    await store.setEnabled('vellmar-ferry-strike', false);
    const newer = fixturePackText(HARBOUR_PACK_DIR, { manifest: { version: '1.1.0', asOf: '2026-03-09' } });
    const outcome = await store.importPack(newer, 'harbour-1.1.json');
    expect(outcome).toMatchObject({ kind: 'installed', replaced: { manifest: { version: '1.0.0' } } });
    const pack = (await store.index()).packs[1];
    expect([pack?.manifest.version, pack?.enabled]).toEqual(['1.1.0', false]);
    expect((await store.packFile('vellmar-ferry-strike'))?.text).toBe(newer);
    // The file it replaced is gone: one file per installed pack.
    expect(await storedPackFile('vellmar-ferry-strike')).toBe(newer);
  });

  it('asks before an older or equal version replaces the installed one, changing nothing until confirmed', async () => {
    const store = await freshStore();
    const newer = fixturePackText(HARBOUR_PACK_DIR, { manifest: { version: '2.0.0' } });
    await store.importPack(newer, 'harbour-2.json');
    for (const [text, reason] of [
      [HARBOUR, 'older'],
      [newer, 'same'],
    ] as const) {
      const before = await everything();
      expect(await store.importPack(text, 'again.json')).toMatchObject({ kind: 'confirm', reason });
      expect(await everything()).toEqual(before);
    }
    expect(await store.importPack(HARBOUR, 'again.json', { confirmed: true })).toMatchObject({ kind: 'installed' });
    expect((await store.index()).packs[1]?.manifest.version).toBe('1.0.0');
  });

  it('switches packs, removes imported ones with their file, and never removes the bundled one', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    await store.setEnabled('northport-fixture', false);
    expect((await store.index()).packs.map((pack) => pack.enabled)).toEqual([false, true]);
    await store.remove('northport-fixture');
    await store.remove('vellmar-ferry-strike');
    const index = await store.index();
    expect(index.packs.map((pack) => [pack.manifest.id, pack.enabled])).toEqual([['northport-fixture', false]]);
    expect(await allLargeTexts()).toEqual({});
  });

  it('keeps an imported file out of storage.local, in the large texts, under a key of its import', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    const local = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(local).filter((key) => key.startsWith('packFile'))).toEqual([]);
    expect(JSON.stringify(local).length).toBeLessThan(HARBOUR.length / 4);
    const importedAt = (await store.index()).packs[1]?.importedAt;
    expect(await packFileKeys('vellmar-ferry-strike')).toEqual([`packFile:vellmar-ferry-strike@${importedAt}`]);
    expect(await storedPackFile('vellmar-ferry-strike')).toBe(HARBOUR);
  });

  it('stores the chosen file itself, unread when its check is given, and reads it as its text', async () => {
    const store = await freshStore();
    // A file with a byte order mark and letters outside ASCII; the text is what reading it gave (the mark dropped).
    const text = harbour((file) => {
      file.manifest.description = 'Fähren über den Vellmar-Sund';
    });
    const file = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text]);
    const read = [vi.spyOn(file, 'text'), vi.spyOn(file, 'arrayBuffer')];
    const checked = Promise.resolve(checkPack(text, 'harbour.json'));
    const outcome = await store.importPack(file, 'harbour.json', { checked });
    for (const spy of read) expect(spy).not.toHaveBeenCalled();
    expect(outcome.kind).toBe('installed');
    expect(await storedPackValue('vellmar-ferry-strike')).toBeInstanceOf(Blob);
    expect(await storedPackFile('vellmar-ferry-strike')).toBe(text);
    expect((await store.packFile('vellmar-ferry-strike'))?.text).toBe(text);
    const layers = await store.enabledLayers(await store.index());
    expect(layers.map((layer) => layer.manifest.description)).toContain('Fähren über den Vellmar-Sund');
  });

  it('reads a chosen file itself for the check it is not given, and refuses a bad one alike', async () => {
    const store = await freshStore();
    const before = await everything();
    const broken = harbour((file) => Reflect.deleteProperty(file.manifest, 'title'));
    const refused = await store.importPack(new Blob([broken]), 'broken.json');
    expect(refused).toEqual(await (await freshStore()).importPack(broken, 'broken.json'));
    expect(refused.kind).toBe('rejected');
    expect(await everything()).toEqual(before);
    const text = harbour(() => {});
    await store.importPack(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text]), 'harbour.json');
    expect((await store.index()).packs[1]?.manifest.id).toBe('vellmar-ferry-strike');
    expect(await storedPackFile('vellmar-ferry-strike')).toBe(text);
  });

  it('stores the text when no file is given', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    expect(await storedPackValue('vellmar-ferry-strike')).toBe(HARBOUR);
  });

  it('leaves everything as it was when the index cannot be written after the file was', async () => {
    const store = await freshStore();
    await store.importPack(fixturePackText(HARBOUR_PACK_DIR, { manifest: { id: 'earlier-pack' } }), 'earlier.json');
    const before = await everything();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(store.importPack(HARBOUR, 'harbour.json')).rejects.toThrow('QuotaExceededError');
    expect(await everything()).toEqual(before);
  });

  it('reads a file an earlier build kept in storage.local, and drops it once replaced or removed', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    // As an earlier build left it: the file under the pack's id in storage.local.
    const legacy = { 'packFile:vellmar-ferry-strike': await storedPackFile('vellmar-ferry-strike') };
    resetLargeTexts();
    await fakeBrowser.storage.local.set(legacy);
    const earlier = await freshStore();
    expect((await earlier.packFile('vellmar-ferry-strike'))?.text).toBe(HARBOUR);
    expect((await earlier.enabledLayers(await earlier.index())).map((layer) => layer.manifest.id)).toContain(
      'vellmar-ferry-strike',
    );
    const newer = fixturePackText(HARBOUR_PACK_DIR, { manifest: { version: '1.1.0' } });
    expect(await earlier.importPack(newer, 'harbour-1.1.json')).toMatchObject({ kind: 'installed' });
    expect(await fakeBrowser.storage.local.get('packFile:vellmar-ferry-strike')).toEqual({});
    expect((await earlier.packFile('vellmar-ferry-strike'))?.text).toBe(newer);
    await fakeBrowser.storage.local.set(legacy);
    await earlier.remove('vellmar-ferry-strike');
    expect(await fakeBrowser.storage.local.get('packFile:vellmar-ferry-strike')).toEqual({});
    expect(await allLargeTexts()).toEqual({});
  });

  it('reads a corrupt stored index as the bundled pack alone, and the reader’s settings stay', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, hoverDelayMs: 700 } });
    await fakeBrowser.storage.local.set({ packIndex: { generation: 'soon', packs: 7 } });
    const store = await freshStore();
    expect((await store.index()).packs.map((pack) => pack.manifest.id)).toEqual(['northport-fixture']);
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toMatchObject({ hoverDelayMs: 700 });
    expect(await store.importPack(HARBOUR, 'harbour.json')).toMatchObject({ kind: 'installed' });
  });

  it('gives the enabled packs as merge layers, the bundled one first and not imported', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    const layers = await store.enabledLayers(await store.index());
    expect(layers.map((layer) => [layer.manifest.id, layer.imported])).toEqual([
      ['northport-fixture', false],
      ['vellmar-ferry-strike', true],
    ]);
  });

  it('reads a pack this version checked without checking it again, and checks it once more after an update', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    // The stored file changed under the check (as a stricter rule in a new version would see it).
    const stored = HARBOUR.replace('"quote":"the crews would stay ashore', '"quote":"the crews would stay at sea');
    expect(stored).not.toBe(HARBOUR);
    await overwritePackFile('vellmar-ferry-strike', stored);
    const ids = async (s: Awaited<ReturnType<typeof freshStore>>) =>
      (await s.enabledLayers(await s.index())).map((layer) => layer.manifest.id);
    expect(await ids(store)).toEqual(['northport-fixture', 'vellmar-ferry-strike']);
    expect(await store.unusable()).toEqual(new Map());

    runAsVersion('1.1.0');
    const updated = await freshStore();
    expect(await ids(updated)).toEqual(['northport-fixture']);
    const problems = (await updated.unusable()).get('vellmar-ferry-strike') ?? [];
    expect(problems.map(formatPackProblem)).toEqual([
      expect.stringMatching(
        /^vellmar-ferry-strike\.newscontext\.json: person\/ilse-marrow › facts\.\d\.citations\.0\.quote: /,
      ),
    ]);
    // Still listed, exportable as stored and removable.
    expect((await updated.index()).packs.map((pack) => pack.manifest.id)).toContain('vellmar-ferry-strike');
    expect((await updated.packFile('vellmar-ferry-strike'))?.text).toBe(stored);
    await updated.remove('vellmar-ferry-strike');
    expect(await updated.unusable()).toEqual(new Map());
    expect(await packFileKeys('vellmar-ferry-strike')).toEqual([]);
  });

  it('finds a switched-off pack unusable too, and checks it only once per version', async () => {
    const store = await freshStore();
    await store.importPack(HARBOUR, 'harbour.json');
    await store.setEnabled('vellmar-ferry-strike', false);
    await overwritePackFile('vellmar-ferry-strike', '{"format": "news-context-pack"');
    runAsVersion('2.0.0');
    const updated = await freshStore();
    expect([...(await updated.unusable()).keys()]).toEqual(['vellmar-ferry-strike']);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    expect([...(await updated.unusable()).keys()]).toEqual(['vellmar-ferry-strike']);
    expect(set).not.toHaveBeenCalled();
  });
});
