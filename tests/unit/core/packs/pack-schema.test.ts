import { describe, expect, it } from 'vitest';
import { buildPackFile, formatPackProblem, readPack, serialisePack } from '../../../../src/core/packs/pack-file.ts';
import { fixtureDataset, manifest } from './pack-fixtures.ts';

const FILE = 'team.newscontext.json';

/** The problems readPack finds in the fixture pack after a change to its entities. */
function problemsAfter(change: (entities: Record<string, unknown>[]) => void): string[] {
  const json = JSON.parse(serialisePack(buildPackFile(manifest(), fixtureDataset())));
  change(json.entities);
  const result = readPack(JSON.stringify(json), FILE);
  return result.ok ? [] : result.problems.map(formatPackProblem);
}

const entity = (entities: Record<string, unknown>[], id: string) =>
  entities.find((e) => e.id === id) as Record<string, unknown>;

describe('the fields packs add to the schema', () => {
  it('accepts sameAs identifiers of the form register:id', () => {
    expect(
      problemsAfter((entities) => {
        entity(entities, 'person/ada-lovett').sameAs = ['wikidata:Q42', 'viaf:12345'];
      }),
    ).toEqual([]);
  });

  it('rejects a sameAs that is not register:id, one listed twice, and one two entities share', () => {
    expect(
      problemsAfter((entities) => {
        entity(entities, 'person/ada-lovett').sameAs = ['Q42', 'wikidata:Q1', 'wikidata:Q1'];
        entity(entities, 'place/northport').sameAs = ['wikidata:Q1'];
      }),
    ).toEqual([`${FILE}: person/ada-lovett › sameAs.0: must look like "wikidata:Q7747" (register, colon, identifier)`]);
    expect(
      problemsAfter((entities) => {
        entity(entities, 'person/ada-lovett').sameAs = ['wikidata:Q1', 'wikidata:Q1'];
        entity(entities, 'place/northport').sameAs = ['wikidata:Q1'];
      }),
    ).toEqual([
      `${FILE}: person/ada-lovett › sameAs.1: repeats "wikidata:Q1"`,
      `${FILE}: place/northport › sameAs.0: "wikidata:Q1" is also the identifier of person/ada-lovett`,
    ]);
  });

  it('rejects packs on an entity: only merging says which packs an entity came from', () => {
    expect(
      problemsAfter((entities) => {
        entity(entities, 'place/northport').packs = ['aug-2025-ukraine-talks'];
      }),
    ).toEqual([`${FILE}: place/northport › packs: is set when packs are merged, never written in a dataset`]);
  });

  it('keeps quotes short: 40 words at most, however they are spaced', () => {
    const quote = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' \n ');
    const problems = (words: number) =>
      problemsAfter((entities) => {
        const facts = entity(entities, 'person/ada-lovett').facts as { citations: { quote: string }[] }[];
        (facts[0]?.citations[0] ?? { quote: '' }).quote = quote(words);
      }).filter((line) => line.includes('longer than 40 words'));
    expect(problems(40)).toEqual([]);
    expect(problems(41)).toEqual([
      `${FILE}: person/ada-lovett › facts.0.citations.0.quote: quote is longer than 40 words`,
    ]);
  });

  it('applies the rules about one record to pack entities too: an event needs a date', () => {
    expect(
      problemsAfter((entities) => {
        delete entity(entities, 'event/northport-summit').date;
      }),
    ).toEqual([`${FILE}: event/northport-summit › date: is required for events`]);
  });
});
