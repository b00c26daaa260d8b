import {
  compileDataset,
  entitiesFile,
  serialiseCompiled,
  serialiseCompiledFiles,
  serialiseIndexForPage,
} from '../compile-dataset.ts';
import type { Dataset } from '../dataset-schema.ts';
import { compileMatcher } from '../matcher/compile-matcher.ts';
import { loadMatcher, type MatcherIndex } from '../matcher/load-matcher.ts';
import { type CompiledMarking, compileMarking } from '../mention-policy.ts';
import { compileSearch } from '../search/search-entities.ts';
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
 * The matcher's index and the marking table now, all that pages need, so the background can match them with it
 * at once (`compileForPages`); each text it stores (entities, the matcher's snapshot, the search index) when it
 * is first read, once, so that one can be written while the next is made (`compileStoredTexts` makes all three).
 */
export function compilePacksForStorage(layers: readonly PackLayer[]): PacksCompilation {
  const dataset = mergePacks(layers);
  const forPages = compileForPages(dataset);
  const entities = once(() => storedEntities(dataset));
  const matcherSnapshot = once(() => serialiseIndexForPage(forPages.matcher));
  const search = once(() => storedSearch(dataset));
  return {
    ...forPages,
    get entities() {
      return entities();
    },
    get matcherSnapshot() {
      return matcherSnapshot();
    },
    get search() {
      return search();
    },
  };
}

/** `make`, run on the first call only; later calls return its first result. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** What pages are matched with: the matcher's index and the marking table (`compileDataset`'s, loaded). */
export function compileForPages(dataset: Dataset): Pick<PacksCompilation, 'matcher' | 'marking'> {
  return { matcher: loadMatcher(compileMatcher(dataset.entities)), marking: compileMarking(dataset.entities) };
}

/** The texts the background stores: `compilePacks`'s files of the same dataset, less the matcher's tables. */
type StoredTexts = Pick<StoredCompilation, 'entities' | 'matcherSnapshot' | 'search'>;

/** The texts the background stores for the dataset whose matcher's index is `matcher` (`compileForPages`). */
export function compileStoredTexts(dataset: Dataset & { packs?: PackManifest[] }, matcher: MatcherIndex): StoredTexts {
  return {
    entities: storedEntities(dataset),
    matcherSnapshot: serialiseIndexForPage(matcher),
    search: storedSearch(dataset),
  };
}

const storedEntities = (dataset: Dataset & { packs?: PackManifest[] }) => serialiseCompiled(entitiesFile(dataset));
const storedSearch = (dataset: Dataset) => serialiseCompiled(compileSearch(dataset.entities, dataset.texts));

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
