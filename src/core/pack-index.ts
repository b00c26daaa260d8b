/**
 * The list of installed packs as the extension stores it, and the rules that decide what an import does.
 * Pure, so the storage layer (src/ext/pack-store.ts), the options page and the tests share one definition.
 */
import * as v from 'valibot';
import type { PackProblem } from './packs/pack-file.ts';
import { compareVersions, type PackManifest, PackManifestSchema } from './packs/pack-manifest.ts';

/** One installed pack: what the options page lists and what the background merges. */
export interface InstalledPack {
  manifest: PackManifest;
  enabled: boolean;
  /** The size of the pack's file, in bytes (UTF-8). */
  bytes: number;
  /** How many entities the pack holds. */
  entities: number;
  /** When the reader imported it (ISO timestamp); empty for the bundled pack. */
  importedAt: string;
  /** The pack shipped with the extension: it can be switched off, never removed. */
  bundled: boolean;
  /**
   * The import that stored the file: an id drawn when the reader chose it (`newImportId`), by which the background
   * knows that the file stored is the one it compiled ahead of the import (src/ext/pack-compiler.ts). Absent
   * from packs an earlier build stored (it kept a digest of the file instead).
   */
  importId?: string;
}

/** The stored index: the installed packs in merge order (the bundled one first) and a generation stamp. */
export interface PackIndex {
  /** Goes up by one on every change, so compiled output can say which set of packs it was built from. */
  generation: number;
  packs: InstalledPack[];
}

const InstalledPackSchema = v.object({
  manifest: PackManifestSchema,
  enabled: v.boolean(),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  entities: v.pipe(v.number(), v.integer(), v.minValue(0)),
  importedAt: v.string(),
  bundled: v.boolean(),
  importId: v.optional(v.string()),
});

const StoredIndexSchema = v.object({
  generation: v.pipe(v.number(), v.integer(), v.minValue(0)),
  packs: v.array(v.unknown()),
});

/** The bundled pack as the build ships it: always listed first, whatever is stored. */
export type BundledPackInfo = Pick<InstalledPack, 'manifest' | 'bytes' | 'entities'>;

/**
 * Turns anything read from storage into a valid index. A corrupt index (or none) is the bundled pack alone,
 * switched on; a corrupt entry is dropped on its own, so one bad record never costs the others. The bundled
 * entry always carries the manifest of the build (an update of the extension may bring a newer one) and keeps
 * only the reader's on/off choice from storage.
 */
export function parsePackIndex(stored: unknown, bundled: BundledPackInfo): PackIndex {
  const index = v.safeParse(StoredIndexSchema, stored);
  const entries = index.success
    ? index.output.packs.flatMap((entry) => {
        const parsed = v.safeParse(InstalledPackSchema, entry);
        return parsed.success ? [parsed.output] : [];
      })
    : [];
  const storedBundled = entries.find((pack) => pack.bundled);
  const imported = entries.filter(
    (pack, at) =>
      !pack.bundled &&
      pack.manifest.id !== bundled.manifest.id &&
      entries.findIndex((other) => other.manifest.id === pack.manifest.id) === at,
  );
  return {
    generation: index.success ? index.output.generation : 0,
    packs: [
      {
        manifest: bundled.manifest,
        bytes: bundled.bytes,
        entities: bundled.entities,
        enabled: storedBundled?.enabled ?? true,
        importedAt: '',
        bundled: true,
      },
      ...imported,
    ],
  };
}

/** Whether exactly the bundled pack is switched on: then pages use the bundled files and nothing is compiled. */
export function isDefaultSet(index: PackIndex): boolean {
  const enabled = index.packs.filter((pack) => pack.enabled);
  return enabled.length === 1 && enabled[0]?.bundled === true;
}

/** A short key of what the enabled set is made of (ids and versions in merge order), for logs and tests. */
export function enabledSetKey(index: PackIndex): string {
  return index.packs
    .filter((pack) => pack.enabled)
    .map((pack) => `${pack.manifest.id}@${pack.manifest.version}`)
    .join(',');
}

/**
 * Whether stored compiled output (its stamp, or undefined when none is stored) is what the index needs: none
 * for the bundled pack alone, else output of the index's generation and enabled set.
 */
export function compiledIsCurrent(
  index: PackIndex,
  stamp: { generation: number; setKey: string } | undefined,
): boolean {
  if (isDefaultSet(index)) return stamp === undefined;
  return stamp?.generation === index.generation && stamp.setKey === enabledSetKey(index);
}

