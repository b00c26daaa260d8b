import {
  type CompiledFiles,
  compileDataset,
  serialiseCompiled,
  serialiseCompiledFiles,
  serialiseIndexForPage,
} from '../compile-dataset.ts';
import type { Dataset } from '../dataset-schema.ts';
import { loadMatcher, type MatcherIndex } from '../matcher/load-matcher.ts';
import type { CompiledMarking } from '../mention-policy.ts';
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

/** The compiled output of enabled packs as the background stores it: what pages, cards and the popup read. */
export interface StoredCompilation {
  /** `entities.json`: entities and source metadata, for cards and the popup. */
  entities: string;
  /** The matcher in the form pages load (`serialiseMatcherForPage`): its tables are not stored. */
  matcherSnapshot: string;
  /** `search.json`: the popup's search index. */
  search: string;
  /** `marking.json`'s table, which the stored meta carries as an object. */
  marking: CompiledMarking;
}

/**
 * A compile of enabled packs as the background holds it: what it stores, and the matcher's index the snapshot
 * was written from, which the background matches pages with at once (the same index `loadMatcherSnapshot`
 * reads back from the snapshot, without reading it back).
 */
export interface PacksCompilation extends StoredCompilation {
  matcher: MatcherIndex;
}

/**
 * The packs stacked in the order given (bundled first), compiled to what the background stores: the same
 * files as `compilePacks`, less the matcher's JSON tables, which nothing reads once the snapshot is made.
 */
export function compilePacksForStorage(layers: readonly PackLayer[]): PacksCompilation {
  return serialiseForStorage(compileDataset(mergePacks(layers)));
}

/** The compiled files as the background stores and holds them (`compilePacksForStorage`'s last step). */
export function serialiseForStorage(files: CompiledFiles): PacksCompilation {
  const matcher = loadMatcher(files['matcher.json']);
  return {
    entities: serialiseCompiled(files['entities.json']),
    matcherSnapshot: serialiseIndexForPage(matcher),
    search: serialiseCompiled(files['search.json']),
    marking: files['marking.json'],
    matcher,
  };
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
