import { foldWord } from '../fold-text.ts';
import type { MatcherIndex } from './load-matcher.ts';
import type { Candidate } from './match.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { withinOneEdit } from './typo-index.ts';

/**
 * A longer name is someone else, or a typo of ours: a surname or place the matcher found is decided by the
 * whole name around it.
 * - A first name of the person and a middle initial before the surname make the full name, marked whole
 *   ("Vladimir V. Putin": `initialledStart`).
 * - A capitalised word right before a person's one-word name: one typo from one of that person's first names,
 *   it is the full name misspelt, marked whole ("Vladmir Putin", "Caroline Leavitt" for Karoline); a title
 *   ("President Macron"), a function word opening a sentence ("But Putin": `sentenceOpeners`) or a headline
 *   in title case ("Trump Meets Putin") changes nothing; any other capitalised word, at a sentence's start
 *   too, is another first name ("Brigitte Macron"), and the surname is not marked.
 * - A place followed by a comma and a capitalised word that ends the phrase is another place of that name
 *   ("Moscow, Idaho"), unless that word is itself marked ("Moscow, Russia") or a day or month.
 * - A place named like a US state, with "state" or "governor" after it ("-state" too) or "state of" or
 *   "governor of" before it, is the US state ("Washington state" and "Washington-state" are not Washington,
 *   D.C.: `isUsState`), unless ours is that state.
 * - A name followed by another capitalised word is part of a longer name ("Washington Post", `isInLongerName`);
 *   so, too, a name or phrase that only the page's context would mark ("trip to Alaska Airlines Field"). A place
 *   after an envoy's title and "to" or "for" is the place served ("ambassador to Ukraine Simon Smith"), and so,
 *   after "to the" or "for the", is one whose name takes "the" before a person's name ("ambassador to the United
 *   States Jane Doe"), not before an organisation's ("the United States Conference of Mayors", "the US Senate").
 * - A place after another capitalised word ends a longer name ("Denzel Washington", `endsAnotherName`).
 * Works on candidates in order; returns the list changed in place.
 */
export function applyNameRules(text: string, found: Candidate[], index: MatcherIndex): Candidate[] {
  if (index.names.size === 0 && index.placeIds.size === 0) return found;
  let out = 0;
  for (let k = 0; k < found.length; k++) {
    const c = found[k] as Candidate;
    if (c.context === undefined) {
      if (isAnotherPlace(text, c, found[k + 1], index) || isUsState(text, c, index)) continue;
      if (isInLongerName(text, c, found[k + 1], index)) continue;
      if (endsAnotherName(text, c, found[out - 1], index)) continue;
      const start = surnameStart(text, c, found[out - 1], index);
      if (start < 0) continue;
      c.start = start;
    } else if (isInLongerName(text, c, found[k + 1], index)) continue;
    found[out++] = c;
  }
  found.length = out;
  return found;
}

const LETTER = /[\p{L}\p{M}]/u;

/** A letter at `at`: ASCII by its code, anything else by Unicode's classes. */
function isLetterAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return LETTER.test(text.charAt(at));
}
const isSpace = (c: string) => c === ' ' || c === '\u00a0';
/** A hyphen inside a compound word ("Washington-state"); dashes, which set words apart, are not hyphens. */
const isHyphen = (c: string) => c === '-' || c === '\u2010' || c === '\u2011';
/** The word starts with a capital: ASCII by its code, anything else by Unicode's class (compiled on first use). */
const isUpperStart = (word: string) => {
  const code = word.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return word !== word.toLowerCase() && /^\p{Lu}/u.test(word);
};

/** The word ending right before `end` (letters only) and where it starts. */
function wordBefore(text: string, end: number): [string, number] {
  let from = end;
  while (from > 0 && isLetterAt(text, from - 1)) from--;
  return [text.slice(from, end), from];
}

