import { findCandidates } from './find-matches.ts';
import type { MatcherIndex } from './load-matcher.ts';
import type { Match } from './match.ts';
import { PageContext } from './page-context.ts';

/**
 * The final marks of a whole page given as its text blocks (one paragraph each, as the content script and
 * `news-context scan` read them): every block is evidence for every other, so the result equals what the
 * content script shows once it has scanned all blocks. One array of marks per block.
 */
export function scanPage(blocks: readonly string[], index: MatcherIndex): Match[][] {
  const context = new PageContext(index);
  const candidates = blocks.map((text) => findCandidates(text, index));
  for (const found of candidates) context.observe(found);
  return candidates.map((found) => context.decide(found).map(({ id, start, end }) => ({ id, start, end })));
}
