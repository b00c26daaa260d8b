import type { MatcherIndex } from './load-matcher.ts';
import type { Candidate } from './match.ts';

/**
 * What a page's context needs of the matcher: its context rules (`MatcherIndex.contexts`, by index: a
 * candidate's `context`) and the ids their entity numbers refer to. A whole index is one; `contextRulesOf`
 * gives the few ids the rules use, which is what the background sends a page.
 */
export type ContextRules = Pick<MatcherIndex, 'ids' | 'contexts'>;

/** The context rules of an index with only the ids they name (rule numbers, and so candidates, unchanged). */
export function contextRulesOf(index: ContextRules): ContextRules {
  const ids: string[] = [];
  const renumbered = new Map<number, number>();
  const contexts = index.contexts.map(([of, min]): [number[], number] => [
    of.map((n) => {
      let local = renumbered.get(n);
      if (local === undefined) {
        local = ids.push(index.ids[n] as string) - 1;
        renumbered.set(n, local);
      }
      return local;
    }),
    min,
  ]);
  return { ids, contexts };
}

/**
 * Reading in context: what a page mentions decides its context-only aliases. "ceasefire" is the Russia–Ukraine
 * ceasefire on a page that also names enough of the entities its rule lists (Kyiv, Putin, Zelensky…), and
 * nothing on a page about Gaza. Entity linkers (TagMe, AIDA) decide ambiguous mentions by the same kind of
 * coherence with the rest of the document.
 *
 * Evidence is every candidate that needs no context (the plain reading of held-back words included: "Putin"
 * in a held-back "summit with Putin" still says the page mentions Putin), and every context candidate once
 * its own rule is met ("Alaska summit", accepted, is evidence for "the summit"). Candidates held back are not
 * evidence, so two of them cannot vouch for each other. Evidence only grows, and so does the set of met rules:
 * a candidate once accepted stays accepted, and a page scanned block by block ends with the same marks as one
 * scanned whole (`scanPage`), whatever the order of its blocks.
 *
 * Usage, block by block (the content script scans in time slices):
 * ```ts
 * const context = new PageContext(index);
 * for (const block of blocks) {
 *   block.candidates = findCandidates(block.text, index);
 *   if (context.observe(block.candidates)) {
 *     // A rule became met: blocks held back earlier may now mark more (and drop the plain reading under it:
 *     // replace their marks, do not only add).
 *     for (const earlier of heldBack) earlier.marks = context.decide(earlier.candidates);
 *     heldBack = heldBack.filter((earlier) => context.holdsBack(earlier.candidates));
 *   }
 *   block.marks = context.decide(block.candidates);
 *   if (context.holdsBack(block.candidates)) heldBack.push(block);
 * }
 * ```
 */
export class PageContext {
  /** Per context rule: the entities still missing, and how many more the rule needs. */
  private readonly missing: Set<string>[];
  private readonly needed: number[];
  /** Context rules by entity id: which rules a mention of that entity counts for. */
  private readonly rulesOf = new Map<string, number[]>();
  /** Per context rule: the ids of its candidates seen while it was not met, which become evidence once it is. */
  private readonly waiting: Set<string>[];
  /**
   * The ids already counted: counting one again changes nothing, and a page names a few dozen entities thousands
   * of times, so `addEvidence` runs once per entity, not per mention (code that stays cold is code V8 does not
   * optimise again on every page).
   */
  private readonly counted = new Set<string>();
  private metCount = 0;

  /** A page with no evidence yet, for the rules of `index` (a matcher's index, or `contextRulesOf` it). */
  constructor(index: ContextRules) {
    this.missing = index.contexts.map(([of]) => new Set(of.map((n) => index.ids[n] as string)));
    this.needed = index.contexts.map(([, min]) => min);
    this.waiting = index.contexts.map(() => new Set<string>());
    index.contexts.forEach(([of], rule) => {
      for (const n of of) {
        const id = index.ids[n] as string;
        const list = this.rulesOf.get(id);
        if (list) list.push(rule);
        else this.rulesOf.set(id, [rule]);
      }
    });
  }

  /**
   * Counts a block's candidates (from `findCandidates`) as evidence. Returns true when this made a rule met
   * that was not before: held-back candidates of earlier blocks may now be accepted (re-`decide` them).
   */
  observe(candidates: readonly Candidate[]): boolean {
    const before = this.metCount;
    for (const { id, context } of candidates) {
      if (this.counted.has(id)) continue;
      if (context === undefined || this.isMet(context)) this.addEvidence(id);
      else this.waiting[context]?.add(id);
    }
    return this.metCount !== before;
  }

  /** Counts a mention of `id`; a rule it meets releases the candidates that waited for it, as evidence too. */
  private addEvidence(first: string): void {
    const work = [first];
    for (let id = work.pop(); id !== undefined; id = work.pop()) {
      if (this.counted.has(id)) continue;
      this.counted.add(id);
      for (const rule of this.rulesOf.get(id) ?? []) {
        if ((this.needed[rule] as number) <= 0 || !(this.missing[rule] as Set<string>).delete(id)) continue;
        this.needed[rule] = (this.needed[rule] as number) - 1;
        if (this.needed[rule] !== 0) continue;
        this.metCount++;
        work.push(...(this.waiting[rule] as Set<string>));
        this.waiting[rule]?.clear();
      }
    }
  }

  /** Whether the page has shown enough evidence for context rule `rule` (a candidate's `context`). */
  isMet(rule: number): boolean {
    return (this.needed[rule] ?? 1) <= 0;
  }

  /** How many rules are met: grows only, so a changed count means earlier decisions may have changed. */
  get met(): number {
    return this.metCount;
  }

  /**
   * The marks of a block under the evidence so far: sorted by start, non-overlapping. From the left, each
   * candidate is kept when it needs no context or its rule is met, and it does not overlap the last one kept:
   * an accepted context candidate thus replaces the plain reading of its words, and a held-back one leaves it.
   * The marks are the kept candidates themselves, not copies (a page decides thousands of them).
   */
  decide(candidates: readonly Candidate[]): Candidate[] {
    const marks: Candidate[] = [];
    let end = -1;
    for (const candidate of candidates) {
      if (candidate.start < end || (candidate.context !== undefined && !this.isMet(candidate.context))) continue;
      marks.push(candidate);
      end = candidate.end;
    }
    return marks;
  }

  /** Whether some context candidate of the block is not accepted yet (worth keeping to re-decide later). */
  holdsBack(candidates: readonly Candidate[]): boolean {
    return candidates.some((c) => c.context !== undefined && !this.isMet(c.context));
  }
}
