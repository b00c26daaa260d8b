import { compileDataset, serialiseCompiledFiles } from '../compile-dataset.ts';
import type { Dataset } from '../dataset-schema.ts';
import { mergePacks, type PackLayer } from './merge-packs.ts';
import { buildPackFile, serialisePack } from './pack-file.ts';
import type { PackManifest } from './pack-manifest.ts';

/** The file the bundled pack is written to in `src/data/compiled/`, beside the tables compiled from it. */
export const BUNDLED_PACK_FILE = 'pack.newscontext.json';

/**
 * The compiled files of packs stacked in the order given (bundled first), as text by file name: what the
 * build writes for the bundled pack and what the background stores for the packs a reader enabled.
 */
export function compilePacks(layers: readonly PackLayer[]): Record<string, string> {
  return serialiseCompiledFiles(compileDataset(mergePacks(layers)));
}

/**
 * Every file of `src/data/compiled/`, as text: the bundled dataset compiled as a pack on its own (so its facts
 * and entities name the pack, as they do when other packs are stacked on it), and the pack file itself.
 */
export function compileBundledPack(manifest: PackManifest, dataset: Dataset): Record<string, string> {
  return {
    ...compilePacks([{ manifest, dataset, imported: false }]),
    [BUNDLED_PACK_FILE]: serialisePack(buildPackFile(manifest, dataset)),
  };
}
