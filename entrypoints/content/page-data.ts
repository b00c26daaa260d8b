import { type Entity, type EntityKind, KIND_ID_PREFIX, type Source } from '../../src/core/dataset-schema.ts';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { loadMatcherInSteps, type MatcherIndex } from '../../src/core/matcher/load-matcher.ts';
import { yieldToPage } from '../../src/page/yield-to-page.ts';
import type { CardData } from './card-controller.tsx';

/**
 * The bundled data as the content script uses it. Both compiled files are bundled as JSON text, not as
 * object literals: a string costs V8 next to nothing to compile, where a 120 KB literal was compiled and
 * built on every page the reader opens, before anything else could run. Each is parsed when first needed.
 */

/** The kind of each id prefix (`org` -> organization): the dataset's validation ties an entity's kind to it. */
const KIND_OF_PREFIX: ReadonlyMap<string, EntityKind> = new Map(
  (Object.entries(KIND_ID_PREFIX) as [EntityKind, string][]).map(([kind, prefix]) => [prefix, kind]),
);

/** The kind an entity id names by its prefix (`person/steve-witkoff` -> person), if any. */
export function kindOfId(id: string): EntityKind | undefined {
  return KIND_OF_PREFIX.get(id.slice(0, id.indexOf('/')));
}

/** Everything a hover card shows, from the compiled entities' JSON text (parsed on the first card). */
export function parseCardData(json: string): CardData {
  const compiled = JSON.parse(json) as { entities: Entity[]; sources: Source[] };
  const entities = new Map(compiled.entities.map((e) => [e.id, e]));
  const sources = new Map(compiled.sources.map((s) => [s.id, s]));
  const names = new Map(compiled.entities.map((e) => [e.id, e.name]));
  return { entities, sources, names };
}

export interface PreparedMatcher {
  index: MatcherIndex;
  /** id -> kind for every id the matcher can return: all the scan needs to know about an entity. */
  kinds: ReadonlyMap<string, EntityKind>;
}

/**
 * Parses the matcher's tables and loads them in short steps, yielding to the page between them (loading
 * takes 10 to 25 ms in all on a slow machine, more under load; in one task with the script's evaluation
 * it made a long one). `measure` times the loading, yields included, when debugging.
 */
export async function prepareMatcher(
  json: string,
  measure?: (name: string, start: number) => void,
): Promise<PreparedMatcher> {
  await yieldToPage();
  const start = performance.now();
  const tables = JSON.parse(json) as MatcherTables;
  const kinds = new Map<string, EntityKind>();
  for (const id of tables.ids) {
    const kind = kindOfId(id);
    if (kind) kinds.set(id, kind);
  }
  const steps = loadMatcherInSteps(tables);
  let step = steps.next();
  while (!step.done) {
    await yieldToPage();
    step = steps.next();
  }
  const index = step.value;
  measure?.('news-context-start-matcher', start);
  await yieldToPage();
  return { index, kinds };
}
