import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../src/core/dataset-schema.ts';
import { kindOfId, prepareMatcher } from '../../../src/page/prepare-matcher.ts';

const COMPILED = join(import.meta.dirname, '..', '..', '..', 'src', 'data', 'compiled');
const entitiesJson = readFileSync(join(COMPILED, 'entities.json'), 'utf8');
const matcherJson = readFileSync(join(COMPILED, 'matcher.json'), 'utf8');
const snapshot = readFileSync(join(COMPILED, 'matcher-snapshot.json'), 'utf8');

describe('prepareMatcher', () => {
  it('gives every id the matcher can return the kind the entities say (the scan no longer parses them)', async () => {
    const entities = (JSON.parse(entitiesJson) as { entities: Entity[] }).entities;
    for (const entity of entities) expect(kindOfId(entity.id), entity.id).toBe(entity.kind);
    const { kinds } = await prepareMatcher(snapshot);
    const byId = new Map(entities.map((e) => [e.id, e.kind]));
    const ids = (JSON.parse(matcherJson) as { ids: string[] }).ids;
    expect(kinds.size).toBe(ids.length);
    for (const id of ids) expect(kinds.get(id), id).toBe(byId.get(id));
  });

  it('takes the tables a snapshot is made from too (stored by an older background), giving the same index', async () => {
    const fromTables = await prepareMatcher(matcherJson);
    const fromSnapshot = await prepareMatcher(snapshot);
    expect(fromTables.index).toEqual(fromSnapshot.index);
    expect(fromTables.kinds).toEqual(fromSnapshot.kinds);
  });

  it('rejects what is neither, saying what it expected', async () => {
    await expect(prepareMatcher('{"version":1}')).rejects.toThrow(
      'matcher: neither a snapshot nor tables of version 2',
    );
    await expect(prepareMatcher('not json')).rejects.toThrow(/matcher: neither a snapshot nor tables/);
    await expect(prepareMatcher('{"snapshot":0}')).rejects.toThrow(/matcher snapshot: version 0, expected 1/);
  });

  it('does not know an id without a kind prefix', () => {
    expect(kindOfId('nobody')).toBeUndefined();
    expect(kindOfId('planet/mars')).toBeUndefined();
  });
});
