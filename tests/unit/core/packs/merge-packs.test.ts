import { describe, expect, it } from 'vitest';
import { compileDataset } from '../../../../src/core/compile-dataset.ts';
import type { Entity } from '../../../../src/core/dataset-schema.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import { compilePacks } from '../../../../src/core/packs/compile-packs.ts';
import { findClashes, mergePacks, type PackLayer } from '../../../../src/core/packs/merge-packs.ts';
import { datasetOf, fixtureDataset, manifest, person, source } from './pack-fixtures.ts';

const HARBOUR_TEXT =
  'Harbour master Ada Lovett, known on the quays as the Admiral, opened the new pier on Friday. ' +
  'Deputy Tom Reyes said the pier would take ferries from June.';

/** The fixture as the bundled pack. */
function bundled(): PackLayer {
  return { manifest: manifest({ id: 'bundled' }), dataset: fixtureDataset(), imported: false };
}

/** A reader's pack: Ada Lovett again (same id) with another role, and a new person. */
function team(extra: Partial<Entity> = {}): PackLayer {
  const harbour = source('harbour-news', HARBOUR_TEXT);
  const ada = person('person/ada-lovett', 'Ada Lovett', 'harbour-news', 'Harbour master Ada Lovett', {
    aliases: ['Ada Lovett', 'the Admiral', 'LOVETT'],
    role: 'Harbour master',
    summary: 'Ada Lovett runs the harbour.',
    ...extra,
  });
  const tom = person('person/tom-reyes', 'Tom Reyes', 'harbour-news', 'Deputy Tom Reyes said', {
    related: ['person/ada-lovett'],
  });
  return {
    manifest: manifest({ id: 'team', title: 'Team notes' }),
    dataset: datasetOf([ada, tom], [harbour]),
    imported: true,
  };
}

