import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../../../src/core/dataset-schema.ts';
import {
  compileMarking,
  drawnMentions,
  MARKING_POLICIES,
  type PolicyMention,
  sectionsOf,
} from '../../../src/core/mention-policy.ts';
import compiledMarking from '../../../src/data/compiled/marking.json' with { type: 'json' };

const data = { familiar: new Set(['place/ukraine']) };
const m = (id: string, section = 0, screen?: number): PolicyMention => ({
  id,
  kind: id.split('/')[0] as EntityKind,
  section,
  screen,
});

/** The ids drawn, in order. */
const drawn = (mentions: PolicyMention[], policy: (typeof MARKING_POLICIES)[number]) => {
  const flags = drawnMentions(mentions, policy, data);
  return mentions.filter((_, i) => flags[i]).map((mention) => mention.id);
};

describe('drawnMentions', () => {
  const page = [
    m('person/putin', 0, 0),
    m('place/ukraine', 0, 0),
    m('person/putin', 0, 0),
    m('place/ukraine', 0, 1),
    m('person/putin', 0, 1),
    m('person/putin', 1, 1),
    m('place/ukraine', 1, 2),
  ];

  it('draws every mention', () => {
    expect(drawn(page, 'every')).toHaveLength(page.length);
  });

  it('draws the first mention of each entity', () => {
    expect(drawn(page, 'first')).toEqual(['person/putin', 'place/ukraine']);
  });

  it('draws the first mention of each entity again in each section and on each new screen', () => {
    expect(drawnMentions(page, 'first-per-screen', data)).toEqual([true, true, false, true, true, true, true]);
    // Without layout, sections alone decide.
    const noScreens = page.map(({ screen: _, ...rest }) => rest);
    expect(drawnMentions(noScreens, 'first-per-screen', data)).toEqual([true, true, false, false, false, true, true]);
  });

  it('draws familiar places once and everything else every time', () => {
    expect(drawn(page, 'familiar-once')).toEqual([
      'person/putin',
      'place/ukraine',
      'person/putin',
      'person/putin',
      'person/putin',
    ]);
  });

  it('answers for every mention, in order, and for none on an empty page', () => {
    for (const policy of MARKING_POLICIES) {
      expect(drawnMentions(page, policy, data)).toHaveLength(page.length);
      expect(drawnMentions([], policy, data)).toEqual([]);
      // The first mention on a page is always drawn: a reader sees what is known here.
      expect(drawnMentions(page, policy, data)[0]).toBe(true);
    }
  });
});

describe('compileMarking', () => {
  it('lists the bundled familiar places: countries and capitals, not the regions a story is about', () => {
    expect(compiledMarking.familiar).toContain('place/ukraine');
    expect(compiledMarking.familiar).toContain('place/united-states');
    expect(compiledMarking.familiar).not.toContain('place/crimea');
    expect(compiledMarking.familiar).not.toContain('place/alaska');
  });

  it('takes only places flagged familiar', () => {
    const entity = (id: string, kind: EntityKind, familiar?: boolean) =>
      ({ id, kind, familiar }) as Parameters<typeof compileMarking>[0][number];
    expect(
      compileMarking([entity('place/b', 'place', true), entity('place/a', 'place', true), entity('place/c', 'place')])
        .familiar,
    ).toEqual(['place/a', 'place/b']);
  });
});

describe('sectionsOf', () => {
  it('makes each heading a section of its own, and the text after it another', () => {
    // headline, two paragraphs, a subheading, a paragraph, two headings in a row
    expect(sectionsOf([true, false, false, true, false, true, true])).toEqual([0, 1, 1, 2, 3, 4, 5]);
    expect(sectionsOf([false, false])).toEqual([0, 0]);
    expect(sectionsOf([])).toEqual([]);
  });
});