/**
 * Where the person's mark starts (earlier for a misspelt first name, or a first name and a middle initial), or -1
 * when it is someone else's name.
 */
function surnameStart(text: string, c: Candidate, previous: Candidate | undefined, index: MatcherIndex): number {
  if (c.start < 2 || !isSpace(text.charAt(c.start - 1))) return c.start;
  if (text.charAt(c.start - 2) === '.') return initialledStart(text, c, previous, index);
  // Most names follow a word in lower case ("said Putin"): that is settled before any string is made.
  let from = c.start - 1;
  while (from > 0 && isLetterAt(text, from - 1)) from--;
  const first = text.charCodeAt(from);
  if (from === c.start - 1 || (first >= 0x61 && first <= 0x7a) || (previous && previous.end > from)) return c.start;
  const word = text.slice(from, c.start - 1);
  if (!isUpperStart(word)) return c.start;
  const people = index.names.get(foldWord(text.slice(c.start, c.end)))?.filter((p) => p.id === c.id);
  if (!people?.length) return c.start;
  const key = foldWord(word);
  if (people.some((p) => p.given.some((g) => withinOneEdit(key, 0, key.length, g, 0, g.length)))) return from;
  if (MATCHER_DEFAULTS.titles.includes(key)) return c.start;
  if (opensSentence(text, from)) return MATCHER_DEFAULTS.sentenceOpeners.includes(key) ? c.start : -1;
  const [before] = wordBefore(text, Math.max(0, from - 1));
  const after = /^[ \u00a0]+(\S+)/u.exec(text.slice(c.end, c.end + 40))?.[1] ?? '';
  const titleCase =
    (isSpace(text.charAt(from - 1)) && isUpperStart(before)) || isUpperStart(after) || inTitleCase(text, c.start);
  return titleCase ? c.start : -1;
}

/**
 * "Vladimir V. Putin", "Steven C. Witkoff": one of the person's first names (or one typo from it), a middle
 * initial and the surname are the full name, marked whole, as outlets that write middle initials name people.
 * Another capitalised word before the initial is another first name ("Eric F. Trump" is not Donald Trump), unless
 * it is a title ("Sen. J. Smith"); anything else before a full stop leaves the surname as it is ("Mr. Putin",
 * "the U.S. Trump administration").
 */
function initialledStart(text: string, c: Candidate, previous: Candidate | undefined, index: MatcherIndex): number {
  const initial = text.charCodeAt(c.start - 3);
  if (c.start < 6 || initial < 0x41 || initial > 0x5a || !isSpace(text.charAt(c.start - 4))) return c.start;
  const [word, from] = wordBefore(text, c.start - 4);
  if (!word || !isUpperStart(word) || (previous && previous.end > from)) return c.start;
  const people = index.names.get(foldWord(text.slice(c.start, c.end)))?.filter((p) => p.id === c.id);
  if (!people?.length) return c.start;
  const key = foldWord(word);
  if (people.some((p) => p.given.some((g) => withinOneEdit(key, 0, key.length, g, 0, g.length)))) return from;
  return MATCHER_DEFAULTS.titles.includes(key) ? c.start : -1;
}

/**
 * "Denzel Washington", "George Washington", "Chicken Kiev": a place of ours right after another capitalised word
 * is the end of someone or something else's name, unless that word is a title ("Mayor"), a word that names a
 * part of the place ("Eastern Ukraine": `placeQualifiers`), a day, month or agency ("On Monday Kyiv said",
 * `notPlaces`), a name of ours ("Trump Washington"), in capitals (an abbreviation: "AP Washington"; so too a
 * place in capitals: "Former UK ambassador"), a function word opening the sentence ("In Kyiv":
 * `sentenceOpeners`), or the sentence is a headline in title case ("Zelensky Returns Home From Washington").
 */
