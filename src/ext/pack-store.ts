import { browser, storage } from '#imports';
import {
  type BundledPackInfo,
  type ImportOutcome,
  type InstalledPack,
  importStep,
  newImportId,
  type PackIndex,
  packFileName,
  parsePackIndex,
  withoutPack,
  withPackEnabled,
} from '../core/pack-index.ts';
import { checkPack, type PackCheckResult } from '../core/packs/check-pack.ts';
import { findClashes, type PackLayer } from '../core/packs/merge-packs.ts';
import { type PackProblem, readCheckedPack, readPack } from '../core/packs/pack-file.ts';
import { largeTextKeys, readLargeText, removeLargeTexts, writeLargeTexts } from './large-texts.ts';

/**
 * The only place that stores packs: the index of installed packs (`packIndex`, in `storage.local`) and each
 * imported pack's file text as it was imported (in the large texts, `packFileKey`), so export gives back the
 * same bytes. The bundled pack is never stored: its file comes with the build. Compiled output is stored apart
 * (src/ext/compiled-source.ts).
 */
export const packIndexItem = storage.defineItem<unknown>('local:packIndex');

/**
 * What this browser knows of each imported pack's check (`packChecks`, by pack id): which version of News
 * Context checked the file imported at `importedAt`, and the problems it found, if any. A pack checked by this
 * version is read without checking it again (`readCheckedPack`); after an update of the extension each pack is
 * checked once more, and one that no longer passes is listed as unusable with its problems, not compiled.
 */
export const packChecksItem = storage.defineItem<unknown>('local:packChecks');

/** One pack's entry in `packChecks`. */
export interface PackCheck {
  importedAt: string;
  checkedBy: string;
  problems?: PackProblem[];
}

/**
 * The key of an imported pack's file text in the large texts (src/ext/large-texts.ts): one per import, so a new
 * version is written beside the one it replaces, and the index moves from one to the other in one write.
 */
const packFileKey = (pack: Pick<InstalledPack, 'manifest' | 'importedAt'>) =>
  `${packFilePrefix(pack.manifest.id)}${pack.importedAt}`;

/** The start of every key `packFileKey` gives a pack of this id. */
const packFilePrefix = (id: string) => `packFile:${id}@`;

/**
 * Where builds before the large texts kept an imported pack's file: read when the large texts have none for the
 * pack, removed with the pack or when a newer import replaces it.
 */
const legacyPackFileKey = (id: string) => `local:packFile:${id}` as const;

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
   * Validates the whole pack (`checkPack`: `readPack`) and its ids against every installed pack (`findClashes`)
   * before anything is written. `chosen`: the file's text, or the file itself, stored as it is (`LargeText`: it
   * reads back as its UTF-8 text) and read here only for what the caller does not give. An older or equal
   * version of an installed pack needs `confirmed`. `checked`: the check of the file's text, when the caller
   * runs it elsewhere (the options page, in a worker); `importId`: the import's id (`newImportId`), recorded with
   * the pack, when the caller drew it (the options page, which hands it to the background with the file); else
   * one is drawn here. Every rejection leaves storage exactly as it was.
   */
  importPack(
    chosen: string | Blob,
    fileName: string,
    options?: { confirmed?: boolean; checked?: Promise<PackCheckResult>; importId?: string },
  ): Promise<ImportOutcome>;
  setEnabled(id: string, enabled: boolean): Promise<PackIndex>;
  /** Removes an imported pack and its file; the bundled pack cannot be removed (it can be switched off). */
  remove(id: string): Promise<PackIndex>;
  /** The pack's file text as imported (the bundled pack's as built), or undefined for an unknown id. */
  packFile(id: string): Promise<PackFileText | undefined>;
  /**
   * Every enabled pack as a merge layer, in merge order. A pack this version checked is read without checking
   * it again; one it has not is checked first, and one that fails is skipped (and listed by `unusable`).
   * `pending`: a pack not stored yet (an import being checked), taken as its layer in place of what is stored
   * under its id: the layers the background will merge once the import is stored.
   */
  enabledLayers(index: PackIndex, pending?: PackLayer): Promise<PackLayer[]>;
  /**
   * What a full check (`readPack`) finds wrong with the enabled imported packs' stored files, without recording
   * anything: why a compile over files read as checked failed (a file changed in storage behind the extension's
   * back), named by file, entity and field.
   */
  problemsOfEnabled(index: PackIndex): Promise<PackProblem[]>;
  /**
   * The imported packs this version of News Context cannot use, with what is wrong with each (by pack id).
   * Checks first every pack it has not checked yet (after an update of the extension), enabled or not.
   */
  unusable(): Promise<Map<string, PackProblem[]>>;
  /** Calls `listener` with the index whenever it changes, until `signal` aborts. */
  watch(listener: (index: PackIndex) => void, signal: AbortSignal): void;
  /** Calls `listener` whenever a pack's check is recorded (the background may find a pack unusable), until `signal` aborts. */
  watchChecks(listener: () => void, signal: AbortSignal): void;
}

