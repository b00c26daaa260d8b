import type { EntityKind } from '../dataset-schema.ts';
import { foldText } from '../fold-text.ts';
import { knownWords } from '../matcher/known-words.ts';
import type { AnalysedText, Term, TextSpan } from './analyse-text.ts';
import { AUTHORING_DEFAULTS } from './authoring-defaults.ts';
import {
  EVENT_HEADS,
  NAME_CONNECTORS,
  NOT_NAMES,
  ORGANIZATION_HEADS,
  PERSON_TITLES,
  PLACE_HEADS,
} from './name-words.ts';

/** The kinds a new name can be proposed as. */
export type NameKind = Extract<EntityKind, 'person' | 'organization' | 'place' | 'event'>;

/** A name the pack lacks, as `draft` proposes it. */
export interface NewName {
  /** The fullest form the text uses. */
  name: string;
  kind: NameKind;
  /** Every form the text uses, longest first. */
  aliases: string[];
  mentions: TextSpan[];
  /** Mentions plus the bonuses for a headline or lead mention: the ranking key. */
  score: number;
  inHeadline: boolean;
  inLead: boolean;
}

/** Where a text is: its analysis, what the pack already marks in it, and which sentence is a headline. */
export interface NameContext {
  analysed: AnalysedText;
  /** Spans the matcher marks as known entities: words inside them are never new names. */
  known: readonly TextSpan[];
  /** Index of the headline's sentence, when the text starts with one. */
  headline?: number;
}

interface Occurrence extends TextSpan {
  surface: string;
  words: string[];
  votes: Partial<Record<NameKind, number>>;
  sentence: number;
}

const UPPER = /^\p{Lu}/u;
const POSSESSIVE = /['’]s$|['’]$/u;
const ACRONYM = /^\p{Lu}{2,6}$/u;
const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];
const PLACE_TAGS = ['Place', 'Country', 'City', 'Region'];
const DATE_TAGS = ['Date', 'Month', 'WeekDay', 'Holiday', 'Value'];

/**
 * Names in a text that the pack does not know: runs of capitalised words (the words the matcher would
 * mark), read with compromise's part-of-speech tags for their kind, titles and sentence-initial words left
 * out. Short forms ("Ushakov") join the full name they shorten ("Yuri Ushakov"). Ranked by score, best first.
 */
export function findNewNames(context: NameContext): NewName[] {
  // compromise reads "Russian" as a demonym in one sentence and an organisation in the next: once is enough.
  const demonyms = new Set(
    context.analysed.terms.filter((t) => t.tags.has('Demonym')).map((t) => t.text.toLowerCase()),
  );
  const occurrences = capitalisedRuns(context).flatMap((run) => splitRun(run, context, demonyms));
  return rankNames(mergeForms(occurrences), context);
}

