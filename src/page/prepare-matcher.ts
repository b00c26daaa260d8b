import { type EntityKind, KIND_ID_PREFIX } from '../core/dataset-schema.ts';
import type { MatcherTables } from '../core/matcher/compile-matcher.ts';
import { loadMatcherInSteps, type MatcherIndex } from '../core/matcher/load-matcher.ts';
import { isMatcherSnapshot, loadMatcherSnapshot } from '../core/matcher/matcher-snapshot.ts';
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
 * The matcher a page runs, from a snapshot of its index (`snapshotMatcher` in src/core/matcher: made at build
 * time for the bundled dataset, or by the background for packs). Reading one is a JSON parse and a pass over
 * its integers, a few milliseconds, so it runs in the caller's task: splitting it would only add tasks.
 * The tables a snapshot is made from (`MatcherTables` as JSON: what an older background stored for packs) are
 * still taken, built in short steps with the page running between them, about a hundred times slower.
 * Rejects, naming what it expected, when `stored` is neither.
 */
export async function prepareMatcher(stored: string): Promise<PreparedMatcher> {
  const start = performance.now();
  const index = isMatcherSnapshot(stored) ? loadMatcherSnapshot(stored) : await loadTablesInSteps(stored);
  const kinds = new Map<string, EntityKind>();
  for (const id of index.ids) {
    const kind = kindOfId(id);
    if (kind) kinds.set(id, kind);
  }
  measure('news-context-start-matcher', start);
  return { index, kinds };
}

async function loadTablesInSteps(json: string): Promise<MatcherIndex> {
  let tables: MatcherTables;
  try {
    tables = JSON.parse(json) as MatcherTables;
  } catch (error) {
    throw new Error(`matcher: neither a snapshot nor tables (${(error as Error).message})`);
  }
  if (tables?.version !== 2 || !Array.isArray(tables.aliases) || !Array.isArray(tables.ids))
    throw new Error('matcher: neither a snapshot nor tables of version 2 (make it again with snapshotMatcher)');
  const steps = loadMatcherInSteps(tables);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await yieldToPage();
  }
}
