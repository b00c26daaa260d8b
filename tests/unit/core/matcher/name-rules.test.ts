import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherTables } from '../../../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../../src/core/matcher/load-matcher.ts';
import { scanPage } from '../../../../src/core/matcher/scan-page.ts';
import compiled from '../../../../src/data/compiled/matcher.json' with { type: 'json' };
import { testEntity } from './test-entities.ts';

const index = loadMatcher(compiled as unknown as MatcherTables);
const marks = (text: string) => findMatches(text, index).map((m) => `${m.id}:${text.slice(m.start, m.end)}`);
const pageMarks = (...blocks: string[]) =>
  scanPage(blocks, index).flatMap((found, n) =>
    found.map((m) => `${m.id}:${(blocks[n] as string).slice(m.start, m.end)}`),
  );

describe('a longer name is someone else, or our name misspelt', () => {
  it('Brigitte Macron is not Emmanuel Macron; President Macron and Emmanuel Macron are', () => {
    expect(marks('He dined with Brigitte Macron in Paris.')).toEqual([]);
    expect(marks('He dined with President Macron and with Emmanuel Macron.')).toEqual([
      'person/emmanuel-macron:Macron',
      'person/emmanuel-macron:Emmanuel Macron',
    ]);
    expect(marks('The talks went well, Macron said.')).toEqual(['person/emmanuel-macron:Macron']);
  });

  it('Moscow, Idaho is not Russia’s capital; Moscow, Russia and Moscow on Monday are', () => {
    expect(marks('Police in Moscow, Idaho, said the road was closed.')).toEqual([]);
    // At the end of a block, as in a page (the matcher is local: a block reads the same alone or in a page).
    expect(marks('The police chief of Moscow, Idaho ')).toEqual([]);
    expect(marks('The police chief of Moscow, Idaho \n\nMore news.')).toEqual([]);
    expect(marks('A dateline: Moscow, Russia.')).toEqual(['place/moscow:Moscow', 'place/russia:Russia']);
    expect(marks('Talks resumed in Moscow, Monday.')).toEqual(['place/moscow:Moscow']);
    expect(marks('In Moscow, officials said little.')).toEqual(['place/moscow:Moscow']);
  });

  it('a name followed by another capitalised word is part of a longer name, not ours', () => {
    expect(
      marks(
        'The Washington Post reported it first. Tickets on Alaska Airlines were cheap, and the Kremlin Cup was played. He stayed at Trump Tower with Donald Trump Jr last week.',
      ),
    ).toEqual([]);
  });

  it('a place after an envoy’s title and "to" or "for" is the place served, whatever name follows it', () => {
    expect(marks('The US ambassador to Ukraine Simon Smith visited Kyiv.')).toEqual([
      'place/united-states:US',
      'place/ukraine:Ukraine',
      'place/kyiv:Kyiv',
    ]);
    expect(marks('The envoy to Russia John Doe met the minister for Europe Jane Doe.')).toEqual([
      'place/russia:Russia',
      'place/europe:Europe',
    ]);
    // Any other word before the place, or "the" between, leaves the longer-name rule as it was.
    expect(
      marks(
        'The ambassador spoke to Washington Post reporters, flew to Alaska Airlines Field and went to the Kremlin Cup.',
      ),
    ).toEqual([]);
    expect(marks('The envoy to the Ukraine Recovery Conference spoke.')).toEqual([]);
    expect(marks('A brand ambassador for Alaska Airlines and a representative for Alaska Airlines spoke.')).toEqual([]);
  });

  it('a place named with "the" is the place served after an envoy’s title and "to the" or "for the"', () => {
    expect(marks('The US ambassador to the United States Jane Doe arrived.')).toEqual([
      'place/united-states:US',
      'place/united-states:United States',
    ]);
    expect(marks('He met the ambassador to the United Kingdom John Smith in Kyiv.')).toEqual([
      'place/united-kingdom:United Kingdom',
      'place/kyiv:Kyiv',
    ]);
    expect(marks('Kyiv’s envoy to the UK John Smith met the special envoy for the United States Jane Doe.')).toEqual([
      'place/kyiv:Kyiv',
      'place/united-kingdom:UK',
      'place/united-states:United States',
    ]);
    // A one-word place after "the" is a word of a longer name; so is a place after "the" with no envoy's title
    // before it, or after a title that also speaks for a company.
    expect(marks('The envoy to the Ukraine Recovery Conference spoke to the Russia Today reporter.')).toEqual([]);
    expect(
      marks(
        'He wrote to the United Kingdom Independence Party. A brand ambassador for the United States Postal Service spoke.',
      ),
    ).toEqual([]);
  });

  it('after "to the" a place that opens an organisation’s name is not the place served: "the" is the organisation’s', () => {
    expect(marks('The ambassador to the United States Conference of Mayors spoke.')).toEqual([]);
    // A noun that heads an organisation's name, or "of" after the capitalised words, makes them one.
    expect(
      marks('A new envoy to the United Kingdom Trade Council and an envoy to the UK Houses of Parliament.'),
    ).toEqual([]);
    // A person's name is two capitalised words or more, with initials and particles ("van der") among them.
    expect(marks('The envoy to the United States Hans van der Berg met the envoy to the UK John F. Smith.')).toEqual([
      'place/united-states:United States',
      'place/united-kingdom:UK',
    ]);
  });

  it('after "to the" a place in an institution’s name ("the US Senate") is not marked, as anywhere else', () => {
    expect(marks('The envoy to the US Senate spoke. The US Senate voted.')).toEqual([]);
    expect(marks('He was named ambassador to the US Senate Foreign Relations Committee last year.')).toEqual([]);
    // One capitalised word after the place is more often an institution than a surname written alone.
    expect(marks('The envoy to the UK Parliament and the envoy to the UK Smith spoke.')).toEqual([]);
  });

  it('a one-word place that English writes with "the" is the place served after "to the": the Netherlands', () => {
    const own = loadMatcher(
      compileMatcher([
        testEntity('place/netherlands', 'place', ['Netherlands']),
        testEntity('place/philippines', 'place', ['Philippines']),
        testEntity('place/ukraine', 'place', ['Ukraine']),
        testEntity('place/united-states', 'place', [{ text: 'US', case: 'exact' }]),
      ]),
    );
    const ownMarks = (text: string) => findMatches(text, own).map((m) => `${m.id}:${text.slice(m.start, m.end)}`);
    expect(
      ownMarks('The US ambassador to the Netherlands Pete Hoekstra met the envoy for the Philippines Jane Doe.'),
    ).toEqual(['place/united-states:US', 'place/netherlands:Netherlands', 'place/philippines:Philippines']);
    // Not before an organisation's name, and not "the Ukraine", which English no longer writes.
    expect(
      ownMarks('The envoy to the Netherlands Chamber of Commerce and the envoy to the Ukraine Recovery Conference.'),
    ).toEqual([]);
  });

  it('Donald Trump Jr. is not Donald Trump: an abbreviation’s full stop does not end the sentence', () => {
    expect(marks('Donald Trump Jr. posted a video, and Trump Jr. shared it.')).toEqual([]);
    expect(marks('The video was posted by Donald Trump. Critics said little.')).toEqual([
      'person/donald-trump:Donald Trump',
    ]);
  });

  it('an event’s phrase that ends in a name is not the event when another capitalised word follows', () => {
    const page = (phrase: string) =>
      pageMarks(`Trump and Putin spoke by phone. The team planned a ${phrase} next week.`).filter((m) =>
        m.startsWith('event/'),
      );
    expect(page('trip to Alaska')).toEqual(['event/alaska-summit:trip to Alaska']);
    expect(page('trip to Alaska Airlines Field')).toEqual([]);
    expect(page('summit in Alaska')).toEqual(['event/alaska-summit:summit in Alaska']);
  });

  it('two people joined by a dash are each that person, in prose and in a title-case headline', () => {
    expect(marks('The Putin–Zelensky meeting has not been set.')).toEqual([
      'person/vladimir-putin:Putin',
      'person/volodymyr-zelensky:Zelensky',
    ]);
    expect(marks('Trump Moves to Arrange Zelensky–Putin Peace Summit')).toEqual([
      'person/donald-trump:Trump',
      'person/volodymyr-zelensky:Zelensky',
      'person/vladimir-putin:Putin',
    ]);
  });

  it('an event named by its people marks the people', () => {
    expect(marks('A meeting between Putin and Zelensky was proposed after Trump’s summit with Putin.')).toEqual([
      'person/vladimir-putin:Putin',
      'person/volodymyr-zelensky:Zelensky',
      'person/donald-trump:Trump',
      'person/vladimir-putin:Putin',
    ]);
    expect(marks('Witkoff’s fifth meeting with Putin lasted three hours.')).toEqual([
      'person/steve-witkoff:Witkoff',
      'person/vladimir-putin:Putin',
    ]);
  });

  it('a topic capitalised in a quote stays the topic', () => {
    expect(
      pageMarks(
        'Putin and Zelensky met to end the war in Ukraine. Trump said a Peace Agreement would end the war, not a mere Ceasefire Agreement, which often fails.',
      ).filter((m) => m.startsWith('topic/ceasefire:')),
    ).toEqual(['topic/ceasefire:Ceasefire']);
  });

  it('a title, a region, a name of ours or capitals after the name keep it ours, and so does a title-case headline', () => {
    expect(
      marks(
        'The Kremlin Spokesman said Kyiv Oblast was shelled while the Trump White House watched a Putin TV interview.',
      ),
    ).toEqual([
      'org/kremlin:Kremlin',
      'place/kyiv:Kyiv',
      'person/donald-trump:Trump',
      'org/white-house:White House',
      'person/vladimir-putin:Putin',
    ]);
    expect(marks('Trump Says Ukraine Must Cede Land')).toEqual(['person/donald-trump:Trump', 'place/ukraine:Ukraine']);
  });

  it('a place after another capitalised word ends someone or something else’s name: Denzel Washington, Chicken Kiev', () => {
    expect(
      marks('The actor Denzel Washington starred in it, and George Washington University hosted the talk.'),
    ).toEqual([]);
    expect(marks('She ordered Chicken Kiev. Chicken Kiev is a dish.')).toEqual([]);
  });

  it('a place after a function word, a title, a part of the place, a day, an abbreviation or a name of ours stays ours', () => {
    expect(
      marks(
        'In Washington, aides said shelling in Eastern Ukraine went on. On Monday Kyiv said so, the AP Washington bureau reported, and a Trump Moscow trip was planned.',
      ),
    ).toEqual([
      'place/washington:Washington',
      'place/ukraine:Ukraine',
      'place/kyiv:Kyiv',
      'place/washington:Washington',
      'person/donald-trump:Trump',
      'place/moscow:Moscow',
    ]);
    expect(marks('Former UK ambassador to Ukraine spoke.')).toEqual([
      'place/united-kingdom:UK',
      'place/ukraine:Ukraine',
    ]);
    expect(marks('Zelensky Returns Home From Washington')).toEqual([
      'person/volodymyr-zelensky:Zelensky',
      'place/washington:Washington',
    ]);
  });

  it('Caroline Leavitt in a White House story is Karoline Leavitt, marked whole; Caroline alone is nobody', () => {
    expect(marks('White House press secretary Caroline Leavitt told reporters.')).toEqual([
      'org/white-house:White House',
      'person/karoline-leavitt:Caroline Leavitt',
    ]);
    expect(marks('Caroline said hello.')).toEqual([]);
  });

  it('a typo in the first name marks the whole name, not only the surname', () => {
    expect(marks('Vladmir Putin spoke, then Volodymir Zelensky.')).toEqual([
      'person/vladimir-putin:Vladmir Putin',
      'person/volodymyr-zelensky:Volodymir Zelensky',
    ]);
  });

  it('a first name and a middle initial before the surname are the full name; another first name is someone else', () => {
    expect(marks('President Vladimir V. Putin of Russia met Donald J. Trump and Volodymyr O. Zelensky.')).toEqual([
      'person/vladimir-putin:Vladimir V. Putin',
      'place/russia:Russia',
      'person/donald-trump:Donald J. Trump',
      'person/volodymyr-zelensky:Volodymyr O. Zelensky',
    ]);
    expect(marks('Eric F. Trump spoke. Then Sen. J. Putin, Mr. Putin and the U.S. Trump team.')).toEqual([
      'person/vladimir-putin:Putin',
      'person/vladimir-putin:Putin',
      'place/united-states:U.S.',
      'person/donald-trump:Trump',
    ]);
  });

  it('another first name opening a sentence is someone else too; a function word there is not', () => {
    expect(marks('Brigitte Macron visited the school. Lara Trump spoke later.')).toEqual([]);
    expect(marks('When Macron arrived, nobody spoke. Meanwhile Trump waited. Yesterday Putin left.')).toEqual([
      'person/emmanuel-macron:Macron',
      'person/donald-trump:Trump',
      'person/vladimir-putin:Putin',
    ]);
  });

  it('a sentence opener, a title or a headline in title case leaves the surname as it is', () => {
    expect(marks('But Putin said no. Chancellor Merz agreed.')).toEqual([
      'person/vladimir-putin:Putin',
      'person/friedrich-merz:Merz',
    ]);
    expect(marks('Trump Meets Putin In Alaska')).toEqual([
      'person/donald-trump:Trump',
      'person/vladimir-putin:Putin',
      'place/alaska:Alaska',
    ]);
  });
});

