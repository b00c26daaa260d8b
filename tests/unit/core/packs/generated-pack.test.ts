import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePackText } from '../../../../bench/generate-pack.ts';
import { COMPILED_DIR } from '../../../../src/cli/read-dataset.ts';
import { compileDataset } from '../../../../src/core/compile-dataset.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import { mergePacks } from '../../../../src/core/packs/merge-packs.ts';
import { formatPackProblem, readPack } from '../../../../src/core/packs/pack-file.ts';

const SIZE = 400;
const text = generatePackText({ entities: SIZE, seed: 7 });
const result = readPack(text, 'generated.newscontext.json');

describe('the benchmark pack generator', () => {
  it('writes a pack that passes the whole import validation, with the entities asked for', () => {
    if (!result.ok) throw new Error(result.problems.slice(0, 5).map(formatPackProblem).join('\n'));
    const { entities } = result.pack.dataset;
    expect(entities).toHaveLength(SIZE);
    expect(new Set(entities.map((e) => e.kind))).toEqual(
      new Set(['person', 'organization', 'place', 'event', 'topic']),
    );
    for (const entity of entities) {
      expect(entity.aliases, entity.id).toHaveLength(3);
      expect(entity.facts, entity.id).toHaveLength(3);
    }
  });

  it('is deterministic: the same options give the same bytes', () => {
    expect(generatePackText({ entities: SIZE, seed: 7 })).toBe(text);
    expect(generatePackText({ entities: SIZE, seed: 8 })).not.toBe(text);
  });

  it('stacks on the bundled pack, and the matcher finds a generated person in a sentence of its source', () => {
    if (!result.ok) throw new Error('invalid');
    const bundled = readPack(readFileSync(join(COMPILED_DIR, 'pack.newscontext.json'), 'utf8'), 'bundled');
    if (!bundled.ok) throw new Error('invalid bundled pack');
    const merged = mergePacks([
      { ...bundled.pack, imported: false },
      { ...result.pack, imported: true },
    ]);
    const person = result.pack.dataset.entities.find((e) => e.kind === 'person');
    const quote = person?.facts[0]?.citations[0]?.quote ?? '';
    const index = loadMatcher(compileDataset(merged)['matcher.json']);
    expect(findMatches(quote, index).map((m) => m.id)).toContain(person?.id);
  });
});
