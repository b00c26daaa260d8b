import type { Dataset, Entity, Source } from './dataset-schema.ts';
import { compileMatcher, type MatcherTables } from './matcher/compile-matcher.ts';
import { loadMatcher, type MatcherIndex } from './matcher/load-matcher.ts';
import { MATCHER_SNAPSHOT_FILE, snapshotIndex } from './matcher/matcher-snapshot.ts';
import { type CompiledMarking, compileMarking } from './mention-policy.ts';
import type { PackManifest } from './packs/pack-manifest.ts';
import { type CompiledSearch, compileSearch } from './search/search-entities.ts';

/** What cards and the popup render: entities and source metadata, never article text. */
export interface CompiledEntities {
  entities: Entity[];
  sources: Source[];
  /** The packs the entities came from, in merge order: a card names a fact's pack and its as-of date. */
  packs: PackManifest[];
}

/** Every file the build writes to `src/data/compiled/`, by name. */
export interface CompiledFiles {
  'entities.json': CompiledEntities;
  'matcher.json': MatcherTables;
  'search.json': CompiledSearch;
  'marking.json': CompiledMarking;
}

/**
 * Compiles a validated dataset, or packs merged by `mergePacks`, into what the extension loads. Deterministic:
 * same input, same bytes. Pure, so the background compiles enabled packs with it at run time.
 */
export function compileDataset(dataset: Dataset & { packs?: PackManifest[] }): CompiledFiles {
  return {
    'entities.json': entitiesFile(dataset),
    'matcher.json': compileMatcher(dataset.entities),
    'search.json': compileSearch(dataset.entities, dataset.texts),
    'marking.json': compileMarking(dataset.entities),
  };
}

/** `entities.json`: the dataset's entities and sources, and the packs they came from. */
export function entitiesFile(dataset: Dataset & { packs?: PackManifest[] }): CompiledEntities {
  return { entities: dataset.entities, sources: dataset.sources, packs: dataset.packs ?? [] };
}

/** Serialises a compiled file the way it is committed. */
export function serialiseCompiled(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * The form the content script receives the matcher in: a snapshot of the loaded index (`matcher-snapshot.ts`),
 * which a page reads back in a millisecond or two instead of building the index from the tables. The one place
 * that decides it, for the build and for packs compiled in the background alike.
 */
export function serialiseMatcherForPage(tables: MatcherTables): string {
  return serialiseIndexForPage(loadMatcher(tables));
}

/** `serialiseMatcherForPage` of an index already loaded from the tables (the background keeps it to match with). */
export function serialiseIndexForPage(index: MatcherIndex): string {
  return `${snapshotIndex(index)}\n`;
}

/** The compiled files as text (the build commits them, the background stores them for enabled packs). */
export type CompiledTextFiles = Record<keyof CompiledFiles | typeof MATCHER_SNAPSHOT_FILE, string>;

/**
 * Every compiled file as the text that is committed (the build) or stored (packs compiled in the background):
 * the tables as JSON, and the matcher in the form pages load (`serialiseMatcherForPage`).
 */
export function serialiseCompiledFiles(files: CompiledFiles): CompiledTextFiles {
  return {
    'entities.json': serialiseCompiled(files['entities.json']),
    'matcher.json': serialiseCompiled(files['matcher.json']),
    [MATCHER_SNAPSHOT_FILE]: serialiseMatcherForPage(files['matcher.json']),
    'search.json': serialiseCompiled(files['search.json']),
    'marking.json': serialiseCompiled(files['marking.json']),
  } as CompiledTextFiles;
}