describe('a place of ours named like a US state, with "state" or "governor", is the US state', () => {
  it('Washington state, Washington State and the state of Washington are not Washington, D.C.', () => {
    expect(marks('Forecasters in Washington state said heavy rain would hit the Puget Sound.')).toEqual([]);
    expect(marks('Washington State University hosted the talk, and Washington State’s lawyers spoke.')).toEqual([]);
    expect(marks('Officials of the state of Washington said so; the State of Washington filed a brief.')).toEqual([]);
  });

  it('Washington-state and Washington-State, hyphenated, are the US state too', () => {
    expect(marks('Officials in Washington-state said the governor of Washington-state would attend.')).toEqual([]);
    expect(marks('The Washington-State delegation and Washington\u2011state’s lawyers arrived.')).toEqual([]);
  });

  it('Washington, D.C. stays ours before a hyphen and any other word, or a hyphenated state visit', () => {
    expect(pageMarks('Washington-based analysts watched the Washington-Moscow talks.')).toEqual([
      'place/washington:Washington',
      'place/washington:Washington',
      'place/moscow:Moscow',
    ]);
    expect(marks('Macron’s Washington-state visit went well, and a Washington-statement row began.')).toEqual([
      'person/emmanuel-macron:Macron',
      'place/washington:Washington',
      'place/washington:Washington',
    ]);
  });

  it('Washington, D.C. stays ours before a possessive, a state visit or a statement, and after "state of" as a condition', () => {
    expect(
      marks(
        'Washington’s state visit was planned. Macron’s Washington state visit went well. The Washington statement was short.',
      ),
    ).toEqual([
      'place/washington:Washington',
      'person/emmanuel-macron:Macron',
      'place/washington:Washington',
      'place/washington:Washington',
    ]);
    expect(marks('The state of Washington’s relations with Kyiv worried aides.')).toEqual([
      'place/washington:Washington',
      'place/kyiv:Kyiv',
    ]);
  });

  it('other places are unaffected by "state" around them', () => {
    expect(marks('The Ukraine state energy company said the state of Ukraine’s army was poor.')).toEqual([
      'place/ukraine:Ukraine',
      'place/ukraine:Ukraine',
    ]);
    expect(marks('The state of Russia and the governor of Kherson were discussed.')).toEqual([
      'place/russia:Russia',
      'place/kherson:Kherson',
    ]);
  });

  it('the governor of Washington and Washington Governor Jane Doe are the state: Washington, D.C. has a mayor', () => {
    expect(
      marks('Washington Governor Jane Doe met the governor of Washington’s staff. Washington Gov. Jane Doe left.'),
    ).toEqual([]);
    expect(marks('The Governor of Washington spoke.')).toEqual([]);
    expect(marks('Washington Mayor Jane Doe spoke.')).toEqual(['place/washington:Washington']);
  });

  it('a place of ours that is that state stays ours: Alaska state troopers, the state of Alaska, Alaska Governor', () => {
    expect(marks('Alaska state troopers, the state of Alaska and Alaska Governor Jane Doe were there.')).toEqual([
      'place/alaska:Alaska',
      'place/alaska:Alaska',
      'place/alaska:Alaska',
    ]);
    expect(marks('Alaska-state troopers came.')).toEqual(['place/alaska:Alaska']);
  });

  it('a place is a US state by its role: "Texas state" is our Texas, "Georgia state" is not our country Georgia', () => {
    const state = { ...testEntity('place/texas', 'place', ['Texas']), role: 'US state' };
    const country = { ...testEntity('place/georgia', 'place', ['Georgia']), role: 'Country in the Caucasus' };
    const own = loadMatcher(compileMatcher([state, country]));
    const ownMarks = (text: string) => findMatches(text, own).map((m) => `${m.id}:${text.slice(m.start, m.end)}`);
    expect(ownMarks('Texas state officials and the governor of Texas met.')).toEqual([
      'place/texas:Texas',
      'place/texas:Texas',
    ]);
    expect(ownMarks('Georgia state officials and the governor of Georgia met in Georgia.')).toEqual([
      'place/georgia:Georgia',
    ]);
  });
});

