import { describe, expect, it } from 'vitest';
import { acceptedEntity, placeholdersIn } from '../../../../src/core/authoring/accept-draft.ts';
import { analyseText } from '../../../../src/core/authoring/analyse-text.ts';
import { findDatedEvents } from '../../../../src/core/authoring/find-events.ts';
import { findNewNames } from '../../../../src/core/authoring/find-new-names.ts';
import { quoteSentence } from '../../../../src/core/authoring/quote-sentence.ts';
import { buildSource, duplicateOf, SourceRejected, sourceIdFor } from '../../../../src/core/authoring/source-record.ts';

const spanOf = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });

describe('quoteSentence', () => {
  it('quotes a short sentence whole and cuts a long one to a window around the mention, verbatim', () => {
    const short = 'Quill met Lovett in Northport on Thursday.';
    expect(quoteSentence(short, { start: 0, end: short.length }, spanOf(short, 'Lovett'))).toBe(short);
    const long = `${'The long preamble goes on, '.repeat(8)}and then Marta Quill spoke, ${'and the tail goes on, '.repeat(8)}end.`;
    const quote = quoteSentence(long, { start: 0, end: long.length }, spanOf(long, 'Marta Quill'), 12);
    expect(long).toContain(quote);
    expect(quote).toContain('Marta Quill');
    expect(quote.split(/\s+/).length).toBeLessThanOrEqual(12);
    expect(quote).not.toMatch(/[,\s]$/);
  });
});

describe('findNewNames', () => {
  const text = [
    'Quill wins a harbour truce',
    "Eastvale's foreign minister Marta Quill met President Tom Barr in Northport on Thursday.",
    'Critics said Quill gave too much. The Harbour Council will watch the channel.',
    'Russian officials and the Harbour Council said nothing. Quill left on Friday for talks with lawmakers in Eastvale.',
  ].join('\n');
  const known = [spanOf(text, 'Northport')];
  const names = findNewNames({ analysed: analyseText(text), known, headline: 0 });

  it('ranks names by mentions and prominence, joins short forms to the full name, and reads their kind', () => {
    expect(names.map((n) => [n.name, n.kind])).toEqual([
      ['Marta Quill', 'person'],
      // 2 mentions + lead; the Harbour Council has as many but comes later.
      ['Eastvale', 'place'],
      ['Harbour Council', 'organization'],
      ['Tom Barr', 'person'],
    ]);
    const quill = names[0];
    expect(quill?.aliases).toEqual(['Marta Quill', 'Quill']);
    expect(quill?.inHeadline).toBe(true);
    expect(quill?.score).toBe(4 + 2 + 1);
  });

  it('leaves out titles, known names, demonyms, weekdays and capitalised sentence openers', () => {
    const all = names.flatMap((n) => n.aliases).join(' ');
    expect(all).not.toMatch(/President|Northport|Russian|Thursday|Friday|Critics|foreign/);
  });
});

describe('findDatedEvents', () => {
  it('dates an event phrase from the text, or from the publication date when the text gives a weekday', () => {
    const text =
      'The Harbour summit in Northport was held on Wednesday. Talks in Eastvale will resume on 20 March 2025.';
    const events = findDatedEvents(analyseText(text), '2025-03-07');
    expect(events.map((e) => [e.phrase, e.date.on, e.date.inferred, e.future])).toEqual([
      ['Harbour summit in Northport', '2025-03-05', true, false],
      ['Talks in Eastvale', '2025-03-20', false, true],
    ]);
    expect(events[0]?.date.note).toBe('"Wednesday" in an article published 2025-03-07');
  });

  it('reads the tense next to the date: "said on Tuesday that he would" is a past Tuesday', () => {
    const text =
      'Barr said on Tuesday that he would await the Harbour talks. Quill will visit Eastvale on Tuesday for the Harbour summit.';
    const events = findDatedEvents(analyseText(text), '2025-03-07');
    expect(events.map((e) => [e.phrase, e.date.on])).toEqual([
      ['Harbour talks', '2025-03-04'],
      ['Harbour summit', '2025-03-11'],
    ]);
  });

  it('ignores a generic "the summit" and sentences without a date', () => {
    const text = 'The summit was held on Monday. The Harbour summit was a success.';
    expect(findDatedEvents(analyseText(text), '2025-03-07')).toEqual([]);
  });
});

describe('buildSource and duplicateOf', () => {
  const body = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');

  it('builds a stable id from the headline and a day range from a partial date', () => {
    const { source, text } = buildSource({ title: 'Quill wins a harbour truce', body }, 'page.html', '2025-03');
    expect(source.id).toBe('quill-wins-a-harbour-truce');
    expect(source.published).toEqual({ earliest: '2025-03-01', latest: '2025-03-31', inferred: false });
    expect(text.startsWith('Quill wins a harbour truce\n\n')).toBe(true);
    expect(sourceIdFor(source.id, text, new Set())).toBe(source.id);
    const other = sourceIdFor(source.id, text, new Set([source.id]));
    expect(other).toMatch(/^quill-wins-a-harbour-truce-[0-9a-f]{6}$/);
    expect(sourceIdFor(source.id, text, new Set([source.id]))).toBe(other);
  });

  it('rejects an empty or too short text, and one with no date', () => {
    expect(() => buildSource({ body: ' ' }, 'x', '2025')).toThrow(SourceRejected);
    expect(() => buildSource({ body: 'Too short to be news.' }, 'x', '2025')).toThrow(/is not an article: 5 words/);
    expect(() => buildSource({ body }, 'x')).toThrow(/no publication date/);
  });

  it('finds the same article saved again with other text around it', () => {
    const existing = { 'quill-wins': `Headline\n\n${body}` };
    expect(duplicateOf(`Other page chrome\n${body}\nComments (0)`, existing)).toBe('quill-wins');
    expect(duplicateOf(body.replace(/word/g, 'term'), existing)).toBeUndefined();
  });
});

describe('accepting a draft', () => {
  const fact = { text: 'TODO: write it', citations: [{ source: 's', quote: 'q' }] };
  it('names every field still holding a placeholder', () => {
    const draft = {
      draft: { action: 'new' as const, source: 's', mentions: 1, note: 'TODO is fine here' },
      entity: {
        id: 'place/eastvale',
        kind: 'place' as const,
        name: 'Eastvale',
        aliases: ['Eastvale'],
        role: 'TODO',
        summary: 'S',
        facts: [fact],
      },
    };
    expect(placeholdersIn(draft)).toEqual(['entity.role', 'entity.facts.0.text']);
  });

  it('appends candidate facts to the entity in the pack, leaving its other fields as they are', () => {
    const target = {
      id: 'person/a',
      kind: 'person',
      name: 'A',
      aliases: ['A'],
      role: 'R',
      summary: 'S',
      facts: [{ ...fact, text: 'Old.' }],
    };
    const added = { ...fact, text: 'New.' };
    const { id, entity } = acceptedEntity(
      { draft: { action: 'add-facts', source: 's', mentions: 1, note: '' }, target: 'person/a', facts: [added] },
      target,
    );
    expect(id).toBe('person/a');
    expect(entity).toEqual({ ...target, facts: [target.facts[0], added] });
  });
});
