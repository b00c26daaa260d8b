import type { EventDate } from '../dataset-schema.ts';
import type { AnalysedText, TextSpan } from './analyse-text.ts';
import { NOT_NAMES } from './name-words.ts';

/** An event a sentence names with a date: "talks in Istanbul … on Wednesday". */
export interface DatedEvent {
  /** The phrase as written ("summit in Alaska"). */
  phrase: string;
  span: TextSpan;
  sentence: number;
  date: EventDate;
  /** Said in the future tense ("will meet"): announced rather than held. */
  future: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const DATE_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\b(\\d{1,2}) ${MONTH}(?:,? (\\d{4}))?\\b`, 'g'),
  new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'g'),
  new RegExp(`\\b(?:in|since|until|by|from|early|late|mid-?) ${MONTH}(?: (\\d{4}))?\\b`, 'g'),
  /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
];
/** Nouns that name an occurrence; a phrase needs one and a word that says which ("Alaska summit", "talks in Istanbul"). */
const EVENT_NOUN =
  /\b((?:[A-Z][\p{L}-]+|three-way|trilateral|bilateral|phone|face-to-face|sanctions) )?([Ss]ummit|[Tt]alks|[Mm]eeting|[Cc]all|[Vv]isit|[Dd]eal|[Aa]greement|[Cc]easefire|[Dd]eadline|[Cc]onference|[Nn]egotiations|[Ii]nvasion|[Rr]eferendum|[Ee]lection)\b((?: (?:in|between) [A-Z][\p{L}-]+(?: (?:and )?[A-Z][\p{L}-]+)?))?/gu;
const FUTURE = /\b(will|would|to be held|is due|are due|plans? to|planned|scheduled|next|upcoming|expected to)\b/i;
/** The future tense right before a date ("will meet on Friday", "next Friday"), not anywhere in the sentence. */
const FUTURE_BEFORE_DATE =
  /\b(?:will|shall|to|is due|are due|scheduled|planned|next)\b(?:\s+\S+){0,2}\s+(?:on\s+|by\s+|for\s+)?$/i;

/**
 * Events a text names with a date in the same sentence, each with the date as precise as the text and the
 * publication date allow: "15 August 2025" is stated; "August 15" takes the year, and "on Wednesday" the day,
 * from the publication date (then `inferred`, with a note saying so).
 */
export function findDatedEvents(analysed: AnalysedText, published: string | undefined): DatedEvent[] {
  const events: DatedEvent[] = [];
  analysed.sentences.forEach((sentence, index) => {
    const text = analysed.text.slice(sentence.start, sentence.end);
    const date = firstDate(text, published);
    if (!date) return;
    for (const match of text.matchAll(EVENT_NOUN)) {
      const modifier = match[1]?.trim().toLowerCase();
      // "the summit", "a call", "The talks": generic.
      if ((!modifier || NOT_NAMES.has(modifier)) && !match[3]) continue;
      const start = sentence.start + match.index;
      const phrase = match[0];
      events.push({
        phrase,
        span: { start, end: start + phrase.length },
        sentence: index,
        date,
        future: FUTURE.test(text),
      });
    }
  });
  return events;
}

/** The first date a sentence gives, resolved against the publication date (YYYY-MM-DD) when it needs one. */
export function firstDate(sentence: string, published: string | undefined): EventDate | undefined {
  let best: { at: number; date: EventDate } | undefined;
  const consider = (at: number, date: EventDate | undefined) => {
    if (date && (!best || at < best.at)) best = { at, date };
  };
  const year = published?.slice(0, 4);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const pattern of DATE_PATTERNS) {
    for (const m of sentence.matchAll(pattern)) {
      const words = m.slice(1);
      const monthWord = words.find((w) => w && MONTHS.includes(w.toLowerCase()));
      const weekday = words.find((w) => w && WEEKDAYS.includes(w.toLowerCase()));
      const explicitYear = words.find((w) => w && /^\d{4}$/.test(w));
      const day = words.find((w) => w && /^\d{1,2}$/.test(w));
      if (monthWord) {
        const month = pad(MONTHS.indexOf(monthWord.toLowerCase()) + 1);
        const y = explicitYear ?? year;
        if (!y) continue;
        const on = day ? `${y}-${month}-${pad(Number(day))}` : `${y}-${month}`;
        consider(
          m.index,
          explicitYear
            ? { on, inferred: false }
            : { on, inferred: true, note: `"${m[0]}" in an article published ${published}` },
        );
      } else if (weekday && published && /^\d{4}-\d{2}-\d{2}$/.test(published)) {
        const future = FUTURE_BEFORE_DATE.test(sentence.slice(0, m.index));
        const on = nearestWeekday(published, WEEKDAYS.indexOf(weekday.toLowerCase()), future);
        consider(m.index, { on, inferred: true, note: `"${weekday}" in an article published ${published}` });
      }
    }
  }
  return best?.date;
}

/** The given weekday on or before the publication day, or, for the future tense, after it. */
function nearestWeekday(published: string, weekday: number, future: boolean): string {
  const day = new Date(`${published}T00:00:00Z`);
  const shift = future ? (weekday - day.getUTCDay() + 7) % 7 || 7 : -((day.getUTCDay() - weekday + 7) % 7);
  day.setUTCDate(day.getUTCDate() + shift);
  return day.toISOString().slice(0, 10);
}