function endsAnotherName(text: string, c: Candidate, previous: Candidate | undefined, index: MatcherIndex): boolean {
  if (c.start < 2 || !index.placeIds.has(c.id) || !isSpace(text.charAt(c.start - 1))) return false;
  // Most places follow a word in lower case ("talks in Moscow") or punctuation: settled before any string is made.
  const [word, from] = wordBefore(text, c.start - 1);
  if (!word || !isUpperStart(word) || (previous && previous.end > from)) return false;
  // A word or a place in capitals is an abbreviation ("AP Washington", "Former UK ambassador"), not a name's end.
  const place = text.slice(c.start, c.end);
  if (word === word.toUpperCase() || place === place.toUpperCase()) return false;
  const key = foldWord(word);
  const { titles, placeQualifiers, notPlaces, sentenceOpeners } = MATCHER_DEFAULTS;
  if (titles.includes(key) || placeQualifiers.includes(key) || notPlaces.includes(key)) return false;
  if (opensSentence(text, from)) return !sentenceOpeners.includes(key);
  return !inTitleCase(text, c.start);
}

/** ", Idaho" after a place: another place of the same name (the phrase ends there: punctuation or a line's end). */
const ANOTHER_PLACE = /^,[ \u00a0]?(\p{Lu}[\p{L}\p{M}]*)(?=\s*(?:[,.;:)]|\n))/u;
/** The same on ASCII text, without the Unicode classes that cost milliseconds to compile on first use. */
const ANOTHER_PLACE_ASCII = /^,[ \u00a0]?([A-Z][A-Za-z]*)(?=\s*(?:[,.;:)]|\n))/;
const NOT_ASCII_OR_NBSP = /[^\t-\r -~\u00a0]/;

/**
 * How far `ANOTHER_PLACE` can read into `after` when it is ASCII: the comma, a space, the letters, the white
 * space after them and one more character. Where all of that is ASCII (or no-break spaces) the two patterns
 * read the same characters and give the same answer.
 */