/** Maximal runs of capitalised words (with connectors inside) in one sentence, split at known mentions. */
function capitalisedRuns({ analysed, known }: NameContext): Term[][] {
  const runs: Term[][] = [];
  let run: Term[] = [];
  const close = () => {
    while (run.length > 0 && !UPPER.test((run[run.length - 1] as Term).text)) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  const isKnown = (term: Term) => known.some((span) => span.start < term.end && term.start < span.end);
  for (const term of analysed.terms) {
    const previous = run[run.length - 1];
    const joined = previous !== undefined && previous.sentence === term.sentence && /^ ?$/.test(previous.after);
    if (!joined || (previous && POSSESSIVE.test(previous.text))) close();
    if (isKnown(term)) {
      close();
      continue;
    }
    // "U.S.-brokered", "Russia-backed": an adjective, not a name.
    if (/-\p{Ll}+$/u.test(term.text)) close();
    else if (UPPER.test(term.text)) run.push(term);
    else if (run.length > 0 && NAME_CONNECTORS.has(term.text.toLowerCase())) run.push(term);
    else close();
  }
  close();
  return runs;
}

/** The word of a term as the lists hold it: "Presidents" and "We're" read as "presidents" and "we". */
function lowerWord(term: Term): string {
  return term.text
    .replace(POSSESSIVE, '')
    .replace(/['’]\p{L}+$/u, '')
    .toLowerCase();
}

function isTitle(term: Term): boolean {
  const word = lowerWord(term);
  return PERSON_TITLES.has(word) || PERSON_TITLES.has(word.replace(/s$/, ''));
}

/**
 * Splits a run where two names meet ("Ukraine Simon Smith") or a title stands between them ("U.S. Secretary
 * of State Marco Rubio": "U.S." and, titled, "Marco Rubio"), then trims each part.
 */
function splitRun(run: Term[], context: NameContext, demonyms: ReadonlySet<string>): Occurrence[] {
  const has = (term: Term | undefined, tags: readonly string[]) => tags.some((tag) => term?.tags.has(tag));
  for (let i = 1; i < run.length; i++) {
    const before = run[i - 1];
    if (has(run[i], ['FirstName']) && has(before, PLACE_TAGS) && !has(before, PERSON_TAGS)) {
      return [...splitRun(run.slice(0, i), context, demonyms), ...splitRun(run.slice(i), context, demonyms)];
    }
  }
  // "Foreign Ministry", "State Department": the title word is part of an organisation's name.
  const head = lowerWord(run[run.length - 1] as Term);
  let last = -1;
  for (let i = 0; i < run.length; i++) if (isTitle(run[i] as Term)) last = i;
  if (ORGANIZATION_HEADS.has(head) || last < 0) return trimRun(run, context, demonyms, false);
  let first = last;
  while (first > 0 && isTitle(run[first - 1] as Term)) first--;
  let name = last + 1;
  // "Secretary of State", "Minister of Defence": the office's complement goes with the title.
  if (run[name] && lowerWord(run[name] as Term) === 'of') name += 2;
  return [
    ...(first > 0 ? trimRun(run.slice(0, first), context, demonyms, false) : []),
    ...(name < run.length ? trimRun(run.slice(name), context, demonyms, true) : []),
  ];
}

/** Drops common words, demonyms and dates from the ends of a run; what is left, if a name, is one occurrence. */
function trimRun(run: Term[], { analysed }: NameContext, demonyms: ReadonlySet<string>, titled: boolean): Occurrence[] {
  const words = run.slice();
  // "told The Guardian": a capitalised "The" inside a sentence starts a title, whatever words follow.
  const opener = run[0] as Term;
  const titledThe = opener.text === 'The' && analysed.sentences[opener.sentence]?.start !== opener.start;
  const isDate = (term: Term) => DATE_TAGS.some((tag) => term.tags.has(tag));
  const isDemonym = (term: Term) => demonyms.has(term.text.toLowerCase());
  const dropsAtStart = (term: Term) =>
    NOT_NAMES.has(lowerWord(term)) || NAME_CONNECTORS.has(lowerWord(term)) || isDemonym(term) || isDate(term);
  while (words.length > 0 && dropsAtStart(words[0] as Term)) words.shift();
  const dropsAtEnd = (term: Term) =>
    NOT_NAMES.has(lowerWord(term)) || NAME_CONNECTORS.has(lowerWord(term)) || isDate(term);
  while (words.length > 0 && dropsAtEnd(words[words.length - 1] as Term)) words.pop();
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return [];
  if (words.length === 1 && isTitle(first)) return [];
  const start = first.start;
  const end = last.end - (POSSESSIVE.exec(last.text)?.[0].length ?? 0);
  const surface = analysed.text.slice(start, end);
  const names = words.map(lowerWord);
  if (words.every(isDemonym)) return [];
  if (titleCase(analysed, first.sentence) && words.some((term) => isOrdinaryWord(term, analysed))) return [];
  // Capitalised for emphasis ("go directly to a Peace Agreement"): every word is also written in lower case.
  if (words.length > 1 && words.every((term) => isOrdinaryWord(term, analysed))) return [];
  if (words.length === 1 && !titledThe && !looksLikeName(first, analysed)) return [];
  const at = analysed.terms.indexOf(first);
  const before = analysed.terms
    .slice(Math.max(0, at - PLACE_CUE_WINDOW), at)
    .filter((t) => t.sentence === first.sentence);
  const votes = kindVotes(words, names, titled, analysed.terms[analysed.terms.indexOf(last) + 1], before);
  if (titledThe) votes.organization = (votes.organization ?? 0) + 1;
  // An event's name needs a word of its own ("Alaska Summit"); "Peace Agreement" is a common noun capitalised.
  if (kindOf([{ votes } as Occurrence]) === 'event' && words.every((term) => isOrdinaryWord(term, analysed, true))) {
    return [];
  }
  return [{ start, end, surface, words: names, votes, sentence: first.sentence }];
}

/** A single capitalised word is a name when tagged as one, or never written in lower case in the text. */
function looksLikeName(term: Term, analysed: AnalysedText): boolean {
  const word = term.text.replace(POSSESSIVE, '');
  if (word.length < 2) return false;
  if (ACRONYM.test(word)) return true;
  // The matcher's list of ordinary words and demonyms: "Russian" in "Russian oil" is not a name, "Anchorage" (a city) is.
  const tagged = (tags: string[]) => tags.some((tag) => term.tags.has(tag));
  if (knownWords().has(word.toLowerCase()) && !tagged([...PERSON_TAGS, ...PLACE_TAGS, 'Organization'])) return false;
  if (['ProperNoun', ...PERSON_TAGS, ...PLACE_TAGS, 'Organization'].some((tag) => term.tags.has(tag))) {
    const sentenceStart = analysed.sentences[term.sentence]?.start === term.start;
    if (!sentenceStart) return true;
  }
  return !new RegExp(`(?<![\\p{L}])${escapeRegExp(word.toLowerCase())}(?![\\p{L}])`, 'u').test(analysed.text);
}

/** A sentence in title case ("Putin Names His Price at Alaska Summit"): most of its words capitalised. */
function titleCase(analysed: AnalysedText, sentence: number): boolean {
  const words = analysed.terms.filter((t) => t.sentence === sentence && /^\p{L}/u.test(t.text));
  return words.length >= 4 && words.filter((t) => UPPER.test(t.text)).length / words.length > 0.7;
}

/**
 * A word the text also writes in lower case: in a title-case headline it says nothing about a name. With
 * `dictionary`, also a word of the matcher's list of ordinary English words.
 */
function isOrdinaryWord(term: Term, analysed: AnalysedText, dictionary = false): boolean {
  const word = term.text.replace(POSSESSIVE, '').toLowerCase();
  if (NOT_NAMES.has(word) || (dictionary && knownWords().has(word))) return true;
  return new RegExp(`(?<![\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, 'u').test(analysed.text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many words before a name are read for a place noun ("cities such as Kramatorsk and Sloviansk"). */
const PLACE_CUE_WINDOW = 5;
const PLACE_NOUNS = new Set(['cities', 'towns', 'villages', 'regions', 'provinces', 'countries', 'capitals', 'ports']);
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'across']);

/** Reporting verbs after a name that is not a person's: "Reuters reported", "the Reuters report". */
const REPORTED = new Set(['reported', 'reports', 'report']);

/**
 * Evidence for each kind: the name's head word (strongest), compromise's tags, a title before it, and
 * "reported" after a name compromise does not tag as a person (news agencies are often read as places).
 */
function kindVotes(
  terms: Term[],
  words: string[],
  titled: boolean,
  next: Term | undefined,
  before: readonly Term[],
): Partial<Record<NameKind, number>> {
  const votes: Partial<Record<NameKind, number>> = {};
  const add = (kind: NameKind, weight: number) => {
    votes[kind] = (votes[kind] ?? 0) + weight;
  };
  // The head of "Armed Forces of Ukraine" or "Ministry of Foreign Affairs" is the word before "of".
  const connector = words.findIndex((word, i) => i > 0 && NAME_CONNECTORS.has(word));
  const head = words[connector > 0 ? connector - 1 : words.length - 1] ?? '';
  if (ORGANIZATION_HEADS.has(head)) add('organization', 3);
  if (PLACE_HEADS.has(head)) add('place', 3);
  if (EVENT_HEADS.has(head)) add('event', 3);
  if (terms.some((t) => t.tags.has('Organization'))) add('organization', 2);
  if (terms.some((t) => PLACE_TAGS.some((tag) => t.tags.has(tag)))) add('place', 2);
  if (terms.some((t) => PERSON_TAGS.some((tag) => t.tags.has(tag)) && !t.tags.has('Honorific'))) add('person', 2);
  if (titled) add('person', 1);
  if (terms.length === 1 && ACRONYM.test(terms[0]?.text ?? '')) add('organization', 1);
  if (next && REPORTED.has(next.text.toLowerCase()) && !votes.person) add('organization', 3);
  // "cities such as Kramatorsk and Sloviansk", "in Anchorage": what comes before says place.
  if (before.some((t) => PLACE_NOUNS.has(t.text.toLowerCase()))) add('place', 2);
  if (PLACE_PREPOSITIONS.has(before[before.length - 1]?.text.toLowerCase() ?? '') && !votes.person) add('place', 1);
  return votes;
}

interface Group {
  key: string;
  words: string[];
  occurrences: Occurrence[];
}

/** Groups occurrences by their folded form, then joins a shorter form to the one longer name it is part of. */
function mergeForms(occurrences: Occurrence[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const occurrence of occurrences) {
    const key = foldText(occurrence.surface);
    const group = byKey.get(key) ?? { key, words: occurrence.words, occurrences: [] };
    group.occurrences.push(occurrence);
    byKey.set(key, group);
  }
  const groups = [...byKey.values()].sort((a, b) => b.words.length - a.words.length);
  const kept: Group[] = [];
  for (const group of groups) {
    // "Ukraine" is not a short form of "Armed Forces of Ukraine": a short form has no other kind of its own.
    const kind = kindOf(group.occurrences);
    const longer = kept.filter(
      (other) =>
        other.words.length > group.words.length &&
        containsWords(other.words, group.words) &&
        (kind === undefined || kind === kindOf(other.occurrences)),
    );
    if (longer.length === 1) (longer[0] as Group).occurrences.push(...group.occurrences);
    else kept.push(group);
  }
  return kept;
}

/** The kind the occurrences' votes favour, if any. */
function kindOf(occurrences: readonly Occurrence[]): NameKind | undefined {
  const votes: Partial<Record<NameKind, number>> = {};
  for (const occurrence of occurrences) {
    for (const [kind, weight] of Object.entries(occurrence.votes) as [NameKind, number][]) {
      votes[kind] = (votes[kind] ?? 0) + weight;
    }
  }
  return (Object.entries(votes) as [NameKind, number][]).sort((a, b) => b[1] - a[1])[0]?.[0];
}

function containsWords(whole: readonly string[], part: readonly string[]): boolean {
  for (let i = 0; i + part.length <= whole.length; i++) {
    if (part.every((word, j) => whole[i + j] === word)) return true;
  }
  return false;
}

/** Decides each group's kind from its votes, drops names with too little evidence, and ranks the rest. */
function rankNames(groups: Group[], { headline }: NameContext): NewName[] {
  const names: NewName[] = [];
  for (const group of groups) {
    const kind = kindOf(group.occurrences);
    const count = group.occurrences.length;
    if (!kind && count < AUTHORING_DEFAULTS.minMentionsWithoutKind) continue;
    const surfaces = new Map<string, number>();
    for (const { surface } of group.occurrences) surfaces.set(surface, (surfaces.get(surface) ?? 0) + 1);
    const aliases = [...surfaces.keys()].sort(
      (a, b) => b.length - a.length || (surfaces.get(b) ?? 0) - (surfaces.get(a) ?? 0),
    );
    const mentions = group.occurrences.map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start);
    const sentences = group.occurrences.map((o) => o.sentence);
    const inHeadline = headline !== undefined && sentences.includes(headline);
    const leadEnd = (headline ?? -1) + AUTHORING_DEFAULTS.leadSentences;
    const inLead = sentences.some((s) => s !== headline && s <= leadEnd);
    const score =
      count + (inHeadline ? AUTHORING_DEFAULTS.headlineBonus : 0) + (inLead ? AUTHORING_DEFAULTS.leadBonus : 0);
    names.push({
      name: aliases[0] as string,
      kind: kind ?? (ACRONYM.test(aliases[0] as string) ? 'organization' : 'place'),
      aliases,
      mentions,
      score,
      inHeadline,
      inLead,
    });
  }
  return names.sort((a, b) => b.score - a.score || (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}
