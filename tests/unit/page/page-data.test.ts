import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfId, parseCardData, prepareMatcher } from '../../../entrypoints/content/page-data.ts';
import type { Entity } from '../../../src/core/dataset-schema.ts';

const COMPILED = join(import.meta.dirname, '..', '..', '..', 'src', 'data', 'compiled');
const entitiesJson = readFileSync(join(COMPILED, 'entities.json'), 'utf8');
const matcherJson = readFileSync(join(COMPILED, 'matcher.json'), 'utf8');

describe('the content script data', () => {
  it('gives every id the matcher can return the kind the entities say (the scan no longer parses them)', async () => {
    const entities = (JSON.parse(entitiesJson) as { entities: Entity[] }).entities;
    for (const entity of entities) expect(kindOfId(entity.id), entity.id).toBe(entity.kind);
    const { kinds } = await prepareMatcher(matcherJson);
    const byId = new Map(entities.map((e) => [e.id, e.kind]));
    const ids = (JSON.parse(matcherJson) as { ids: string[] }).ids;
    expect(kinds.size).toBe(ids.length);
    for (const id of ids) expect(kinds.get(id), id).toBe(byId.get(id));
  });

  it('parses the cards data as the bundle did', () => {
    const data = parseCardData(entitiesJson);
    const compiled = JSON.parse(entitiesJson) as { entities: Entity[]; sources: { id: string }[] };
    expect(data.entities.size).toBe(compiled.entities.length);
    expect(data.sources.size).toBe(compiled.sources.length);
    for (const entity of compiled.entities) expect(data.names.get(entity.id)).toBe(entity.name);
  });

  it('does not know an id without a kind prefix', () => {
    expect(kindOfId('nobody')).toBeUndefined();
    expect(kindOfId('planet/mars')).toBeUndefined();
  });
});
