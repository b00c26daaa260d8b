import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/cli/read-dataset.ts';
import { aliasObject } from '../../../src/core/dataset-schema.ts';
import { compileMatcher } from '../../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../src/core/matcher/load-matcher.ts';

const { dataset } = readDataset();

/**
 * Marks never overlap, so a person named inside an event phrase ("summit with Putin in Alaska") is not marked
 * on his own: the event's card must lead to him. Every person an event or topic alias names is among its
 * participants or related entities, which the card lists as links.
 */
describe('people inside event phrases stay reachable', () => {
  it('the dataset is valid', () => expect(dataset).toBeDefined());
  if (!dataset) return;
  const index = loadMatcher(compileMatcher(dataset.entities.filter((e) => e.kind === 'person')));

  for (const entity of dataset.entities.filter((e) => e.kind === 'event' || e.kind === 'topic')) {
    it(`${entity.id}: its card links every person its aliases name`, () => {
      const linked = new Set([...(entity.participants ?? []), ...(entity.related ?? [])]);
      const named = entity.aliases.flatMap((a) => findMatches(aliasObject(a).text.replace(/…/g, ' '), index));
      for (const { id } of named) expect(linked.has(id), `${id} in an alias of ${entity.id}`).toBe(true);
    });
  }

  it('"summit with Putin in Alaska" marks the summit, whose card lists Putin', () => {
    const full = loadMatcher(compileMatcher(dataset.entities));
    const text = 'Trump held a summit with Putin in Alaska.';
    const marks = findMatches(text, full).map((m) => [m.id, text.slice(m.start, m.end)]);
    expect(marks).toEqual([
      ['person/donald-trump', 'Trump'],
      ['event/alaska-summit', 'summit with Putin in Alaska'],
    ]);
    expect(dataset.entities.find((e) => e.id === 'event/alaska-summit')?.participants).toContain(
      'person/vladimir-putin',
    );
  });
});
