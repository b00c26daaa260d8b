/** One mention found in a text: UTF-16 offsets into the input, `end` exclusive. */
export interface Match {
  id: string;
  start: number;
  end: number;
}

/**
 * What `findCandidates` reports: a mention, or, with `context` (a rule index), a mention of an alias marked
 * only in context, which `PageContext` decides; the plain reading of its words follows it.
 */
export interface Candidate extends Match {
  context?: number;
}
