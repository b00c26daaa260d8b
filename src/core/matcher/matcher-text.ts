import type { MatcherTables } from './compile-matcher.ts';
import { loadMatcher, type MatcherIndex } from './load-matcher.ts';
import { isMatcherSnapshot, loadMatcherSnapshot } from './matcher-snapshot.ts';

/**
 * The matcher's index from its stored text: a snapshot (`snapshotMatcher`: what the build bundles and the
 * background stores for packs), or the `MatcherTables` JSON a snapshot is made from (what an older version of
 * the extension stored), which loads about a hundred times slower. Throws, naming what it expected, when the
 * text is neither.
 */
export function loadMatcherText(stored: string): MatcherIndex {
  if (isMatcherSnapshot(stored)) return loadMatcherSnapshot(stored);
  let tables: MatcherTables;
  try {
    tables = JSON.parse(stored) as MatcherTables;
  } catch (error) {
    throw new Error(`matcher: neither a snapshot nor tables (${(error as Error).message})`);
  }
  if (tables?.version !== 2 || !Array.isArray(tables.aliases) || !Array.isArray(tables.ids))
    throw new Error('matcher: neither a snapshot nor tables of version 2 (make it again with snapshotMatcher)');
  return loadMatcher(tables);
}
