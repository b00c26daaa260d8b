import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGold } from '../../../src/cli/eval.ts';
import {
  COMPILED_DIR,
  PROJECT_ROOT,
  readDataset,
  readDatasetFiles,
  readManifest,
} from '../../../src/cli/read-dataset.ts';
import type { Dataset, Entity } from '../../../src/core/dataset-schema.ts';
import { foldQuote } from '../../../src/core/fold-text.ts';
import { compileBundledPack } from '../../../src/core/packs/compile-packs.ts';
import type { PackManifest } from '../../../src/core/packs/pack-manifest.ts';
import { formatIssue, validateDataset } from '../../../src/core/validate-dataset.ts';

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures');

/** Every id the dataset holds, as the project records them (comment lines start with #). */
function recordedIds(): string[] {
  return readFileSync(join(FIXTURES, 'dataset-ids.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** The SHA-256 of each source article's text as published: an accidental edit of a source changes it. */
const SOURCE_DIGESTS: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'source-digests.json'), 'utf8'));

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

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

  it('contains every entity the hand-annotated source articles name', () => {
    const named = [...new Set(readGold().flatMap((gold) => gold.mentions.map((m) => m.id)))];
    expect(named.length).toBeGreaterThan(50);
    const { issues: missing } = validateDataset(readDatasetFiles(), { requiredIds: named });
    expect(missing.map(formatIssue)).toEqual([]);
  });

  it('holds exactly the ids recorded in tests/fixtures/dataset-ids.txt, nothing lost or invented', () => {
    const recorded = recordedIds();
    expect(recorded.length).toBeGreaterThan(50);
    expect(dataset?.entities.map((e) => e.id).sort()).toEqual([...recorded].sort());
  });

  it('gives every entity at least one fact with a citation', () => {
    const uncited = dataset?.entities.filter((e) => !e.facts.some((f) => f.citations.length > 0)).map((e) => e.id);
    expect(uncited).toEqual([]);
  });

  it('cites every source, and keeps each article byte for byte as published (its recorded digest)', () => {
    const cited = new Set(
      dataset?.entities.flatMap((e) =>
        [...e.facts, ...(e.disputes ?? []).flatMap((d) => d.claims)].flatMap((f) => f.citations.map((c) => c.source)),
      ),
    );
    const sources = dataset?.sources ?? [];
    expect(sources.map((s) => s.id).sort()).toEqual(Object.keys(SOURCE_DIGESTS).sort());
    for (const source of sources) {
      expect(cited.has(source.id), source.id).toBe(true);
      expect(sha256(dataset?.texts[source.id] ?? ''), `src/data/sources/${source.id}.txt was edited`).toBe(
        SOURCE_DIGESTS[source.id],
      );
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
    const { manifest, issues: manifestIssues } = readManifest();
    expect(manifestIssues.map(formatIssue)).toEqual([]);
    const compiled = compileBundledPack(manifest as PackManifest, dataset as Dataset);
    expect(Object.keys(compiled)).toContain('pack.newscontext.json');
    const stale = Object.entries(compiled)
      .filter(([name, text]) => {
        const path = join(COMPILED_DIR, name);
        return !existsSync(path) || readFileSync(path, 'utf8') !== text;
      })
      .map(([name]) => `src/data/compiled/${name}`);
    expect(stale, `compiled files are stale: run npm run compile (${stale.join(', ')})`).toEqual([]);
  });
});