function readSpan(after: string): number {
  let p = 1;
  const space = after.charCodeAt(p);
  if (space === 0x20 || space === 0xa0) p++;
  for (let c = after.charCodeAt(p); (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a; c = after.charCodeAt(++p));
  for (let c = after.charCodeAt(p); c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0; c = after.charCodeAt(++p));
  return p + 1;
}

/** "Moscow, Idaho": a place of ours followed by a comma and another capitalised place name. */
function isAnotherPlace(text: string, c: Candidate, next: Candidate | undefined, index: MatcherIndex): boolean {
  if (text.charAt(c.end) !== ',' || !index.placeIds.has(c.id)) return false;
  // The end of the text ends a line, whatever white space comes before it (a block read alone or in a page).
  const after = c.end + 40 >= text.length ? `${text.slice(c.end)}\n` : text.slice(c.end, c.end + 40);
  const ascii = !NOT_ASCII_OR_NBSP.test(after.slice(0, readSpan(after)));
  const m = (ascii ? ANOTHER_PLACE_ASCII : ANOTHER_PLACE).exec(after);
  if (!m) return false;
  const at = c.end + (m[0].length - (m[1] as string).length);
  if (next && next.start === at) return false;
  return !MATCHER_DEFAULTS.notPlaces.includes(foldWord(m[1] as string));
}

/**
 * "state", "governor" or "Gov." right after a name (a word of its own: `isLetterAt` checks what follows), or
 * "state" after a hyphen ("Washington-state", as some outlets write it).
 */
const STATE_WORD_AFTER = /^(?:[ \u00a0]|[-\u2010\u2011](?=state))(?:(state)|governor|gov\.)/i;
/** The word after "state". */
const CEREMONY_AFTER = /^[ \u00a0]+([A-Za-z]+)/;
/** "state of " or "governor of " right before a name (a word of its own: `isLetterAt` checks what precedes). */
const STATE_WORDS_BEFORE = /(state|governor)[ \u00a0]of[ \u00a0]$/i;

/**
 * "Washington state", "Washington State University", "the state of Washington", "Washington Governor", "the
 * governor of Washington": a place of ours named like a US state (`usStates`) is there the US state, not ours,
 * unless ours is that state ("Alaska state troopers": `stateIds`). Washington, D.C. has a mayor, not a governor.
 */
function isUsState(text: string, c: Candidate, index: MatcherIndex): boolean {
  if (!index.placeIds.has(c.id) || index.stateIds.has(c.id)) return false;
  if (!followedByStateWord(text, c.end) && !afterStateOf(text, c)) return false;
  return MATCHER_DEFAULTS.usStates.includes(foldWord(text.slice(c.start, c.end).replace(/\s+/gu, ' ')));
}

/**
 * "Washington state", "Washington State", "Washington-state", "Washington governor", "Washington Gov.": not
 * "Washington statement", nor a ceremony of state held there ("Washington state visit", `stateCeremonies`), nor
 * a possessive ("Washington's state visit"), nor another word after a hyphen ("Washington-based").
 */
function followedByStateWord(text: string, end: number): boolean {
  // Most places are followed by punctuation or another word: settled on two characters.
  const next = text.charCodeAt(end + 1) | 0x20;
  const gap = text.charAt(end);
  if (!(isSpace(gap) || isHyphen(gap)) || (next !== 0x73 && next !== 0x67)) return false;
  const m = STATE_WORD_AFTER.exec(text.slice(end, end + 12));
  if (!m) return false;
  const after = end + m[0].length;
  if (!m[0].endsWith('.') && isLetterAt(text, after)) return false;
  const ceremony = m[1] ? CEREMONY_AFTER.exec(text.slice(after, after + 24))?.[1] : undefined;
  return !(ceremony && MATCHER_DEFAULTS.stateCeremonies.includes(ceremony.toLowerCase()));
}

/**
 * "the state of Washington", "the governor of Washington": after "state of", not before a possessive, where it
 * is a condition ("the state of Washington's relations with Kyiv"). "The state of Washington politics" reads as
 * the state too: a mark left out costs less than a wrong one.
 */
function afterStateOf(text: string, c: Candidate): boolean {
  // Most places follow a word that does not end in "f" ("in", "to"): settled on two characters.
  if (c.start < 9 || !isSpace(text.charAt(c.start - 1)) || (text.charCodeAt(c.start - 2) | 0x20) !== 0x66) return false;
  const from = Math.max(0, c.start - 12);
  const m = STATE_WORDS_BEFORE.exec(text.slice(from, c.start));
  if (!m || (from + m.index > 0 && isLetterAt(text, from + m.index - 1))) return false;
  if ((m[1] as string).toLowerCase() === 'governor') return true;
  const apostrophe = text.charAt(c.end);
  const possessive =
    (apostrophe === "'" || apostrophe === '\u2019') &&
    (text.charAt(c.end + 1) === 's' || text.charAt(c.end + 1) === 'S') &&
    !isLetterAt(text, c.end + 2);
  return !possessive;
}

/** A capitalised word right after a name: one space, then a capital and at least one more letter. */
const FOLLOWING_WORD = /^[ \u00a0](\p{Lu}[\p{L}\p{M}]+)/u;

/**
 * "Washington Post", "Alaska Airlines", "Kremlin Cup", "Trump Tower", "Donald Trump Jr": a name of a person,
 * organisation or place followed by another capitalised word is part of a longer name, someone or something
 * else's, unless that word is a title ("Kremlin Spokesman", "Kyiv Mayor"), a word that keeps the place
 * ("Kyiv Oblast", `sameNameWords`), a day or month, or a name of ours ("Trump White House"), or the place
 * follows an envoy's title ("ambassador to Ukraine Simon Smith", `afterEnvoyTitle`), or the sentence is a
 * headline in title case ("Trump Meets Putin"). So is an event's phrase that ends in a name ("trip to
 * Alaska Airlines Field" is no trip to Alaska); one that ends in a common noun ("Alaska summit") is not, nor is
 * a topic ("Ceasefire Agreement" in a quote is still the ceasefire).
 */
function isInLongerName(text: string, c: Candidate, next: Candidate | undefined, index: MatcherIndex): boolean {
  if (c.id.startsWith('topic/') || (c.id.startsWith('event/') && !endsInName(text, c))) return false;
  const code = text.charCodeAt(c.end + 1);
  // Settled without a regular expression for most names: they are followed by punctuation or a lower-case word.
  if (!isSpace(text.charAt(c.end)) || Number.isNaN(code) || (code >= 0x61 && code <= 0x7a)) return false;
  const m = FOLLOWING_WORD.exec(text.slice(c.end, c.end + 40));
  // A word in capitals is a line in capitals ("PUTIN AND ZELENSKY") or an abbreviation ("Washington DC").
  if (!m || (next && next.start === c.end + 1) || m[1] === m[1]?.toUpperCase()) return false;
  const word = foldWord(m[1] as string);
  const { titles, sameNameWords, notPlaces } = MATCHER_DEFAULTS;
  if (titles.includes(word) || sameNameWords.includes(word) || notPlaces.includes(word)) return false;
  if (index.placeIds.has(c.id) && afterEnvoyTitle(text, c)) return false;
  return !inTitleCase(text, c.start);
}

/**
 * "ambassador to Ukraine Simon Smith", "envoy to Russia John Doe", "minister for Europe Jane Doe": a place right
 * after an envoy's title and "to" (`envoyTitles`) or "for" (`envoyForTitles`) is the place the envoy serves,
 * whatever capitalised word follows it (the envoy's name). After "to the" or "for the" so is a place whose name
 * English writes with "the" ("ambassador to the United States Jane Doe", "envoy to the UK John Smith", "envoy to
 * the Netherlands Jane Doe"), when a person's name follows it: there "the" may be an organisation's whose name
 * starts with the place ("the United States Conference of Mayors", "the US Senate"). Any other one-word place
 * there is a word of a longer name ("envoy to the Ukraine Recovery Conference"), and is not read so.
 */
function afterEnvoyTitle(text: string, c: Candidate): boolean {
  if (!isSpace(text.charAt(c.start - 1))) return false;
  let [preposition, from] = wordBefore(text, c.start - 1);
  const afterThe = preposition === 'the';
  if (afterThe && takesThe(text.slice(c.start, c.end)) && from >= 2 && isSpace(text.charAt(from - 1)))
    [preposition, from] = wordBefore(text, from - 1);
  const titles =
    preposition === 'to'
      ? MATCHER_DEFAULTS.envoyTitles
      : preposition === 'for'
        ? MATCHER_DEFAULTS.envoyForTitles
        : undefined;
  if (!titles || from < 2 || !isSpace(text.charAt(from - 1))) return false;
  if (!titles.includes(foldWord(wordBefore(text, from - 1)[0]))) return false;
  return !afterThe || namesPersonAfter(text, c.end);
}

/**
 * A place's name as written that takes "the": several words ("the United States"), capitals ("the UK") or one
 * of the one-word names English writes so ("the Netherlands": `placesNamedWithThe`).
 */
function takesThe(place: string): boolean {
  return (
    /\s/u.test(place) || place === place.toUpperCase() || MATCHER_DEFAULTS.placesNamedWithThe.includes(foldWord(place))
  );
}

/**
 * Whether the words after a place read as a person's name: two to `personNameMaxWords` capitalised words, initials
 * ("John F. Smith") and particles ("Hans van der Berg") among them, then a lower-case word or punctuation. A
 * single capitalised word is more often an institution ("the US Senate", "the UK Parliament") than a surname
 * written alone; a noun that heads an organisation's name ("Conference", "Committee": `organisationNouns`) or
 * "of" after the words ("Houses of Parliament") makes them an organisation's name.
 */
function namesPersonAfter(text: string, end: number): boolean {
  const { organisationNouns, nameParticles, personNameMaxWords } = MATCHER_DEFAULTS;
  let names = 0;
  for (let at = end; isSpace(text.charAt(at)) && names <= personNameMaxWords; ) {
    const [word, to] = wordAfter(text, at + 1);
    const initial = word.length === 1 && text.charAt(to) === '.';
    if (word && isUpperStart(word) && (initial || word !== word.toUpperCase())) {
      if (organisationNouns.includes(foldWord(word.replace(/['\u2019]s$/u, '')))) return false;
      names++;
    } else if (word === 'of') return false;
    else if (!nameParticles.includes(word)) break;
    at = initial ? to + 1 : to;
  }
  return names >= 2 && names <= personNameMaxWords;
}

/** The word starting at `from` (letters, with hyphens or apostrophes inside: "Thomas-Greenfield") and its end. */
function wordAfter(text: string, from: number): [string, number] {
  let to = from;
  while (isLetterAt(text, to) || (isInnerMark(text.charAt(to)) && to > from && isLetterAt(text, to + 1))) to++;
  return [text.slice(from, to), to];
}
const isInnerMark = (c: string) => isHyphen(c) || c === "'" || c === '\u2019';

/**
 * Whether a phrase of several words ends in a capitalised one (a name: "visit to Moscow", not "Moscow talks").
 * A topic's words are common nouns, which a quote may capitalise ("a mere Ceasefire Agreement").
 */
function endsInName(text: string, c: Candidate): boolean {
  let from = c.end;
  while (from > c.start && !isSpace(text.charAt(from - 1))) from--;
  return from > c.start && isUpperStart(text.slice(from, c.end));
}

/** Words of four letters or more that a headline in title case may still write in lower case. */
const HEADLINE_LOWER = new Set(['with', 'from', 'into', 'over', 'upon', 'than', 'that', 'about', 'after', 'amid']);

/**
 * Whether the sentence around `at` is written in title case (a headline): no lower-case word of four letters or
 * more, other than short prepositions, and at least three capitalised words. Prose always has some ("said").
 */
function inTitleCase(text: string, at: number): boolean {
  let from = at;
  while (from > 0 && at - from < 300 && !endsSentence(text, from - 1)) from--;
  let to = at;
  while (to < text.length && to - at < 300 && !endsSentence(text, to)) to++;
  let capitalised = 0;
  for (const [word] of text.slice(from, to).matchAll(/[\p{L}\p{M}]+/gu)) {
    if (/^\p{Lu}/u.test(word)) capitalised++;
    else if (word.length >= 4 && !HEADLINE_LOWER.has(word)) return false;
  }
  return capitalised >= 3;
}

/**
 * Whether the character at `at` ends a sentence: a line break, "!" or "?", or a full stop that is not an
 * abbreviation's (one followed by white space and a lower-case word, as in "Donald Trump Jr. said").
 */
function endsSentence(text: string, at: number): boolean {
  const c = text.charAt(at);
  if (c === '!' || c === '?' || c === '\n') return true;
  if (c !== '.') return false;
  let next = at + 1;
  if (!isSpace(text.charAt(next))) return true;
  while (isSpace(text.charAt(next))) next++;
  const code = text.charCodeAt(next);
  return !(code >= 0x61 && code <= 0x7a);
}

/** Whether the word at `start` opens a sentence or a block (only spaces, quotes or brackets before it). */
export function opensSentence(text: string, start: number): boolean {
  for (let p = start - 1; p >= 0; p--) {
    const c = text.charAt(p);
    if (/[.!?:\n\u2028\u2029]/.test(c)) return true;
    if (!/[\s"'“‘([«\u2014\u2013-]/.test(c)) return false;
  }
  return true;
}
