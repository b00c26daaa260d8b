import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../../src/core/matcher/match.ts';
import {
  decodeCandidates,
  decodeTexts,
  encodeCandidates,
  encodeTexts,
} from '../../../../src/core/matcher/match-wire.ts';
import { contextRulesOf } from '../../../../src/core/matcher/page-context.ts';

describe('the candidates a page receives from the background', () => {
  it('arrive as they were found, context rules included, after a trip through JSON', () => {
    const lists: Candidate[][] = [
      [
        { id: 'event/alaska-summit', start: 0, end: 10, context: 2 },
        { id: 'place/alaska', start: 0, end: 6 },
        { id: 'person/steve-witkoff', start: 20, end: 33 },
      ],
      [],
      [{ id: 'place/alaska', start: 4, end: 10, context: 0 }],
    ];
    const reply = JSON.parse(JSON.stringify(encodeCandidates(lists)));
    expect(reply.ids).toEqual(['event/alaska-summit', 'place/alaska', 'person/steve-witkoff']);
    expect(decodeCandidates(reply, 3)).toEqual(lists);
  });

  it('are refused when the reply does not fit the question, rather than marking the wrong words', () => {
    const reply = encodeCandidates([[{ id: 'place/alaska', start: 0, end: 6 }]]);
    expect(() => decodeCandidates(reply, 2)).toThrow('expected candidates for 2 texts');
    expect(() => decodeCandidates({ ids: [], found: [[0, 6, 0, 0]] }, 1)).toThrow('names no id');
    expect(() => decodeCandidates({ ids: ['place/alaska'], found: [[0, 6, 0]] }, 1)).toThrow('is cut');
  });
});

describe('the texts a page sends the background to match', () => {
  it('arrive as they were walked, empty ones, separators and any letter included, after a trip through JSON', () => {
    const texts = ['Steve Witkoff met Putin in Moscow.', '', 'Zelensky\u0000 said so\n', '«Alaska» — 🇺🇸 summit', ' '];
    const batch = JSON.parse(JSON.stringify(encodeTexts(texts)));
    expect(batch.text).toBe(texts.join(''));
    expect(decodeTexts(batch)).toEqual(texts);
    expect(decodeTexts(encodeTexts([]))).toEqual([]);
  });

  it('are refused when the lengths do not fit the text, rather than matching the wrong words', () => {
    expect(() => decodeTexts({ text: 'Putin', lengths: [3, 3] })).toThrow('runs past the text');
    expect(() => decodeTexts({ text: 'Putin', lengths: [3] })).toThrow('leave text over');
    expect(() => decodeTexts({ text: 'Putin', lengths: [-1, 6] })).toThrow('runs past the text');
    expect(() => decodeTexts({ text: 'Putin', lengths: [2.5, 2.5] })).toThrow('runs past the text');
    expect(() => decodeTexts({ texts: ['Putin'] } as never)).toThrow('expected a text and its lengths');
  });
});

describe('contextRulesOf', () => {
  it('keeps the rules in their order with only the ids they name', () => {
    const index = {
      ids: ['person/a', 'place/b', 'place/c', 'org/d'],
      contexts: [
        [[3, 1], 2],
        [[1], 1],
      ] as [number[], number][],
    };
    const rules = contextRulesOf(index);
    expect(rules.ids).toEqual(['org/d', 'place/b']);
    expect(rules.contexts.map(([of, min]) => [of.map((n) => rules.ids[n]), min])).toEqual([
      [['org/d', 'place/b'], 2],
      [['place/b'], 1],
    ]);
  });
});
