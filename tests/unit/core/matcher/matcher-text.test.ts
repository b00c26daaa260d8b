import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../../src/core/dataset-schema.ts';
import { kindOfId } from '../../../../src/core/entity-kinds.ts';
import { loadMatcherText } from '../../../../src/core/matcher/matcher-text.ts';

const COMPILED = join(import.meta.dirname, '..', '..', '..', '..', 'src', 'data', 'compiled');
const entitiesJson = readFileSync(join(COMPILED, 'entities.json'), 'utf8');
const matcherJson = readFileSync(join(COMPILED, 'matcher.json'), 'utf8');
const snapshot = readFileSync(join(COMPILED, 'matcher-snapshot.json'), 'utf8');

describe('loadMatcherText', () => {
  it('reads the bundled snapshot, whose every id names its kind by prefix (pages learn kinds from ids alone)', () => {
    const entities = (JSON.parse(entitiesJson) as { entities: Entity[] }).entities;
    const byId = new Map(entities.map((e) => [e.id, e.kind]));
    const index = loadMatcherText(snapshot);
    expect(index.ids.length).toBeGreaterThan(50);
    for (const id of index.ids) expect(kindOfId(id), id).toBe(byId.get(id));
  });

  it('takes the tables a snapshot is made from too (stored by an older background), giving the same index', () => {
    expect(loadMatcherText(matcherJson)).toEqual(loadMatcherText(snapshot));
  });

  it('rejects what is neither, saying what it expected', () => {
    expect(() => loadMatcherText('{"version":1}')).toThrow('matcher: neither a snapshot nor tables of version 2');
    expect(() => loadMatcherText('not json')).toThrow(/matcher: neither a snapshot nor tables/);
    expect(() => loadMatcherText('{"snapshot":0}')).toThrow(/matcher snapshot: version 0, expected 1/);
  });
});

describe('kindOfId', () => {
  it('does not know an id without a kind prefix', () => {
    expect(kindOfId('nobody')).toBeUndefined();
    expect(kindOfId('planet/mars')).toBeUndefined();
    expect(kindOfId('org/nato')).toBe('organization');
  });
});
