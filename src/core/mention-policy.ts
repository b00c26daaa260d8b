/**
 * Which of a page's mentions are drawn. Drawing is the only thing a policy changes: every mention stays
 * found, hoverable, counted and reachable from the keyboard; a quiet policy only leaves some undrawn, the
 * way an encyclopedia links a term where it first matters and not every time it recurs.
 */
import type { Entity, EntityKind } from './dataset-schema.ts';

/**
 * - `every`: every mention.
 * - `first`: the first mention of each entity on the page.
 * - `first-per-screen`: the first mention of each entity in each section (a heading starts one) and again
 *   on each new screen of a long section, so a reader who scrolled on finds the name marked again.
 * - `familiar-once`: familiar places (countries, continents, world capitals: `familiar: true` in the
 *   dataset) at their first mention only; everything else at every mention.
 */
export const MARKING_POLICIES = ['every', 'first', 'first-per-screen', 'familiar-once'] as const;
export type MarkingPolicy = (typeof MARKING_POLICIES)[number];

/** A mention as the policy sees it, in document order. */
export interface PolicyMention {
  id: string;
  kind: EntityKind;
  /**
   * The section it is in, counted from 0 in document order: each heading (any level) is a section of its
   * own and so is the text after it, so a headline's names never use up the first mention in the body.
   */
  section: number;
  /** Which screenful of the page it is on (its top divided by the viewport's height), where known. */
  screen?: number;
}

/**
 * The section of each block of a page, from whether each block (in document order) is a heading: each
 * heading is a section of its own, and so is the run of text after it (see `PolicyMention.section`).
 */
export function sectionsOf(headings: readonly boolean[]): number[] {
  let section = 0;
  return headings.map((heading, i) => {
    if (i > 0 && (heading || headings[i - 1])) section += 1;
    return section;
  });
}

/** What the policy knows about the dataset: which entities are familiar places. */
export interface PolicyData {
  familiar: ReadonlySet<string>;
}

/**
 * For each mention (in document order), whether it is drawn under `policy`. Pure and linear in the number
 * of mentions; the caller keeps every mention for hover, counts and keyboard navigation whatever this says.
 */
export function drawnMentions(mentions: readonly PolicyMention[], policy: MarkingPolicy, data: PolicyData): boolean[] {
  const seen = new Set<string>();
  return mentions.map((mention) => {
    const key = drawKey(mention, policy, data);
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The stretch of the page within which only the first mention of an entity is drawn; undefined: all are. */
function drawKey(mention: PolicyMention, policy: MarkingPolicy, data: PolicyData): string | undefined {
  switch (policy) {
    case 'every':
      return undefined;
    case 'first':
      return mention.id;
    case 'first-per-screen':
      return `${mention.id}\u0000${mention.section}\u0000${mention.screen ?? 0}`;
    case 'familiar-once':
      return mention.kind === 'place' && data.familiar.has(mention.id) ? mention.id : undefined;
  }
}

/** What the content script needs of the dataset to apply a policy, compiled to `marking.json`. */
export interface CompiledMarking {
  /** Ids of the places marked `familiar`, sorted. */
  familiar: string[];
}

/** The marking data of a dataset: its familiar places. */
export function compileMarking(entities: readonly Entity[]): CompiledMarking {
  return {
    familiar: entities
      .filter((entity) => entity.kind === 'place' && entity.familiar)
      .map((entity) => entity.id)
      .sort(),
  };
}

/** The policy data from the compiled file. */
export function loadMarking(compiled: CompiledMarking): PolicyData {
  return { familiar: new Set(compiled.familiar) };
}
