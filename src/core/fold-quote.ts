/**
 * Folds what may differ between a quote and its source without changing the words:
 * runs of white space, and curly versus straight quote marks.
 */
export function foldForQuote(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
