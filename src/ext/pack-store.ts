import { storage } from '#imports';
import {
  type BundledPackInfo,
  decideImport,
  type ImportOutcome,
  type InstalledPack,
  type PackIndex,
  packFileName,
  parsePackIndex,
  withoutPack,
  withPack,
  withPackEnabled,
} from '../core/pack-index.ts';
import { findClashes, type PackLayer } from '../core/packs/merge-packs.ts';
import { type PackProblem, readPack } from '../core/packs/pack-file.ts';

/**
 * The only place that stores packs, in `storage.local`: the index of installed packs (`packIndex`) and each
 * imported pack's file text as it was imported (`packFile:<id>`), so export gives back the same bytes. The
 * bundled pack is never stored: its file comes with the build. Compiled output is stored apart
 * (src/ext/compiled-source.ts).
 */
export const packIndexItem = storage.defineItem<unknown>('local:packIndex');

/** The storage key of an imported pack's file text. */
export const packFileKey = (id: string) => `local:packFile:${id}` as const;

/** The bundled pack: what the options page lists, and its file for export and merging. */
export interface BundledPack extends BundledPackInfo {
  /** The bundled pack's file text (`src/data/compiled/pack.newscontext.json`). */
  text: () => string | Promise<string>;
}

/** A pack's file as stored, for export: the same bytes that were imported. */
export interface PackFileText {
  fileName: string;
  text: string;
}

/** The packs installed in this browser, read and changed through one object. */
export interface PackStore {
  /** The installed packs, the bundled one first; a corrupt stored index reads as the bundled pack alone. */
  index(): Promise<PackIndex>;
  /**
   * Validates the whole pack (`readPack`) and its ids against every installed pack (`findClashes`) before
   * anything is written. An older or equal version of an installed pack needs `confirmed`. Every rejection
   * leaves storage exactly as it was.
   */
  importPack(text: string, fileName: string, options?: { confirmed?: boolean }): Promise<ImportOutcome>;
  setEnabled(id: string, enabled: boolean): Promise<PackIndex>;
  /** Removes an imported pack and its file; the bundled pack cannot be removed (it can be switched off). */
  remove(id: string): Promise<PackIndex>;
  /** The pack's file text as imported (the bundled pack's as built), or undefined for an unknown id. */
  packFile(id: string): Promise<PackFileText | undefined>;
  /** Every enabled pack as a merge layer, in merge order; a stored file that no longer reads is skipped. */
  enabledLayers(index: PackIndex): Promise<PackLayer[]>;
  /** Calls `listener` with the index whenever it changes, until `signal` aborts. */
  watch(listener: (index: PackIndex) => void, signal: AbortSignal): void;
}

/** The pack store over `storage.local`, with the build's bundled pack. */
export function createPackStore(bundled: BundledPack): PackStore {
  const index = async () => parsePackIndex(await packIndexItem.getValue(), bundled);
  const storedText = async (pack: InstalledPack) =>
    pack.bundled ? await bundled.text() : ((await storage.getItem<string>(packFileKey(pack.manifest.id))) ?? undefined);
  const layerOf = async (pack: InstalledPack): Promise<PackLayer | undefined> => {
    const text = await storedText(pack);
    if (typeof text !== 'string') return undefined;
    const read = readPack(text, `${pack.manifest.id}.newscontext.json`);
    return read.ok ? { manifest: read.pack.manifest, dataset: read.pack.dataset, imported: !pack.bundled } : undefined;
  };

  return {
    index,

    async importPack(text, fileName, { confirmed = false } = {}) {
      const read = readPack(text, fileName);
      if (!read.ok) return { kind: 'rejected', problems: read.problems };
      const { manifest, dataset, bytes } = read.pack;
      const current = await index();
      const decision = decideImport(current, manifest);
      if (decision.kind === 'bundled') {
        return {
          kind: 'rejected',
          problems: [bundledIdProblem(fileName, manifest.id)],
        };
      }
      if (decision.kind === 'confirm' && !confirmed) {
        return { kind: 'confirm', manifest, previous: decision.previous, reason: decision.reason };
      }
      const others = current.packs.filter((pack) => pack.manifest.id !== manifest.id);
      const layers = (await Promise.all(others.map(layerOf))).filter((layer) => layer !== undefined);
      const clashes = findClashes([...layers, { manifest, dataset, imported: true }]);
      // Clashes are reported at the later pack, the one being imported: named by its file, as readPack names it.
      if (clashes.length > 0) {
        const problems = clashes.map((problem) =>
          problem.file === manifest.id ? { ...problem, file: fileName } : problem,
        );
        return { kind: 'rejected', problems };
      }
      const previous = current.packs.find((pack) => pack.manifest.id === manifest.id);
      const pack: InstalledPack = {
        manifest,
        enabled: previous?.enabled ?? true,
        bytes,
        entities: dataset.entities.length,
        importedAt: new Date().toISOString(),
        bundled: false,
      };
      // One write: the file and the index that lists it arrive together.
      await storage.setItems([
        { key: packFileKey(manifest.id), value: text },
        { item: packIndexItem, value: withPack(current, pack) },
      ]);
      return { kind: 'installed', pack, ...(previous ? { replaced: previous } : {}) };
    },

    async setEnabled(id, enabled) {
      const next = withPackEnabled(await index(), id, enabled);
      await packIndexItem.setValue(next);
      return next;
    },

    async remove(id) {
      const current = await index();
      if (!current.packs.some((pack) => pack.manifest.id === id && !pack.bundled)) return current;
      const next = withoutPack(current, id);
      // The index first: nothing then lists a file that is gone.
      await packIndexItem.setValue(next);
      await storage.removeItem(packFileKey(id));
      return next;
    },

    async packFile(id) {
      const pack = (await index()).packs.find((installed) => installed.manifest.id === id);
      if (!pack) return undefined;
      const text = await storedText(pack);
      return typeof text === 'string' ? { fileName: packFileName(pack.manifest), text } : undefined;
    },

    async enabledLayers(current) {
      const layers = await Promise.all(current.packs.filter((pack) => pack.enabled).map(layerOf));
      return layers.filter((layer) => layer !== undefined);
    },

    watch(listener, signal) {
      if (signal.aborted) return;
      const unwatch = packIndexItem.watch((value) => listener(parsePackIndex(value, bundled)));
      signal.addEventListener('abort', unwatch, { once: true });
    },
  };
}

function bundledIdProblem(file: string, id: string): PackProblem {
  return {
    file,
    field: 'manifest.id',
    message: `"${id}" is the id of the pack that comes with News Context; a pack of your own needs an id of its own`,
  };
}
