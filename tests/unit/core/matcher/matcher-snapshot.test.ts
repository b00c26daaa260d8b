import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPILED_DIR, readDataset } from '../../../../src/cli/read-dataset.ts';
import type { Dataset } from '../../../../src/core/dataset-schema.ts';
import { compileMatcher, type MatcherTables } from '../../../../src/core/matcher/compile-matcher.ts';
import { findCandidates, findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import {
  decodeInts,
  encodeInts,
  isMatcherSnapshot,
  loadMatcherSnapshot,
  MATCHER_SNAPSHOT_FILE,
  SNAPSHOT_VERSION,
  snapshotMatcher,
} from '../../../../src/core/matcher/matcher-snapshot.ts';
import { TEST_ENTITIES } from './test-entities.ts';

const tables = JSON.parse(readFileSync(join(COMPILED_DIR, 'matcher.json'), 'utf8')) as MatcherTables;
const stored = readFileSync(join(COMPILED_DIR, MATCHER_SNAPSHOT_FILE), 'utf8');

describe('matcher snapshot', () => {
  it('is compiled: the bundled snapshot is the one the compiled tables make', () => {
    expect(stored === `${snapshotMatcher(tables)}\n`, 'the snapshot is stale: run npm run compile').toBe(true);
    expect(isMatcherSnapshot(stored)).toBe(true);
    expect(isMatcherSnapshot(JSON.stringify(tables))).toBe(false);
  });

  it('loads the index the tables build, and finds exactly what it finds on every source text of the dataset', () => {
    const { dataset } = readDataset();
    const texts = Object.values((dataset as Dataset).texts);
    expect(texts.length).toBeGreaterThan(0);
    const built = loadMatcher(tables);
    const loaded = loadMatcherSnapshot(stored);
    expect(loaded).toEqual(built);
    let candidates = 0;
    for (const text of texts) {
      const expected = findCandidates(text, built);
      candidates += expected.length;
      expect(findCandidates(text, loaded)).toEqual(expected);
      expect(findMatches(text, loaded)).toEqual(findMatches(text, built));
    }
    expect(candidates).toBeGreaterThan(100);
  });

  it('keeps the test dataset’s index through a round trip, and is deterministic', () => {
    const testTables = compileMatcher(TEST_ENTITIES);
    const snapshot = snapshotMatcher(testTables);
    expect(snapshotMatcher(JSON.parse(JSON.stringify(testTables)))).toBe(snapshot);
    const loaded = loadMatcherSnapshot(snapshot);
    const built = loadMatcher(testTables);
    for (const text of ['Putin met Zelenskiy in Kyiv.', 'PUTIN and von der Leyen', 'Nato summit talks'])
      expect(findMatches(text, loaded)).toEqual(findMatches(text, built));
  });

  it('keeps the places that are US states, and reads a snapshot written before they were kept as having none', () => {
    expect(loadMatcherSnapshot(stored).stateIds).toEqual(new Set(['place/alaska']));
    const older = JSON.parse(stored) as Record<string, unknown>;
    delete older.stateIds;
    expect(loadMatcherSnapshot(JSON.stringify(older)).stateIds).toEqual(new Set());
  });

  it('stores any 32-bit integers as they were, runs of zeros and extremes included', () => {
    const int = fc.oneof(
      fc.constant(0),
      fc.constant(-1),
      fc.constant(-(2 ** 31)),
      fc.constant(2 ** 31 - 1),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    );
    fc.assert(
      fc.property(fc.array(int, { maxLength: 300 }), (values) => {
        const ints = Int32Array.from(values);
        expect(decodeInts(encodeInts(ints))).toEqual(ints);
        const unsigned = new Uint32Array(ints.buffer);
        expect(new Uint32Array(decodeInts(encodeInts(unsigned)).buffer)).toEqual(unsigned);
      }),
    );
  });

  it('refuses what is not a snapshot of this version, saying what it expected', () => {
    expect(() => loadMatcherSnapshot('{"version":2,"ids":[]}')).toThrow(
      `matcher snapshot: version undefined, expected ${SNAPSHOT_VERSION}`,
    );
    expect(() => loadMatcherSnapshot(JSON.stringify(tables))).toThrow(
      /expected 1 \(make it again with snapshotMatcher\)/,
    );
    expect(() => loadMatcherSnapshot('not json')).toThrow(/matcher snapshot: not JSON/);
  });
});
