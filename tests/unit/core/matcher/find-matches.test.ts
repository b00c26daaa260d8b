import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import { TEST_ENTITIES } from './test-entities.ts';

const index = loadMatcher(compileMatcher(TEST_ENTITIES));

/** "text=slug" for each match, the readable form of a result. */
function marks(text: string): string[] {
  return findMatches(text, index).map((m) => `${text.slice(m.start, m.end)}=${m.id.split('/')[1]}`);
}

describe('findMatches: word boundaries', () => {
  it('matches whole words only, by Unicode letters and digits', () => {
    expect(marks('advance Trumpet Putinism 2Putin Putin2 naïveVance')).toEqual([]);
    expect(marks('Vance')).toEqual(['Vance=jd-vance']);
  });
  it('excludes the possessive and stops at punctuation', () => {
    expect(marks("Putin's Putin’s NATO-like")).toEqual(['Putin=vladimir-putin', 'Putin=vladimir-putin', 'NATO=nato']);
    expect(marks('Witkoff. Witkoff, “Witkoff” (Witkoff) [Witkoff]')).toHaveLength(5);
  });
  it('finds nothing in URLs, e-mail addresses, handles, hashtags or code', () => {
    expect(marks('https://putin.ru/Putin putin@kremlin.ru @Putin #Putin get_Putin() www.Putin.com a=Putin')).toEqual(
      [],
    );
    expect(marks('Russia/Putin')).toEqual(['Putin=vladimir-putin']);
  });
});

describe('findMatches: folding keeps offsets', () => {
  it('reads dashes, hyphens and spaces of any kind alike', () => {
    expect(marks('Trump–Putin Trump-Putin Donald\u00a0Trump Donald\u2009Trump')).toEqual([
      'Trump=donald-trump',
      'Putin=vladimir-putin',
      'Trump=donald-trump',
      'Putin=vladimir-putin',
      'Donald\u00a0Trump=donald-trump',
      'Donald\u2009Trump=donald-trump',
    ]);
  });
  it('ignores diacritics and invisible characters inside words, reporting original offsets', () => {
    const text = 'Zélensky and Zelen\u00adsky and Ze\u0301lensky';
    expect(marks(text)).toEqual([
      'Zélensky=volodymyr-zelensky',
      'Zelen\u00adsky=volodymyr-zelensky',
      'Ze\u0301lensky=volodymyr-zelensky',
    ]);
  });
  it('reads a per cent sign after a number as part of it, so a phrase with one runs on', () => {
    expect(marks('They pledged 5% of GDP, not 5 % of GDP or 5%, of GDP.')).toEqual(['5% of GDP=nato-spending-pledge']);
  });
  it('does not run a name over a sentence break', () => {
    expect(marks('Donald. Trump')).toEqual(['Trump=donald-trump']);
    expect(marks('Donald\n\nTrump')).toEqual(['Trump=donald-trump']);
  });
});

describe('findMatches: letter case', () => {
  it('matches names as written or in all caps, not in lower case', () => {
    expect(marks('trump card, a vance, PUTIN AND ZELENSKY TO MEET')).toEqual([
      'PUTIN=vladimir-putin',
      'ZELENSKY=volodymyr-zelensky',
    ]);
  });
  it('lets long acronyms appear in title case and capitalises lower-case name words at a sentence start', () => {
    expect(marks('Nato and Tass. Von der Leyen and von der Leyen')).toEqual([
      'Nato=nato',
      'Tass=tass',
      'Von der Leyen=ursula-von-der-leyen',
      'von der Leyen=ursula-von-der-leyen',
    ]);
  });
  it('keeps exact-case aliases exact and phrase aliases case-free', () => {
    expect(marks('US us Us SECURITY GUARANTEES security guarantees')).toEqual([
      'US=united-states',
      'SECURITY GUARANTEES=security-guarantees',
      'security guarantees=security-guarantees',
    ]);
  });
  it('marks capitalised-only aliases only when capitalised', () => {
    expect(marks('a Trilat, a trilat')).toEqual(['Trilat=trilateral-summit']);
  });
});

describe('findMatches: longest and most specific wins', () => {
  it('prefers the longer alias', () => {
    expect(marks('the Alaska summit in Alaska; Melania Trump; Olena Zelenska; Vladimir Putin')).toEqual([
      'Alaska summit=alaska-summit',
      'Alaska=alaska',
      'Melania Trump=melania-trump',
      'Olena Zelenska=olena-zelenska',
      'Vladimir Putin=vladimir-putin',
    ]);
  });
  it('leaves titles outside the span and resolves shared aliases by preference', () => {
    expect(marks('President Zelenskyy met Trump')).toEqual(['Zelenskyy=volodymyr-zelensky', 'Trump=donald-trump']);
  });
  it('includes the full stop that belongs to an abbreviation', () => {
    expect(marks('a U.S. base')).toEqual(['U.S.=united-states']);
  });
  it('never highlights search-only aliases', () => {
    expect(marks('he wrote on X')).toEqual([]);
  });
});

describe('findMatches: phrases with gaps', () => {
  it('allows a few words inside a gap, not more and not across a sentence', () => {
    expect(marks('their summit in Alaska; the summit held in Alaska; they met in Alaska')).toEqual([
      'summit in Alaska=alaska-summit',
      'summit held in Alaska=alaska-summit',
      'met in Alaska=alaska-summit',
    ]);
    expect(marks('a summit. Then in Alaska')).toEqual(['Alaska=alaska']);
    expect(marks('a summit with one two three four in Alaska')).toEqual(['Alaska=alaska']);
  });
});

describe('findMatches: one typo in long names', () => {
  it('accepts one edit in a capitalised word of six letters or more', () => {
    expect(marks('Zelenskiy Witkof Ushakow Witkfof Wiktoff')).toEqual([
      'Zelenskiy=volodymyr-zelensky',
      'Witkof=steve-witkoff',
      'Ushakow=yuri-ushakov',
      'Witkfof=steve-witkoff',
      'Wiktoff=steve-witkoff',
    ]);
  });
  it('rejects known words, other aliases, inflections, short names, lower case and fuzzy: false', () => {
    expect(marks('German Germanys Zelenska Ushakova Putins witkof Kiev2 Kyivv Kievv')).toEqual([]);
  });
});

describe('findMatches: robustness', () => {
  it('returns nothing for empty or wordless text and survives lone surrogates', () => {
    expect(findMatches('', index)).toEqual([]);
    expect(findMatches('   \n\t…', index)).toEqual([]);
    expect(marks('\uD800Putin\uDC00 \uDC00\uD800')).toEqual(['Putin=vladimir-putin']);
  });
});

describe('findMatches: typo cache', () => {
  it('gives the same answers when many distinct capitalised words push names out of the cache', () => {
    const fresh = loadMatcher(compileMatcher(TEST_ENTITIES));
    const text = 'Zelenskiy met Putinn and Witkof in Alaskq. ';
    const expected = findMatches(text, fresh);
    expect(expected.length).toBeGreaterThan(0);
    for (let round = 0; round < 3; round++) {
      const noise = Array.from({ length: 10_000 }, (_, i) => `Qwerty${i.toString(36)}`).join(' ');
      findMatches(noise, fresh);
      expect(findMatches(text, fresh)).toEqual(expected);
      expect(findMatches(text, index)).toEqual(expected);
    }
  });
});
