import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../../src/core/dataset-schema.ts';
import {
  CONTEXT_SHIFT,
  compileMatcher,
  contextRuleOf,
  FLAG_PLURAL,
  FLAG_QUALIFIABLE,
} from '../../../../src/core/matcher/compile-matcher.ts';
import { eventPhrases } from '../../../../src/core/matcher/event-phrases.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';

const entity = (id: string, kind: Entity['kind'], aliases: Entity['aliases'], more: Partial<Entity> = {}): Entity => ({
  id,
  kind,
  name: (id.split('/')[1] as string)
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' '),
  aliases,
  role: 'test',
  summary: 'test',
  facts: [],
  ...more,
});

const ENTITIES: Entity[] = [
  entity('person/ada-lovett', 'person', ['Ada Lovett', 'Lovett']),
  entity('person/bo-marsh', 'person', ['Bo Marsh', 'Marsh']),
  entity('place/northport', 'place', ['Northport']),
  entity('place/southby', 'place', ['Southby']),
  entity('event/northport-summit', 'event', ['Northport summit', { text: 'trilateral format', case: 'any' }], {
    place: 'place/northport',
    participants: ['person/ada-lovett', 'person/bo-marsh'],
    date: { on: '2025-03-02', inferred: false },
  }),
  entity('topic/truce', 'topic', [{ text: 'truce', case: 'any', context: { of: ['place/southby'], min: 1 } }]),
];

describe('policy as alias flags, set by the compiler', () => {
  const tables = compileMatcher(ENTITIES);
  const flagsOf = (text: string) => tables.aliases.find(([t]) => t === text)?.[2] ?? -1;

  it('gives plural forms to event and topic phrases only', () => {
    expect(flagsOf('trilateral format') & FLAG_PLURAL).toBe(FLAG_PLURAL);
    expect(flagsOf('Northport') & FLAG_PLURAL).toBe(0);
    expect(flagsOf('Lovett') & FLAG_PLURAL).toBe(0);
    const index = loadMatcher(tables);
    expect(findMatches('two trilateral formats', index).map((m) => m.id)).toEqual(['event/northport-summit']);
    expect(findMatches('two Northports', index)).toEqual([]);
  });

  it('stores a context rule by index, with its entities and minimum, and reads the qualifier rule from the kind', () => {
    const rule = contextRuleOf(flagsOf('truce'));
    expect(rule).toBeGreaterThanOrEqual(0);
    expect(tables.contexts[rule]).toEqual([[tables.ids.indexOf('place/southby')], 1]);
    expect(flagsOf('truce') & FLAG_QUALIFIABLE).toBe(FLAG_QUALIFIABLE);
    expect(flagsOf('Northport') >>> CONTEXT_SHIFT).toBe(0);
  });
});

describe('event phrases made from the data', () => {
  const made = eventPhrases(ENTITIES).map(({ entity: e, alias }) => [e.id, alias.text, alias.context?.min]);

  it('names a meeting by its place and by its month with a meeting noun, each only in context', () => {
    expect(made).toEqual(
      expect.arrayContaining([
        ['event/northport-summit', 'Northport talks', 2],
        ['event/northport-summit', 'meeting in Northport', 2],
        ['event/northport-summit', 'visit to Northport', 2],
        ['event/northport-summit', 'March encounter', 2],
        ['event/northport-summit', 'talks in March', 2],
      ]),
    );
    expect(made.map(([, text]) => text)).not.toContain('Northport summit');
  });

  it('makes no phrase of its two people joined by a dash: each name there is that person', () => {
    expect(made.map(([, text]) => String(text)).filter((text) => /Marsh|Lovett/.test(text))).toEqual([]);
  });

  it('makes no place phrase for a place where two events were held', () => {
    const twice = [
      ...ENTITIES,
      entity('event/northport-clash', 'event', ['Northport clash'], { place: 'place/northport' }),
    ];
    expect(eventPhrases(twice).map(({ alias }) => alias.text)).not.toContain('Northport talks');
  });
});
