import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherTables } from '../../../../src/core/matcher/compile-matcher.ts';
import { findCandidates, findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import type { Match } from '../../../../src/core/matcher/match.ts';
import { PageContext } from '../../../../src/core/matcher/page-context.ts';
import { scanPage } from '../../../../src/core/matcher/scan-page.ts';
import compiled from '../../../../src/data/compiled/matcher.json' with { type: 'json' };
import { testEntity } from './test-entities.ts';

const index = loadMatcher(compiled as unknown as MatcherTables);
const said = (text: string, marks: readonly Match[]) => marks.map((m) => `${m.id}:${text.slice(m.start, m.end)}`);

/** Blocks of a page about the talks, the ambiguous words first and the evidence last. */
const STORY = [
  'A White House meeting on Monday did not bring a ceasefire.',
  'The Foreign Ministry said the summit changed nothing.',
  'Vladimir Putin met Donald Trump in Alaska; Volodymyr Zelensky spoke from Kyiv.',
  'The Kremlin and Maria Zakharova repeated that Russia wants more.',
];
/** Blocks of a page about something else that uses the same words. */
const ELSEWHERE = [
  'A White House meeting on Gaza did not bring a ceasefire between Israel and Hamas.',
  "China's Foreign Ministry said the summit in Beijing would go ahead.",
  'Donald Trump and Steve Witkoff spoke to reporters.',
];

describe('PageContext', () => {
  it('holds back a context-only word until the page shows it is about the story, then accepts it for good', () => {
    const context = new PageContext(index);
    const first = findCandidates(STORY[0] as string, index);
    expect(context.observe(first)).toBe(false);
    // Held back: the plain reading of the words is marked meanwhile ("White House", the building).
    expect(said(STORY[0] as string, context.decide(first))).toEqual(['org/white-house:White House']);
    expect(context.holdsBack(first)).toBe(true);
    const metBefore = context.met;
    const third = findCandidates(STORY[2] as string, index);
    expect(context.observe(third)).toBe(true);
    expect(context.met).toBeGreaterThan(metBefore);
    expect(said(STORY[0] as string, context.decide(first))).toEqual([
      'event/white-house-talks:White House meeting',
      'topic/ceasefire:ceasefire',
    ]);
    expect(context.holdsBack(first)).toBe(false);
    // More evidence never takes an accepted mark back.
    for (const text of ELSEWHERE) context.observe(findCandidates(text, index));
    expect(said(STORY[0] as string, context.decide(first))).toHaveLength(2);
  });

  it('counts a name repeated on block after block as one entity: repetition meets no rule, nor stops one later', () => {
    const context = new PageContext(index);
    const ambiguous = findCandidates(STORY[0] as string, index);
    context.observe(ambiguous);
    const repeated = findCandidates(ELSEWHERE[2] as string, index);
    context.observe(repeated);
    const met = context.met;
    for (let n = 0; n < 40; n++) expect(context.observe(findCandidates(ELSEWHERE[2] as string, index))).toBe(false);
    expect(context.met).toBe(met);
    expect(said(STORY[0] as string, context.decide(ambiguous))).toEqual(['org/white-house:White House']);
    expect(context.observe(findCandidates(STORY[2] as string, index))).toBe(true);
    expect(said(STORY[0] as string, context.decide(ambiguous))).toEqual([
      'event/white-house-talks:White House meeting',
      'topic/ceasefire:ceasefire',
    ]);
  });

  it('block by block, in any order, ends with the marks scanPage gives the whole page', () => {
    const blocks = [...STORY, ...ELSEWHERE.slice(2)];
    const whole = scanPage(blocks, index);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          blocks.map((_, n) => n),
          { minLength: blocks.length },
        ),
        (order) => {
          const context = new PageContext(index);
          const candidates = new Map<number, ReturnType<typeof findCandidates>>();
          const shown = new Map<number, Match[]>();
          for (const n of order) {
            const found = findCandidates(blocks[n] as string, index);
            candidates.set(n, found);
            // The marks are the kept candidates themselves: compared by what they mark.
            const decide = (list: typeof found) =>
              context.decide(list).map(({ id, start, end }) => ({ id, start, end }));
            if (context.observe(found)) for (const [m, earlier] of candidates) shown.set(m, decide(earlier));
            shown.set(n, decide(found));
          }
          expect(blocks.map((_, n) => shown.get(n))).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('marks none of the story-only words on a page about something else, and still its real names', () => {
    const marks = scanPage(ELSEWHERE, index).flatMap((found, n) => said(ELSEWHERE[n] as string, found));
    expect(marks).toEqual([
      'org/white-house:White House',
      'person/donald-trump:Donald Trump',
      'person/steve-witkoff:Steve Witkoff',
    ]);
  });

  it('reads a context-only phrase after another name as that name’s, whatever the page is about', () => {
    const page = ["China's Foreign Ministry and the Chinese foreign ministry spoke.", ...STORY.slice(2)];
    expect(said(page[0] as string, scanPage(page, index)[0] ?? [])).toEqual([]);
    expect(
      said('The Foreign Ministry spoke.', scanPage(['The Foreign Ministry spoke.', ...STORY.slice(2)], index)[0] ?? []),
    ).toEqual(['org/russian-foreign-ministry:Foreign Ministry']);
  });

  it('reads an organisation after the possessive of a place its rule lists as ours, on any page, the place apart', () => {
    const page = (text: string) => said(text, scanPage([text], index)[0] ?? []);
    expect(page('Russia’s Foreign Ministry said so on Monday.')).toEqual([
      'place/russia:Russia',
      'org/russian-foreign-ministry:Foreign Ministry',
    ]);
    expect(page("Moscow's foreign ministry said so on Monday.")).toEqual([
      'place/moscow:Moscow',
      'org/russian-foreign-ministry:foreign ministry',
    ]);
    // Another country's ministry, and a topic after a listed place's possessive, stay as they were.
    expect(page("Ukraine's Foreign Ministry said so on Monday.")).toEqual(['place/ukraine:Ukraine']);
    expect(page("Russia's ceasefire in Syria held for a week.")).toEqual(['place/russia:Russia']);
  });

  it('lets held-back candidates vouch for nothing: a phrase whose rule needs the event named for sure', () => {
    // A dataset of its own: "the summit" marked only where the page names the Northport summit for sure, which
    // "Northport summit" does only where both of its people are named.
    const own = loadMatcher(
      compileMatcher([
        testEntity('person/ada-marsh', 'person', ['Ada Marsh']),
        testEntity('person/ben-lovett', 'person', ['Ben Lovett']),
        testEntity('place/northport', 'place', ['Northport']),
        testEntity('event/northport-summit', 'event', [
          { text: 'Northport summit', context: { of: ['person/ada-marsh', 'person/ben-lovett'], min: 2 } },
          {
            text: 'the summit',
            case: 'any',
            context: { of: ['event/northport-summit', 'place/northport', 'person/ada-marsh'], min: 3 },
          },
        ]),
      ]),
    );
    const ids = (page: string[]) =>
      scanPage(page, own)
        .flat()
        .map((m) => m.id);
    // "Northport summit" is held back (no Lovett), so it cannot make "the summit" the Northport summit.
    const opened = 'The Northport summit of mayors opened; the summit closed on Friday.';
    expect(ids([opened, 'Ada Marsh sent a video.'])).toEqual(['place/northport', 'person/ada-marsh']);
    // With both people named, the event is named for sure, and so is the summit after it.
    expect(ids([opened, 'Ada Marsh and Ben Lovett sent a video.'])).toEqual([
      'event/northport-summit',
      'event/northport-summit',
      'person/ada-marsh',
      'person/ben-lovett',
    ]);
  });

  it('findMatches reads a text as a page about the story: every context-only alias taken as met', () => {
    const text = ELSEWHERE[0] as string;
    expect(said(text, findMatches(text, index))).toEqual([
      'event/white-house-talks:White House meeting',
      'topic/ceasefire:ceasefire',
    ]);
    expect(said(text, scanPage([text], index)[0] ?? [])).toEqual(['org/white-house:White House']);
  });
});
