import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { generatePackText } from '../../../../bench/generate-pack.ts';
import { COMPILED_DIR } from '../../../../src/cli/read-dataset.ts';
import { type Entity, EntitySchema } from '../../../../src/core/dataset-schema.ts';
import { wellFormedEntity } from '../../../../src/core/validate/well-formed-entity.ts';
import { fixturePackFile, HARBOUR_PACK_DIR } from '../../../fixtures/packs/fixture-pack.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BUNDLED: Json[] = JSON.parse(readFileSync(join(COMPILED_DIR, 'pack.newscontext.json'), 'utf8')).entities;
const GENERATED: Json[] = JSON.parse(generatePackText({ entities: 150, seed: 11 })).entities;
const HARBOUR = fixturePackFile(HARBOUR_PACK_DIR).entities as unknown as Json[];

/**
 * The fast reading never accepts what the schema refuses, and what it gives is what the schema gives, field for
 * field and in the same order (compared as JSON text). It may leave a valid record to the schema (an ambiguity
 * with a field the schema drops). Returns whether the schema accepted `json`.
 */
function expectAgreement(json: unknown, what: string): boolean {
  const { accepted, disagreement } = compare(json);
  expect(disagreement, what).toBeUndefined();
  return accepted;
}

/** Whether the schema accepts `json`, and how the fast reading disagrees with it, if it does. */
function compare(json: unknown): { accepted: boolean; read?: boolean; disagreement?: string } {
  const schema = v.safeParse(EntitySchema, json);
  const fast = wellFormedEntity(json);
  if (!schema.success) {
    return fast === undefined
      ? { accepted: false }
      : { accepted: false, disagreement: `accepted what the schema refuses: ${schema.issues[0]?.message}` };
  }
  if (fast === undefined) return { accepted: true, read: false };
  if (JSON.stringify(fast) === JSON.stringify(schema.output)) return { accepted: true, read: true };
  return { accepted: true, disagreement: `gave ${JSON.stringify(fast)}, the schema ${JSON.stringify(schema.output)}` };
}

/** Entities of the bundled pack that together have every field, alias form and date form it uses. */
function samplesOfEveryShape(entities: readonly Json[]): Json[] {
  const shapes = (json: Json) =>
    new Set([...places(json)].map((path) => path.filter((key) => typeof key === 'string').join('.')));
  const seen = new Set<string>();
  const samples: Json[] = [];
  for (const entity of entities) {
    const added = [...shapes(entity)].filter((shape) => !seen.has(shape));
    if (added.length === 0) continue;
    for (const shape of added) seen.add(shape);
    samples.push(entity);
  }
  return samples;
}

/** Every value inside `json` with its path, objects and arrays included. */
function* places(json: Json, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(json)) for (const [i, item] of json.entries()) yield* places(item, [...path, i]);
  else if (json && typeof json === 'object')
    for (const [key, item] of Object.entries(json)) yield* places(item, [...path, key]);
}

