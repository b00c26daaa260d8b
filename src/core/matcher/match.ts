/** One mention found in a text: UTF-16 offsets into the input, `end` exclusive. */
export interface Match {
  id: string;
  start: number;
  end: number;
}

/**
 * What `findCandidates` reports: a mention, or one that depends on the page.
 * - `context` (a rule index): the alias is marked only in context; `PageContext` decides.
 * - `fallback`: the reading of the words of the context candidate just before it, marked only when that
 *   candidate is not ("summit with Putin" held back leaves "Putin").
 */
export interface Candidate extends Match {
  context?: number;
  fallback?: true;
}
