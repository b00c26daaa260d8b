// The tagger alone (compromise/two): the tags are all this module reads, and it loads faster than the whole library.
import nlp from 'compromise/two';

/** A stretch of the analysed text: UTF-16 offsets, `end` exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One word as the NLP library reads it, with its part-of-speech tags ("Person", "Place", "Date"…). */
export interface Term extends TextSpan {
  text: string;
  tags: ReadonlySet<string>;
  /** What follows the word up to the next one: "", " ", ", ", ".\n". */
  after: string;
  /** Index of its sentence. */
  sentence: number;
}

/** A text split into sentences and tagged words. */
export interface AnalysedText {
  text: string;
  sentences: TextSpan[];
  terms: Term[];
}

interface NlpTerm {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface NlpSentence {
  offset: { start: number; length: number };
  terms: NlpTerm[];
}

/**
 * Splits a text into sentences and words and tags each word, with compromise (offline English NLP).
 * A line break always ends a sentence: headlines, bylines and datelines stand on lines of their own.
 */
export function analyseText(text: string): AnalysedText {
  const json = nlp(text).json({ offset: true, terms: { offset: true } }) as NlpSentence[];
  const sentences: TextSpan[] = [];
  const terms: Term[] = [];
  for (const sentence of json) {
    let start = sentence.offset.start;
    const end = start + sentence.offset.length;
    // compromise keeps "Headline\nFirst sentence" together at times; cut at every line break.
    for (const line of text.slice(start, end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      const trimmed = line.trim();
      if (trimmed) sentences.push({ start: start + lead, end: start + lead + trimmed.length });
      start += line.length + 1;
    }
    for (const term of sentence.terms) {
      const at = term.offset.start;
      const written = text.slice(at, at + term.offset.length);
      terms.push({
        text: written,
        start: at,
        end: at + term.offset.length,
        tags: new Set(term.tags),
        after: term.post,
        sentence: -1,
      });
    }
  }
  let s = 0;
  for (const term of terms) {
    while (s < sentences.length - 1 && (sentences[s] as TextSpan).end <= term.start) s++;
    term.sentence = s;
  }
  return { text, sentences, terms };
}