/**
 * What importing a valid pack with this manifest does to the index: a pack not installed is added; a newer
 * version replaces the installed one (keeping its on/off choice); an older or equal version waits for the
 * reader to confirm. A pack with the bundled pack's id is refused (`bundled`): the bundled pack comes with the
 * extension and its updates.
 */
export type ImportDecision =
  | { kind: 'add' }
  | { kind: 'replace'; previous: InstalledPack }
  | { kind: 'confirm'; previous: InstalledPack; reason: 'older' | 'same' }
  | { kind: 'bundled' };

/** Decides what importing `manifest` does, from the installed packs (see `ImportDecision`). */
export function decideImport(index: PackIndex, manifest: PackManifest): ImportDecision {
  const previous = index.packs.find((pack) => pack.manifest.id === manifest.id);
  if (!previous) return { kind: 'add' };
  if (previous.bundled) return { kind: 'bundled' };
  const order = compareVersions(manifest.version, previous.manifest.version);
  if (order > 0) return { kind: 'replace', previous };
  return { kind: 'confirm', previous, reason: order < 0 ? 'older' : 'same' };
}

/** What an import of a valid pack stores: its entry and the index that lists it, or why it stores nothing yet. */
export type ImportStep =
  | { kind: 'store'; pack: InstalledPack; index: PackIndex; previous?: InstalledPack }
  | { kind: 'confirm'; previous: InstalledPack; reason: 'older' | 'same' }
  | { kind: 'bundled' };

/**
 * The index an import of a valid pack would store (`decideImport`, then `withPack`): a replaced pack stays on or
 * off as it was, a new one is on. The options page stores it; the background predicts it, to compile while the
 * pack is still being checked. An older or equal version stores nothing until `confirmed`.
 */
export function importStep(
  index: PackIndex,
  manifest: PackManifest,
  file: { bytes: number; entities: number; importedAt: string; importId: string },
  confirmed: boolean,
): ImportStep {
  const decision = decideImport(index, manifest);
  if (decision.kind === 'bundled') return decision;
  if (decision.kind === 'confirm' && !confirmed) return decision;
  const previous = 'previous' in decision ? decision.previous : undefined;
  const pack: InstalledPack = { manifest, enabled: previous?.enabled ?? true, ...file, bundled: false };
  return { kind: 'store', pack, index: withPack(index, pack), ...(previous ? { previous } : {}) };
}

/** The index with `pack` added, or put in the place of the installed pack of the same id; the generation moves on. */
export function withPack(index: PackIndex, pack: InstalledPack): PackIndex {
  const at = index.packs.findIndex((installed) => installed.manifest.id === pack.manifest.id);
  const packs = at < 0 ? [...index.packs, pack] : index.packs.map((installed, i) => (i === at ? pack : installed));
  return { generation: index.generation + 1, packs };
}

/** The index with one pack switched on or off. */
export function withPackEnabled(index: PackIndex, id: string, enabled: boolean): PackIndex {
  return {
    generation: index.generation + 1,
    packs: index.packs.map((pack) => (pack.manifest.id === id ? { ...pack, enabled } : pack)),
  };
}

/** The index without an imported pack (the bundled pack stays: it can only be switched off). */
export function withoutPack(index: PackIndex, id: string): PackIndex {
  return {
    generation: index.generation + 1,
    packs: index.packs.filter((pack) => pack.bundled || pack.manifest.id !== id),
  };
}

/** The file name a pack is exported under: `<id>-<version>.newscontext.json`. */
export function packFileName(manifest: PackManifest): string {
  return `${manifest.id}-${manifest.version}.newscontext.json`;
}

/**
 * What an import did: the pack is installed (replacing an older version), waits for the reader to confirm an
 * older or equal version, or is rejected with the problems found. A rejected or unconfirmed import has changed
 * nothing.
 */
export type ImportOutcome =
  | { kind: 'installed'; pack: InstalledPack; replaced?: InstalledPack }
  | { kind: 'confirm'; manifest: PackManifest; previous: InstalledPack; reason: 'older' | 'same' }
  | { kind: 'rejected'; problems: PackProblem[] };

/**
 * A new import's id (`InstalledPack.importId`), drawn when the reader chooses a file: the options page hands it
 * with the file to the background, which compiles ahead, and to the store, which records it with the pack. The
 * check, the compile made ahead and the store all read that one chosen file (the File API makes a read fail once
 * the file changed on disk after it was chosen), so the id tells the background what a digest of the file's bytes
 * told it before, without hashing megabytes on two threads: Chromium's `crypto.subtle.digest` hashes on the
 * calling thread, 55 to 120 ms for a 12.5 MB pack (docs/pack-import.md).
 */
export function newImportId(): string {
  return crypto.randomUUID();
}
