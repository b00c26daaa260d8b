/** Thresholds and limits of the authoring tools (`add-source`, `draft`, `review`), in one place. */
export const AUTHORING_DEFAULTS = Object.freeze({
  /** Fewer words than this after extraction is not an article (a login page, a section front, an empty file). */
  minArticleWords: 80,
  /** Share of a new text's word 5-grams found in an existing source above which it is the same article. */
  duplicateShingleShare: 0.8,
  /** Words per shingle for the duplicate check. */
  shingleWords: 5,
  /** A source id is the headline's first words, at most this many characters. */
  maxIdLength: 60,
  /** Quotes longer than this many words are cut to a window around the mention (the schema allows 40). */
  maxQuoteWords: 30,
  /** Candidate facts proposed per entity: the first sentences that mention it. */
  maxCandidateFacts: 5,
  /** A headline is a first line of at most this many words that does not end like a sentence. */
  maxHeadlineWords: 25,
  /** Ranking of new names: each mention counts 1; these are added once. */
  headlineBonus: 2,
  leadBonus: 1,
  /** The lead: this many first sentences of the article. */
  leadSentences: 3,
  /** Names with no kind evidence are proposed only when mentioned at least this often. */
  minMentionsWithoutKind: 2,
});

/** Every text an editor must still write starts with this; `review` refuses to accept a draft that has one. */
export const PLACEHOLDER = 'TODO';