/** The name a stored pack's problems are reported under: its id, as the file it was stored from is not kept. */
function storedFileName(pack: InstalledPack): string {
  return `${pack.manifest.id}.newscontext.json`;
}

/** The version of the extension, which stamps each pack's check. */
function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/**
 * The pack store over `storage.local` and the large texts, with the build's bundled pack. `checkedBy` stamps
 * the packs it checks (the extension's version unless given).
 */
export function createPackStore(bundled: BundledPack, { checkedBy }: { checkedBy?: string } = {}): PackStore {
  const version = () => (checkedBy ??= extensionVersion());
  const index = async () => parsePackIndex(await packIndexItem.getValue(), bundled);
  const checks = async () => parsePackChecks(await packChecksItem.getValue());
  const storedText = async (pack: InstalledPack) => {
    if (pack.bundled) return await bundled.text();
    return (
      (await readLargeText(packFileKey(pack))) ??
      (await storage.getItem<string>(legacyPackFileKey(pack.manifest.id))) ??
      undefined
    );
  };
  /** Every file of pack `id` but the one at `keep`: those it replaced, and any left by an import cut short. */
  const dropOtherFiles = async (id: string, keep?: string) => {
    const stale = (await largeTextKeys(packFilePrefix(id))).filter((key) => key !== keep);
    await removeLargeTexts(stale);
    await storage.removeItem(legacyPackFileKey(id));
  };

  /**
   * The pack as a merge layer, or its problems. The bundled pack was checked when the build made its file; an
   * imported pack checked by this version (as imported) is read as checked; any other is checked now, and
   * `recorded` receives its new check.
   */
  const layerOf = async (
    pack: InstalledPack,
    known: Readonly<Record<string, PackCheck>>,
    recorded: Record<string, PackCheck>,
  ): Promise<PackLayer | undefined> => {
    const text = await storedText(pack);
    if (typeof text !== 'string') return undefined;
    const imported = !pack.bundled;
    const check = known[pack.manifest.id];
    const current = check?.importedAt === pack.importedAt && check.checkedBy === version();
    if (current && check.problems) return undefined;
    if (!imported || current) {
      try {
        return { ...readCheckedPack(text), imported };
      } catch {
        // Not what was checked (changed in storage by hand?): checked in full below.
      }
    }
    const read = readPack(text, storedFileName(pack));
    recorded[pack.manifest.id] = {
      importedAt: pack.importedAt,
      checkedBy: version(),
      ...(read.ok ? {} : { problems: read.problems }),
    };
    return read.ok ? { manifest: read.pack.manifest, dataset: read.pack.dataset, imported } : undefined;
  };

  /**
   * The packs as layers, with any check made on the way stored (no write when nothing new was checked); the
   * pack of `pending`'s id is `pending`.
   */
  const layersOf = async (packs: readonly InstalledPack[], pending?: PackLayer) => {
    const known = await checks();
    const recorded: Record<string, PackCheck> = {};
    const layers = await Promise.all(
      packs.map((pack) => (pack.manifest.id === pending?.manifest.id ? pending : layerOf(pack, known, recorded))),
    );
    if (Object.keys(recorded).length > 0) {
      await packChecksItem.setValue({ ...(await checks()), ...recorded });
    }
    return layers.filter((layer) => layer !== undefined);
  };

  return {
    index,

    async importPack(chosen, fileName, { confirmed = false, checked, importId = newImportId() } = {}) {
      // A file is read here only when the caller does not give its check.
      const text = async () => (typeof chosen === 'string' ? chosen : chosen.text());
      const read = await (checked ?? text().then((loaded) => checkPack(loaded, fileName)));
      if (!read.ok) return { kind: 'rejected', problems: read.problems };
      const { manifest, entities, bytes } = read.pack;
      const current = await index();
      const file = { bytes, entities: entities.length, importedAt: new Date().toISOString(), importId };
      const step = importStep(current, manifest, file, confirmed);
      if (step.kind === 'bundled') {
        return {
          kind: 'rejected',
          problems: [bundledIdProblem(fileName, manifest.id)],
        };
      }
      if (step.kind === 'confirm') {
        return { kind: 'confirm', manifest, previous: step.previous, reason: step.reason };
      }
      const others = current.packs.filter((pack) => pack.manifest.id !== manifest.id);
      const layers = await layersOf(others);
      const clashes = findClashes([...layers, { manifest, dataset: { entities } }]);
      // Clashes are reported at the later pack, the one being imported: named by its file, as readPack names it.
      if (clashes.length > 0) {
        const problems = clashes.map((problem) =>
          problem.file === manifest.id ? { ...problem, file: fileName } : problem,
        );
        return { kind: 'rejected', problems };
      }
      const { pack, previous } = step;
      const check: PackCheck = { importedAt: pack.importedAt, checkedBy: version() };
      // The file first, under a key of its own: until the index lists it, nothing reads it. Then one write
      // makes the index list it with its check; only then does the file it replaces go.
      const key = packFileKey(pack);
      await writeLargeTexts({ [key]: chosen });
      try {
        await storage.setItems([
          { item: packChecksItem, value: { ...(await checks()), [manifest.id]: check } },
          { item: packIndexItem, value: step.index },
        ]);
      } catch (error) {
        await removeLargeTexts([key]).catch(() => {});
        throw error;
      }
      await dropOtherFiles(manifest.id, key);
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
      const { [id]: _, ...otherChecks } = await checks();
      await packChecksItem.setValue(otherChecks);
      await dropOtherFiles(id);
      return next;
    },

    async packFile(id) {
      const pack = (await index()).packs.find((installed) => installed.manifest.id === id);
      if (!pack) return undefined;
      const text = await storedText(pack);
      return typeof text === 'string' ? { fileName: packFileName(pack.manifest), text } : undefined;
    },

    enabledLayers: (current, pending) =>
      layersOf(
        current.packs.filter((pack) => pack.enabled),
        pending,
      ),

    async problemsOfEnabled(current) {
      const problems: PackProblem[] = [];
      for (const pack of current.packs.filter((installed) => installed.enabled && !installed.bundled)) {
        const text = await storedText(pack);
        const fileName = storedFileName(pack);
        if (typeof text !== 'string') problems.push({ file: fileName, message: 'the stored file is missing' });
        else {
          const read = readPack(text, fileName);
          if (!read.ok) problems.push(...read.problems);
        }
      }
      return problems;
    },

    async unusable() {
      const imported = (await index()).packs.filter((pack) => !pack.bundled);
      const known = await checks();
      const unchecked = imported.filter(
        (pack) =>
          known[pack.manifest.id]?.importedAt !== pack.importedAt || known[pack.manifest.id]?.checkedBy !== version(),
      );
      if (unchecked.length > 0) await layersOf(unchecked);
      const latest = await checks();
      const problems = new Map<string, PackProblem[]>();
      for (const pack of imported) {
        const check = latest[pack.manifest.id];
        if (check?.problems && check.importedAt === pack.importedAt && check.checkedBy === version()) {
          problems.set(pack.manifest.id, check.problems);
        }
      }
      return problems;
    },

    watch(listener, signal) {
      if (signal.aborted) return;
      const unwatch = packIndexItem.watch((value) => listener(parsePackIndex(value, bundled)));
      signal.addEventListener('abort', unwatch, { once: true });
    },

    watchChecks(listener, signal) {
      if (signal.aborted) return;
      const unwatch = packChecksItem.watch(() => listener());
      signal.addEventListener('abort', unwatch, { once: true });
    },
  };
}

/** The stored checks; an entry that is not whole is dropped (its pack is then checked again). */
function parsePackChecks(stored: unknown): Record<string, PackCheck> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const whole = Object.entries(stored as Record<string, Partial<PackCheck>>).filter(
    ([, check]) =>
      typeof check === 'object' &&
      check !== null &&
      typeof check.importedAt === 'string' &&
      typeof check.checkedBy === 'string' &&
      (check.problems === undefined || Array.isArray(check.problems)),
  );
  return Object.fromEntries(whole) as Record<string, PackCheck>;
}

function bundledIdProblem(file: string, id: string): PackProblem {
  return {
    file,
    field: 'manifest.id',
    message: `"${id}" is the id of the pack that comes with News Context; a pack of your own needs an id of its own`,
  };
}