const byId = (entities: readonly Entity[], id: string) => {
  const found = entities.find((e) => e.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

describe('mergePacks', () => {
  it('makes entities with the same id one entity, naming both packs', () => {
    const merged = mergePacks([bundled(), team()]);
    const ada = merged.entities.filter((e) => e.id === 'person/ada-lovett');
    expect(ada).toHaveLength(1);
    expect(ada[0]?.packs).toEqual(['bundled', 'team']);
    expect(byId(merged.entities, 'person/tom-reyes').packs).toEqual(['team']);
    expect(merged.packs.map((p) => p.id)).toEqual(['bundled', 'team']);
  });

  it('merges aliases, dropping those the matcher reads as the same ("LOVETT" is "Lovett")', () => {
    const ada = byId(mergePacks([bundled(), team()]).entities, 'person/ada-lovett');
    expect(ada.aliases.map((a) => (typeof a === 'string' ? a : a.text))).toEqual([
      'Ada Lovett',
      'Lovett',
      'the Admiral',
    ]);
    // The first pack's flags stay with a shared alias.
    expect(ada.aliases[1]).toMatchObject({ text: 'Lovett', ambiguous: { resolve: 'prefer' } });
  });

  it('keeps every fact with the pack it came from', () => {
    const ada = byId(mergePacks([bundled(), team()]).entities, 'person/ada-lovett');
    expect(ada.facts.map((f) => [f.pack, f.citations[0]?.source])).toEqual([
      ['bundled', 'northport-report'],
      ['team', 'harbour-news'],
    ]);
  });

  it('lets the imported pack outrank the bundled one on name, role and summary, whatever the order', () => {
    for (const layers of [
      [bundled(), team()],
      [team(), bundled()],
    ]) {
      const ada = byId(mergePacks(layers).entities, 'person/ada-lovett');
      expect(ada.role).toBe('Harbour master');
      expect(ada.summary).toBe('Ada Lovett runs the harbour.');
    }
    const notImported = { ...team(), imported: false };
    expect(byId(mergePacks([bundled(), notImported]).entities, 'person/ada-lovett').role).toBe('Special envoy');
  });

  it('makes entities that share a sameAs identifier one entity under the first id, and rewrites references', () => {
    const base = bundled();
    byId(base.dataset.entities, 'person/ada-lovett').sameAs = ['wikidata:Q42'];
    const other = team();
    const ada = byId(other.dataset.entities, 'person/ada-lovett');
    ada.id = 'person/a-lovett';
    ada.sameAs = ['wikidata:Q42'];
    byId(other.dataset.entities, 'person/tom-reyes').related = ['person/a-lovett'];
    const merged = mergePacks([base, other]);
    expect(merged.entities.map((e) => e.id)).not.toContain('person/a-lovett');
    expect(byId(merged.entities, 'person/ada-lovett').packs).toEqual(['bundled', 'team']);
    expect(byId(merged.entities, 'person/tom-reyes').related).toEqual(['person/ada-lovett']);
  });

  it('unions related ids without repeats or the entity itself', () => {
    const ada = byId(
      mergePacks([bundled(), team({ related: ['event/northport-summit', 'person/tom-reyes'] })]).entities,
      'person/ada-lovett',
    );
    expect(ada.related).toEqual(['event/northport-summit', 'person/tom-reyes']);
  });

  it('renames a source id two packs use for different articles, and its citations follow', () => {
    const clash = team();
    const harbour = clash.dataset.sources[0];
    if (!harbour) throw new Error('no source');
    harbour.id = 'northport-report';
    clash.dataset.texts = { 'northport-report': HARBOUR_TEXT };
    for (const entity of clash.dataset.entities)
      for (const c of entity.facts[0]?.citations ?? []) c.source = 'northport-report';
    const merged = mergePacks([bundled(), clash]);
    expect(merged.sources.map((s) => s.id)).toEqual(['northport-report', 'team:northport-report']);
    expect(merged.texts['team:northport-report']).toBe(HARBOUR_TEXT);
    expect(merged.texts['northport-report']).toContain('Northport summit');
    const tom = byId(merged.entities, 'person/tom-reyes');
    expect(tom.facts[0]?.citations[0]?.source).toBe('team:northport-report');
    // Every citation still quotes its (renamed) source verbatim.
    for (const entity of merged.entities) {
      for (const fact of entity.facts) {
        for (const c of fact.citations)
          expect(merged.texts[c.source], `${entity.id} ${c.source}`).toContain(c.quote.slice(0, 20));
      }
    }
  });

  it('keeps one copy of an article two packs both carry under the same id', () => {
    const again = { ...bundled(), manifest: manifest({ id: 'copy' }), imported: true };
    const merged = mergePacks([bundled(), again]);
    expect(merged.sources.map((s) => s.id)).toEqual(['northport-report']);
  });

  it('gives a dataset compileDataset accepts: the merged entity is marked under one id', () => {
    const compiled = compileDataset(mergePacks([bundled(), team()]));
    expect(compiled['entities.json'].packs.map((p) => p.id)).toEqual(['bundled', 'team']);
    const index = loadMatcher(compiled['matcher.json']);
    const found = findMatches('The Admiral met Tom Reyes in Northport.', index).map((m) => m.id);
    expect(found).toEqual(['person/ada-lovett', 'person/tom-reyes', 'place/northport']);
  });
});

describe('an alias two packs give to different entities', () => {
  it('is not marked, unless one of them prefers it; search still finds both', () => {
    const base = bundled();
    byId(base.dataset.entities, 'org/wire-agency').aliases.push('Harbour Board');
    const other = team();
    byId(other.dataset.entities, 'person/tom-reyes').aliases.push('Harbour Board');
    const found = (layers: PackLayer[]) => {
      const index = loadMatcher(compileDataset(mergePacks(layers))['matcher.json']);
      return findMatches('The Harbour Board met on Friday.', index).map((m) => m.id);
    };
    expect(found([base, other])).toEqual([]);
    const preferring = team();
    byId(preferring.dataset.entities, 'person/tom-reyes').aliases.push({
      text: 'Harbour Board',
      ambiguous: { resolve: 'prefer', note: 'He chairs it.' },
    });
    expect(found([base, preferring])).toEqual(['person/tom-reyes']);
    const records = compileDataset(mergePacks([base, other]))['search.json'].records;
    expect(records.filter((r) => r.aliases.includes('Harbour Board')).map((r) => r.id)).toEqual([
      'org/wire-agency',
      'person/tom-reyes',
    ]);
  });
});

describe('compilePacks', () => {
  it("writes the compiled files of the stacked packs, naming the packs and each fact's pack", () => {
    const files = compilePacks([bundled(), team()]);
    expect(Object.keys(files).sort()).toEqual([
      'entities.json',
      'marking.json',
      'matcher-snapshot.json',
      'matcher.json',
      'search.json',
    ]);
    const entities = JSON.parse(files['entities.json'] ?? '') as { packs: { id: string }[]; entities: Entity[] };
    expect(entities.packs.map((p) => p.id)).toEqual(['bundled', 'team']);
    expect(byId(entities.entities, 'person/tom-reyes').facts[0]?.pack).toBe('team');
  });
});

describe('findClashes', () => {
  it('reports an id two packs give to entities of different kinds, at the later pack', () => {
    const other = team();
    const ada = byId(other.dataset.entities, 'person/ada-lovett');
    other.dataset.entities.push({ ...ada, id: 'place/northport', kind: 'place' });
    other.dataset.entities = other.dataset.entities.filter((e) => e !== ada);
    const wrong = { ...ada, id: 'person/ada-lovett', kind: 'organization' as const };
    other.dataset.entities.push(wrong);
    expect(findClashes([bundled(), other])).toEqual([
      {
        file: 'team',
        entity: 'person/ada-lovett',
        field: 'kind',
        message: 'is "organization", but pack "bundled" has this id as "person": the packs cannot both be used',
      },
    ]);
    // The merge keeps the first entity and leaves the clashing one out.
    expect(byId(mergePacks([bundled(), other]).entities, 'person/ada-lovett').kind).toBe('person');
  });

  it('reports a sameAs identifier shared by entities of different kinds', () => {
    const base = bundled();
    byId(base.dataset.entities, 'place/northport').sameAs = ['wikidata:Q1'];
    const other = team();
    byId(other.dataset.entities, 'person/tom-reyes').sameAs = ['wikidata:Q1'];
    expect(findClashes([base, other])).toEqual([
      {
        file: 'team',
        entity: 'person/tom-reyes',
        field: 'sameAs.0',
        message: '"wikidata:Q1" is also place/northport (a place) in pack "bundled", but this is a person',
      },
    ]);
    expect(mergePacks([base, other]).entities.map((e) => e.id)).toContain('person/tom-reyes');
  });

  it('finds nothing in packs that stack cleanly', () => {
    expect(findClashes([bundled(), team()])).toEqual([]);
  });
});
