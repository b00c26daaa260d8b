import { type EntityKind, KIND_ID_PREFIX } from '../core/dataset-schema.ts';
import type { MatcherTables } from '../core/matcher/compile-matcher.ts';
import { loadMatcherInSteps, type MatcherIndex } from '../core/matcher/load-matcher.ts';
import { measure } from './perf-marks.ts';
import { yieldToPage } from './yield-to-page.ts';

/** The kind of each id prefix (`org` -> organization): the dataset's validation ties an entity's kind to it. */
const KIND_OF_PREFIX: ReadonlyMap<string, EntityKind> = new Map(
  (Object.entries(KIND_ID_PREFIX) as [EntityKind, string][]).map(([kind, prefix]) => [prefix, kind]),
);

/** The kind an entity id names by its prefix (`person/steve-witkoff` -> person), if any. */
export function kindOfId(id: string): EntityKind | undefined {
  return KIND_OF_PREFIX.get(id.slice(0, id.indexOf('/')));
}

export interface PreparedMatcher {
  index: MatcherIndex;
  /** id -> kind for every id the matcher can return: all the scan needs to know about an entity. */
  kinds: ReadonlyMap<string, EntityKind>;
}

/**
 * Parses the matcher's tables (bundled as JSON text: a string costs the engine next to nothing to load, where
 * the same data as an object literal is compiled on every page) and loads them in short steps, yielding to
 * the page between them, so no step makes a long task on a slow machine.
 */
export async function prepareMatcher(json: string): Promise<PreparedMatcher> {
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
  measure('news-context-start-matcher', start);
  await yieldToPage();
  return { index: step.value, kinds };
}