/** A copy of `json` with the value at `path` replaced (`undefined` removes it). */
function replaced(json: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(json);
  type Container = { [key: string | number]: Json };
  const parent = path.slice(0, -1).reduce((node, key) => (node as Container)[key] as Json, copy) as Container;
  const last = path.at(-1);
  if (last === undefined) return value ?? null;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

/** Values a record may wrongly (or rightly) hold anywhere: wrong types, empty and padded text, and the values of other fields. */
const REPLACEMENTS: (Json | undefined)[] = [
  undefined,
  '',
  '  ',
  ' padded ',
  0,
  7,
  1.5,
  null,
  true,
  false,
  [],
  {},
  'person/someone',
  'event/some-event',
  'place/somewhere',
  'org/someone',
  'person',
  'place',
  'event',
  'topic',
  'organization',
  '2025-02-30',
  '2025-08-15',
  '2024',
  'wikidata:Q1',
  'a ... b',
  'summit … in Alaska',
  'summit…Alaska',
  'prefer',
  'any',
  'held',
  'some-source',
  'Some Source',
];

describe('the plain reading of well-formed entities', () => {
  it('gives what the schema gives for every entity of the bundled pack, a generated pack and the fixture pack', () => {
    for (const json of [...BUNDLED, ...GENERATED, ...HARBOUR]) {
      expect(wellFormedEntity(json), JSON.stringify(json).slice(0, 80)).toBeDefined();
      expectAgreement(json, JSON.stringify(json).slice(0, 80));
    }
  });

  it('agrees with the schema after any one value of an entity is removed or replaced', () => {
    let accepted = 0;
    let refused = 0;
    let read = 0;
    const disagreements: string[] = [];
    // Each place once by its shape (its keys, with the first and a later item of a list apart).
    const tried = new Set<string>();
    for (const entity of samplesOfEveryShape(BUNDLED)) {
      for (const path of places(entity)) {
        const shape = path.map((key) => (key === 0 ? '0' : typeof key === 'number' ? 'n' : key)).join('.');
        if (tried.has(shape)) continue;
        tried.add(shape);
        for (const value of REPLACEMENTS) {
          const { accepted: ok, read: fast, disagreement } = compare(replaced(entity, path, value));
          if (fast) read++;
          if (ok) accepted++;
          else refused++;
          if (disagreement) disagreements.push(`${path.join('.')} = ${JSON.stringify(value)}: ${disagreement}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    // Both sides of the agreement were tested many times, and the fast reading took nearly every valid change.
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(1000);
    expect(read).toBeGreaterThan(accepted * 0.95);
  });

  it('agrees with the schema on the rules across fields', () => {
    type Sample = { [key: string]: Json };
    const find = (test: (entity: Entity) => boolean) => {
      const found = (BUNDLED as unknown as Entity[]).find(test);
      if (!found) throw new Error('the bundled pack has no such entity');
      return found as unknown as Sample & Entity;
    };
    const person = find((entity) => entity.kind === 'person');
    const event = find((entity) => entity.kind === 'event' && entity.date?.note !== undefined);
    const topic = find((entity) => entity.kind === 'topic');
    const place = find((entity) => entity.kind === 'place');
    const withContext = find((entity) => entity.aliases.some((alias) => typeof alias === 'object' && alias.context));
    const contextAt = withContext.aliases.findIndex((alias) => typeof alias === 'object' && alias.context);
    const longQuote = Array.from({ length: 41 }, (_, i) => `word${i}`).join(' ');
    const cases: [string, Json][] = [
      ['a person with an event id', { ...person, id: 'event/x' }],
      ['an event without a date', replaced(event, ['date'], undefined)],
      ['an event without a status', replaced(event, ['status'], undefined)],
      ['a topic without a date', replaced(topic, ['date'], undefined)],
      ['a date before its start', { ...event, date: { ...(event.date as Sample), until: '1999-01-01' } }],
      ['a date after its start', { ...event, date: { ...(event.date as Sample), until: '2099-01-01' } }],
      ['a person with a date', { ...person, date: event.date as Sample }],
      ['a topic with precededBy', { ...topic, precededBy: [event.id] }],
      ['a person that is familiar', { ...person, familiar: true }],
      ['a place that is familiar', { ...place, familiar: false }],
      ['an entity that names its packs', { ...person, packs: ['x'] }],
      ['a fact that names its pack', replaced(person, ['facts', 0, 'pack'], 'x')],
      ['a quote of 41 words', replaced(person, ['facts', 0, 'citations', 0, 'quote'], longQuote)],
      ['a fuzzy alias of two words', replaced(person, ['aliases', 0], { text: 'Two Words', fuzzy: true })],
      ['a fuzzy alias of one word', replaced(person, ['aliases', 0], { text: 'Onewordname', fuzzy: true })],
      ['an alias listed twice', { ...person, aliases: [...person.aliases, person.aliases[0] as Json] }],
      ['an id listed twice', { ...person, related: [event.id, event.id] }],
      ['maxGap without a gap', replaced(person, ['aliases', 0], { text: 'No Gap', maxGap: 2 })],
      ['maxGap with a gap', replaced(person, ['aliases', 0], { text: 'talks … in Alaska', maxGap: 2, case: 'any' })],
      ['maxGap of 7', replaced(person, ['aliases', 0], { text: 'talks … in Alaska', maxGap: 7 })],
      ['context on a search-only alias', replaced(withContext, ['aliases', contextAt, 'highlight'], false)],
      ['context asking for too many', replaced(withContext, ['aliases', contextAt, 'context', 'min'], 99)],
      [
        'context listing an id twice',
        replaced(withContext, ['aliases', contextAt, 'context', 'of'], [event.id, event.id]),
      ],
      [
        'an ambiguity with a field the schema drops',
        replaced(person, ['aliases', 0], { text: 'X Y', ambiguous: { resolve: 'defer', note: ' n ', more: 1 } }),
      ],
      ['a participant that is an event', { ...event, participants: [event.id] }],
      ['a dispute of one claim', { ...person, disputes: [{ question: 'Q?', claims: [person.facts[0] as Json] }] }],
      [
        'a dispute of two claims',
        { ...person, disputes: [{ question: ' Q? ', claims: [person.facts[0] as Json, person.facts[0] as Json] }] },
      ],
      ['an array', [person]],
      ['a string', 'person/x'],
    ];
    for (const [what, json] of cases) expectAgreement(json, what);
  });
});
