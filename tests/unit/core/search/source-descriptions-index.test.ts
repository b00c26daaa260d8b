import { describe, expect, it } from 'vitest';
import { generatePackDataset } from '../../../../bench/generate-pack.ts';
import { aliasObject, type Entity } from '../../../../src/core/dataset-schema.ts';
import { sourceDescriptions, titleBefore } from '../../../../src/core/search/source-descriptions.ts';

/** The plain reference: every full name searched in every article, with the same title reading. */
function referenceDescriptions(entities: readonly Entity[], texts: Record<string, string>): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    const names = entity.aliases
      .map((a) => aliasObject(a).text)
      .filter((t) => t.includes(' ') && !t.includes('…') && /^\p{Lu}/u.test(t) && /\s\p{Lu}[^\s]*$/u.test(t));
    for (const name of names)
      for (const text of Object.values(texts))
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          const description = titleBefore(text, at);
          if (description) found.set(entity.id, (found.get(entity.id) ?? new Set()).add(description));
        }
  }
  return new Map([...found].map(([id, set]) => [id, [...set].sort()]));
}

describe('sourceDescriptions, indexed by the first word of each name', () => {
  it('finds what searching every article for every name finds, on a generated pack of 600 entities', () => {
    const { dataset } = generatePackDataset({ entities: 600, seed: 11 });
    const fast = sourceDescriptions(dataset.entities, dataset.texts);
    expect(fast.size).toBeGreaterThan(100);
    expect([...fast].sort()).toEqual([...referenceDescriptions(dataset.entities, dataset.texts)].sort());
  });
});
