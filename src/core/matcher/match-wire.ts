import type { CompiledMarking } from '../mention-policy.ts';
import type { Candidate } from './match.ts';
import type { ContextRules } from './page-context.ts';

/** What a page needs before it marks anything: the marking policy's table and the context rules. */
export interface PageRules {
  marking: CompiledMarking;
  rules: ContextRules;
}

/**
 * Candidates as they travel from the background, which matches, to a page, which marks: per text, a flat list of
 * numbers (start, end, entity, context rule + 1 or 0) and one list of the entity ids they refer to. Extension
 * messages are serialised as JSON; this form is a fraction of the size of `Candidate` objects, and so of the
 * page's work to read it.
 */
export interface MatchReply {
  ids: string[];
  /** Per text asked for: 4 numbers per candidate, in the order `findCandidates` gave them. */
  found: number[][];
}

const FIELDS = 4;

/** The reply for the candidates of each text (`findCandidates`' output, per text). */
export function encodeCandidates(lists: readonly (readonly Candidate[])[]): MatchReply {
  const ids: string[] = [];
  const numberOf = new Map<string, number>();
  const found = lists.map((candidates) => {
    const flat: number[] = [];
    for (const { id, start, end, context } of candidates) {
      let n = numberOf.get(id);
      if (n === undefined) {
        n = ids.push(id) - 1;
        numberOf.set(id, n);
      }
      flat.push(start, end, n, context === undefined ? 0 : context + 1);
    }
    return flat;
  });
  return { ids, found };
}

/**
 * The candidates of each text from a reply, for `texts` texts. Throws on a reply of another shape (a background
 * of another version, mid-update), so the page marks nothing rather than something wrong.
 */
export function decodeCandidates(reply: MatchReply, texts: number): Candidate[][] {
  if (!reply || !Array.isArray(reply.ids) || !Array.isArray(reply.found) || reply.found.length !== texts)
    throw new Error(`match reply: expected candidates for ${texts} texts`);
  return reply.found.map((flat) => {
    if (!Array.isArray(flat) || flat.length % FIELDS !== 0) throw new Error('match reply: a list of candidates is cut');
    const candidates: Candidate[] = [];
    for (let i = 0; i < flat.length; i += FIELDS) {
      const id = reply.ids[flat[i + 2] as number];
      if (id === undefined) throw new Error('match reply: a candidate names no id');
      const context = flat[i + 3] as number;
      const candidate: Candidate = { id, start: flat[i] as number, end: flat[i + 1] as number };
      if (context > 0) candidate.context = context - 1;
      candidates.push(candidate);
    }
    return candidates;
  });
}