describe('typos of short surnames', () => {
  it('marks "Mertz" and "Rute" on a page that names Merz and Rutte, and not on one that does not', () => {
    const story = 'German Chancellor Friedrich Merz and NATO chief Mark Rutte arrived.';
    expect(pageMarks('On Monday, Chancellor Mertz spoke after Rute.', story).slice(0, 2)).toEqual([
      'person/friedrich-merz:Mertz',
      'person/mark-rutte:Rute',
    ]);
    expect(pageMarks('On Monday, Chancellor Mertz spoke after Rute.')).toEqual([]);
  });

  it('after the person’s own first name a short surname with a typo is the full name, on any page', () => {
    expect(marks('Friedrich Mertz met Mark Rute in Berlin.')).toEqual([
      'person/friedrich-merz:Friedrich Mertz',
      'person/mark-rutte:Mark Rute',
    ]);
    expect(marks('Mertz said so. Then Fritz Mertz and Mike Rute left.')).toEqual([]);
  });

  it('never reads a common word, a word opening a sentence or part of another name as a short surname', () => {
    const story = 'Donald Trump, JD Vance and Friedrich Merz met.';
    expect(pageMarks('Mere words. The dance went on, said Lance Armstrong and Tramp Jones.', story)).toEqual([
      'person/donald-trump:Donald Trump',
      'person/jd-vance:JD Vance',
      'person/friedrich-merz:Friedrich Merz',
    ]);
  });
});
