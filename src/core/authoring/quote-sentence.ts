import type { TextSpan } from './analyse-text.ts';
import { AUTHORING_DEFAULTS } from './authoring-defaults.ts';

/** Punctuation a quote does not end on: a cut after "Ukraine," reads better as "Ukraine". */
const TRAILING = /[\s,;:–—-]+$/u;

/**
 * The verbatim quote a citation of a mention takes: its whole sentence when short, otherwise a window of
 * `maxWords` words around the mention. Always an exact substring of `text`, so the validator finds it.
 */
export function quoteSentence(
  text: string,
  sentence: TextSpan,
  mention: TextSpan,
  maxWords: number = AUTHORING_DEFAULTS.maxQuoteWords,
): string {
  const words = [...text.slice(sentence.start, sentence.end).matchAll(/\S+/g)].map((m) => ({
    start: sentence.start + m.index,
    end: sentence.start + m.index + m[0].length,
  }));
  if (words.length <= maxWords) return text.slice(sentence.start, sentence.end).replace(TRAILING, '');
  const first = Math.max(
    0,
    words.findIndex((w) => w.end > mention.start),
  );
  let last = words.findIndex((w) => w.end >= mention.end);
  if (last < 0) last = words.length - 1;
  // Centre the mention, then slide the window back inside the sentence.
  const spare = Math.max(0, maxWords - (last - first + 1));
  let from = Math.max(0, first - Math.floor(spare / 2));
  const to = Math.min(words.length - 1, from + maxWords - 1);
  from = Math.max(0, Math.min(from, to - maxWords + 1));
  const start = (words[from] as TextSpan).start;
  const end = (words[to] as TextSpan).end;
  return text.slice(start, end).replace(TRAILING, '');
}
