/**
 * The full check of a pack file as an import needs it, in a form that crosses from a worker to the page that
 * started it (structured clone): the options page runs it off its main thread, so the page does not freeze on a
 * large pack and the background can compile meanwhile (docs/pack-import.md). The checked dataset itself stays in the
 * worker: the import keeps the file's text, and the background reads that as checked.
 */
import type { ClashEntity } from './merge-packs.ts';
import { type PackProblem, readPack } from './pack-file.ts';
import type { PackManifest } from './pack-manifest.ts';

/** What an import keeps of a pack that passed every check: enough to list it and to find clashes. */
export interface CheckedPack {
  manifest: PackManifest;
  /** The file's size in UTF-8 bytes. */
  bytes: number;
  /** Each entity's id, kind and `sameAs` identifiers (`findClashes` reads nothing else). */
  entities: ClashEntity[];
}

export type PackCheckResult = { ok: true; pack: CheckedPack } | { ok: false; problems: PackProblem[] };

/** Checks a pack file in full (`readPack`, the same problems and messages) and keeps what an import needs. */
export function checkPack(text: string, fileName: string): PackCheckResult {
  const read = readPack(text, fileName);
  if (!read.ok) return read;
  const { manifest, dataset, bytes } = read.pack;
  const entities = dataset.entities.map(({ id, kind, sameAs }) => (sameAs ? { id, kind, sameAs } : { id, kind }));
  return { ok: true, pack: { manifest, bytes, entities } };
}
