import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../../src/core/dataset-schema.ts';
import { compileMatcher, type MatcherTables } from '../../../../src/core/matcher/compile-matcher.ts';
import { findCandidates } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import compiled from '../../../../src/data/compiled/matcher.json' with { type: 'json' };
import { referenceMatcher } from './reference-matcher.ts';
import { TEST_ENTITIES } from './test-entities.ts';

const NAMES = [
  'Putin',
  'Alaska',
  'Kyiv',
  'Trump',
  'Witkoff',
  'Zelensky',
  'Moscow',
  'Foreign',
  'Ministry',
  'NATO',
  'U.S.',
];
const WORDS = ['summit', 'talks', 'meeting', 'in', 'the', 'ceasefire', 'deal', 'of', 'with', 'trump'];
const VARIANTS = [
  'meetings',
  'deals',
  'summits',
  'Ministrys',
  'Zelenskyy',
  'Witkof',
  'Putins',
  'Aalska',
  'PUTIN',
  'Summit',
  'Nato',
  'Kremlin',
  'China',
  'The',
  'No',
];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '’s ', "'s ", '–', '-', '\n\n', ' “', '” ', ' @x '];

const word = fc.constantFrom(...NAMES, ...WORDS);
const aliasText = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', ' ', '–', ' … '))
  .map(([words, sep]) => words.join(sep).replace(/^ … | … $/g, ''));
const kind = fc.constantFrom<Entity['kind']>('person', 'place', 'organization', 'event', 'topic');

/** A small random dictionary: every alias option, context rules on any kind, shared and nested aliases. */
const dictionary = fc
  .array(
    fc.record({
      kind,
      aliases: fc.array(
        fc.record({
          text: aliasText,
          case: fc.constantFrom(undefined, 'name', 'any', 'exact'),
          fuzzy: fc.constantFrom(undefined, false),
          capitalised: fc.boolean(),
          context: fc.option(
            fc.record({ of: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }), min: fc.constantFrom(1, 2) }),
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((specs): Entity[] =>
    specs.map((spec, n) => ({
      id: `${spec.kind === 'organization' ? 'org' : spec.kind}/e${n}`,
      kind: spec.kind,
      name: `e${n}`,
      role: 'test',
      summary: 'test',
      facts: [],
      aliases: spec.aliases.map((a) => ({
        text: a.text,
        ...(a.case ? { case: a.case } : {}),
        ...(a.fuzzy === false ? { fuzzy: false } : {}),
        ...(a.capitalised ? { ambiguous: { resolve: 'capitalised-only' as const, note: 't' } } : {}),
        ...(a.context
          ? {
              context: {
                of: a.context.of.map((k) => `person/e${k % specs.length}`),
                min: Math.min(a.context.min, a.context.of.length),
              },
            }
          : {}),
      })),
    })),
  );

const text = fc
  .array(fc.tuple(fc.constantFrom(...NAMES, ...WORDS, ...VARIANTS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('findCandidates equals the reference matcher', () => {
  it('on generated dictionaries and texts', () => {
    fc.assert(
      fc.property(dictionary, fc.array(text, { minLength: 1, maxLength: 4 }), (entities, texts) => {
        const tables = compileMatcher(entities);
        const index = loadMatcher(tables);
        const reference = referenceMatcher(tables, index);
        for (const t of texts) expect(findCandidates(t, index), t).toEqual(reference(t));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('on the test entities and the real dataset, with the real dataset’s words', () => {
    const tables = [compileMatcher(TEST_ENTITIES), compiled as unknown as MatcherTables];
    const realWords = fc.constantFrom(
      'Vladimir',
      'Zelenskiy',
      'White',
      'House',
      'talks',
      'Washington',
      'D.C.',
      'Merz',
      'Mertz',
      'Rute',
      'Anchorage',
    );
    const news = fc
      .array(
        fc.tuple(fc.oneof(fc.constantFrom(...NAMES, ...WORDS, ...VARIANTS), realWords), fc.constantFrom(...SEPARATORS)),
        { maxLength: 50 },
      )
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    for (const table of tables) {
      const index = loadMatcher(table);
      const reference = referenceMatcher(table, index);
      fc.assert(
        fc.property(news, (t) => {
          expect(findCandidates(t, index), t).toEqual(reference(t));
        }),
        { numRuns: 400 },
      );
    }
  }, 60_000);
});
