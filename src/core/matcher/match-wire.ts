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
 * numbers (start, end, entity, context rule + 1 or 0) and one list of the entity ids they refer to. This form is
 * a fraction of the size of `Candidate` objects, and so of the page's work to read it, whether the message is
 * serialised as JSON (Chrome before 148) or cloned (Chromium's build asks for structured clones; Firefox always
 * clones): plain arrays, so it survives both.
 */
export interface MatchReply {
  ids: string[];
  /** Per text asked for: 4 numbers per candidate, in the order `findCandidates` gave them. */
  found: number[][];
}

const FIELDS = 4;

/**
 * Texts as they travel from a page to the background to be matched: one string, the texts one after another,
 * and each text's length. Where an extension message is serialised as JSON (Chrome before 148), `JSON.stringify`
 * of a live blog's thousands of block texts took 24 to 44 ms of the page's main thread per megabyte where the
 * same texts joined took 8 to 19 (the join included; docs/measurements.md, the page's twenty-third round).
 */
export interface TextBatch {
  text: string;
  lengths: number[];
}

/** The batch of `texts`. */
export function encodeTexts(texts: readonly string[]): TextBatch {
  return { text: texts.join(''), lengths: texts.map((text) => text.length) };
}

/** The texts of a batch. Throws on a batch of another shape, or whose lengths do not add up to its text. */
export function decodeTexts(batch: TextBatch): string[] {
  if (!batch || typeof batch.text !== 'string' || !Array.isArray(batch.lengths))
    throw new Error('text batch: expected a text and its lengths');
  const texts: string[] = [];
  let at = 0;
  for (const length of batch.lengths) {
    if (!Number.isInteger(length) || length < 0 || at + length > batch.text.length)
      throw new Error('text batch: a length runs past the text');
    texts.push(batch.text.slice(at, at + length));
    at += length;
  }
  if (at !== batch.text.length) throw new Error('text batch: the lengths leave text over');
  return texts;
}

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
