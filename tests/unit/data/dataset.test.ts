import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_DIR, PROJECT_ROOT, readDataset, readDatasetFiles } from '../../../src/cli/read-dataset.ts';
import { compileDataset, serialiseCompiled } from '../../../src/core/compile-dataset.ts';
import type { Dataset, Entity } from '../../../src/core/dataset-schema.ts';
import { foldQuote } from '../../../src/core/fold-text.ts';
import { formatIssue, validateDataset } from '../../../src/core/validate-dataset.ts';

/** The shared folder sits beside the clone, in CI as on authors' machines. */
const SHARED = join(PROJECT_ROOT, '..', 'shared');

/** The ids every other part of the project (gold annotations, tests) relies on. */
function requiredIds(): string[] {
  const tsv = readFileSync(join(SHARED, 'required-entities.tsv'), 'utf8');
  return tsv
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter(Boolean);
}

/** The extra ids agreed on beside the required list; the dataset holds exactly these and the required ones. */
const EXTRA_IDS = [
  'place/ukraine',
  'place/russia',
  'place/united-states',
  'place/europe',
  'place/washington',
  'place/india',
  'place/france',
  'place/germany',
  'place/united-kingdom',
  'place/italy',
  'place/finland',
  'org/fox-news',
  'org/x',
  'event/russian-invasion-2022',
  'topic/russia-ukraine-war',
  'topic/sanctions-on-russia',
  'topic/territorial-concessions',
  'topic/nato-peacekeeping-mission',
];

const { dataset, issues } = readDataset();

function entity(id: string): Entity {
  const found = (dataset as Dataset).entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
}

/** The claims of an entity's disputes, as `source: quote` lines. */
function disputeQuotes(id: string): string[] {
  return (entity(id).disputes ?? []).flatMap((d) =>
    d.claims.flatMap((claim) => claim.citations.map((c) => `${c.source}: ${foldQuote(c.quote)}`)),
  );
}

describe('the dataset in src/data', () => {
  it('validates with zero issues', () => {
    expect(issues.map(formatIssue)).toEqual([]);
    expect(dataset).toBeDefined();
  });

  it('contains every id of shared/required-entities.tsv', () => {
    const required = requiredIds();
    expect(required.length).toBeGreaterThan(50);
    const { issues: missing } = validateDataset(readDatasetFiles(), { requiredIds: required });
    expect(missing.map(formatIssue)).toEqual([]);
  });

  it('holds exactly the required and the agreed extra ids, nothing invented', () => {
    const expected = [...new Set([...requiredIds(), ...EXTRA_IDS])].sort();
    expect(dataset?.entities.map((e) => e.id)).toEqual(expected);
  });

  it('gives every entity at least one fact with a citation', () => {
    const uncited = dataset?.entities.filter((e) => !e.facts.some((f) => f.citations.length > 0)).map((e) => e.id);
    expect(uncited).toEqual([]);
  });

  it('cites every source, and keeps each article byte for byte as its seed', () => {
    const cited = new Set(
      dataset?.entities.flatMap((e) =>
        [...e.facts, ...(e.disputes ?? []).flatMap((d) => d.claims)].flatMap((f) => f.citations.map((c) => c.source)),
      ),
    );
    for (const source of dataset?.sources ?? []) {
      expect(cited.has(source.id), source.id).toBe(true);
      const seed = join(SHARED, 'seeds', source.seed);
      if (existsSync(seed)) expect(dataset?.texts[source.id], source.id).toBe(readFileSync(seed, 'utf8'));
    }
  });

  describe('keeps the disagreements between sources as data', () => {
    it('civilian deaths in the Russian strikes: at least seven against at least 14', () => {
      const quotes = disputeQuotes('event/russian-strikes');
      expect(quotes.some((q) => q.startsWith('trump-moves-to-arrange-summit:') && q.includes('at least seven'))).toBe(
        true,
      );
      expect(
        quotes.some((q) => q.startsWith('trump-begins-effort-to-broker-talks:') && q.includes('At least 14')),
      ).toBe(true);
    });

    it('whether Putin agreed to meet Zelensky: uncertain against ready, per AFP', () => {
      const quotes = disputeQuotes('event/putin-zelensky-meeting');
      expect(quotes.some((q) => q.startsWith('matzav-trump-arranges-direct-talks:') && q.includes('uncertain'))).toBe(
        true,
      );
      expect(
        quotes.some((q) => q.startsWith('trump-moves-to-arrange-summit:') && q.includes('AFP') && q.includes('ready')),
      ).toBe(true);
    });

    it('how long the war has lasted: almost four, three and a half, more than three years', () => {
      const quotes = disputeQuotes('topic/russia-ukraine-war');
      for (const phrase of ['almost four years', 'three-and-a-half-year war', 'more than three years']) {
        expect(
          quotes.some((q) => q.includes(phrase)),
          phrase,
        ).toBe(true);
      }
    });
  });

  it('is compiled: src/data/compiled matches the dataset byte for byte', () => {
    const compiled = compileDataset(dataset as Dataset);
    const stale = Object.entries(compiled)
      .filter(([name, value]) => {
        const path = join(COMPILED_DIR, name);
        return !existsSync(path) || readFileSync(path, 'utf8') !== serialiseCompiled(value);
      })
      .map(([name]) => `src/data/compiled/${name}`);
    expect(stale, `compiled files are stale: run npm run compile (${stale.join(', ')})`).toEqual([]);
  });
});
