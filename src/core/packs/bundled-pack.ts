import { compileDataset, serialiseCompiled } from '../compile-dataset.ts';
import type { Dataset } from '../dataset-schema.ts';
import { mergePacks } from './merge-packs.ts';
import { buildPackFile, serialisePack } from './pack-file.ts';
import type { PackManifest } from './pack-manifest.ts';

/** The file the bundled pack is written to in `src/data/compiled/`, beside the tables compiled from it. */
export const BUNDLED_PACK_FILE = 'pack.newscontext.json';

/**
 * Every file of `src/data/compiled/`, as text: the bundled dataset compiled as a pack on its own (so its facts
 * and entities name the pack, as they do when other packs are stacked on it), and the pack file itself.
 */
export function compileBundledPack(manifest: PackManifest, dataset: Dataset): Record<string, string> {
  const compiled = compileDataset(mergePacks([{ manifest, dataset, imported: false }]));
  const files: Record<string, string> = {};
  for (const [name, value] of Object.entries(compiled)) files[name] = serialiseCompiled(value);
  files[BUNDLED_PACK_FILE] = serialisePack(buildPackFile(manifest, dataset));
  return files;
}
