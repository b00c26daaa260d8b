import type { EntityKind } from '../core/dataset-schema.ts';
import type { Candidate, Match } from '../core/matcher/match.ts';
import { type TextBlock, TextBlockWalker, type WalkOptions } from './collect-text-nodes.ts';
import type { BlockRecord, FoundMatch, MentionStore } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { measure } from './perf-marks.ts';
import { TextVisibility } from './text-visibility.ts';
import { afterNextFrame, yieldToPage } from './yield-to-page.ts';

/** What decides context-only candidates from what the page mentions (`PageContext` in src/core/matcher). */
export interface ContextJudge {
  /** Counts a block's candidates as evidence; true when a rule became met (earlier blocks may mark more). */
  observe(candidates: readonly Candidate[]): boolean;
  /** A block's marks: sorted and non-overlapping. */
  decide(candidates: readonly Candidate[]): Match[];
  /** Whether a block still has a candidate the page's evidence has not decided. */
  holdsBack(candidates: readonly Candidate[]): boolean;
}

export interface PageScannerOptions extends Omit<WalkOptions, 'stepNodes'> {
  /** The matcher: text -> candidates in UTF-16 offsets of the text (`findCandidates`). */
  find: (text: string) => Candidate[];
  /** The page's context (one per page: a new one after an SPA navigation); without one, context-only candidates are dropped. */
  context?: () => ContextJudge;
  /** The kind of an entity id, or undefined when the dataset does not know it. */
  kindOf: (id: string) => EntityKind | undefined;
  store: MentionStore;
  signal: AbortSignal;
  /** After each slice that changed the store: the blocks added and the blocks dropped. */
  onChange?: (added: BlockRecord[], removed: BlockRecord[]) => void;
  sliceMs?: number;
}

/** A block being matched: its text read once, matched a window at a time from `cursor`. */
interface BlockWork {
  block: TextBlock & { section: number; heading: boolean };
  text: string;
  cursor: number;
  candidates: Candidate[];
}

/** A block with candidates its page's evidence has not decided yet: decided again when a rule becomes met. */
interface HeldBlock {
  block: BlockWork['block'];
  candidates: Candidate[];
}

/** Without a page context: the candidates that need none, and none that overlaps the one before. */
const NO_CONTEXT: ContextJudge = {
  observe: () => false,
  decide: (candidates) => {
    const marks: Match[] = [];
    let end = -1;
    for (const { id, start, end: stop, context } of candidates) {
      if (context !== undefined || start < end) continue;
      marks.push({ id, start, end: stop });
      end = stop;
    }
    return marks;
  },
  holdsBack: () => false,
};

/** A queued walk, and the section count it has reached (`sectionsOf` in src/core/mention-policy.ts). */
interface Job {
  blocks: TextBlockWalker;
  /** The section of the last block walked, and whether it was a heading; undefined before the first. */
  last?: { section: number; heading: boolean };
}

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Whether a block is (inside) a heading. */
function isHeading(block: TextBlock): boolean {
  const container = block.container as Element;
  return typeof container.closest === 'function' && container.closest(HEADING) !== null;
}

/**
 * Scans text in time slices, yielding to the page between slices. Every step that grows with the page is
 * bounded per slice and the clock is read between them: nodes walked (the walker stops every `walkStepNodes`
 * nodes), characters matched (long blocks are matched in windows). It reads no layout: which blocks are on
 * screen is the viewport window's business, and visibility is asked once per mention. Scanning a block
 * replaces what the store held over its text nodes, so rescans are idempotent.
 */
export class PageScanner {
  readonly #options: PageScannerOptions;
  readonly #jobs: Job[] = [];
  readonly #visibility = new TextVisibility();
  /** By the block's first text node: a block scanned again replaces what was held for it. */
  #held = new Map<Text | undefined, HeldBlock>();
  /** The context the held blocks wait on. */
  #heldJudge: ContextJudge | undefined;
  #current: BlockWork | undefined;
  #running: Promise<void> | undefined;
  /** Whether the page may have run since the walk gave its last block (a block being walked may have changed). */
  #yielded = true;

  constructor(options: PageScannerOptions) {
    this.#options = options;
  }

  /** Queues a scan of everything under `root`. */
  scan(root: Node): Promise<void> {
    const { onShadowRoot, onHidden, isOurs } = this.#options;
    this.#jobs.push({ blocks: new TextBlockWalker(root, { onShadowRoot, onHidden, isOurs }) });
    if (!this.#running) {
      this.#running = this.#loop().finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  /** Whether `node`'s text is shown now (the visibility rule mentions are recorded with). */
  isShown = (node: Text): boolean => this.#visibility.isShown(node);

  /** Forgets the blocks held for context (the page changed to another one: a new context decides from now). */
  forgetHeld(): void {
    this.#held.clear();
  }

  /** Forgets visibility read earlier (styles may have changed since). */
  resetVisibility(): void {
    this.#visibility.reset();
  }

  async #loop(): Promise<void> {
    const { signal, store, onChange } = this.#options;
    const sliceMs = this.#options.sliceMs ?? PAGE_DEFAULTS.sliceMs;
    // Never in the caller's task, and after a frame: the style and layout work pending from the page's own
    // changes is then the renderer's, not charged to our first visibility read.
    await afterNextFrame(PAGE_DEFAULTS.firstFrameTimeoutMs);
    const scanStart = performance.now();
    while (!signal.aborted && (this.#current || this.#jobs.length)) {
      const started = performance.now();
      const deadline = started + sliceMs;
      this.#visibility.reset();
      const added: BlockRecord[] = [];
      const removed: BlockRecord[] = [];
      // At least one step a slice, whatever the clock says: a scan always moves on.
      for (let step = 0; step === 0 || performance.now() < deadline; step++) {
        if (!this.#current) {
          const next = this.#nextBlock();
          if (next === undefined) break;
          if (next === null) continue;
          this.#current = readBlock(next.block, this.#sectionOf(next.job, next.block), !this.#yielded);
          this.#yielded = false;
          if (!this.#current) continue;
        }
        const work = this.#current;
        if (!this.#matchWindow(work)) continue;
        this.#current = undefined;
        const record = (block: BlockWork['block'], marks: Match[]) => {
          const result = store.set(block, this.#found(marks), this.isShown);
          // A block scanned twice in one slice (a rescan over a pending one): report only what the store keeps.
          for (const dropped of result.removed) {
            const index = added.indexOf(dropped);
            if (index >= 0) added.splice(index, 1);
            else removed.push(dropped);
          }
          if (result.added) added.push(result.added);
        };
        const judge = this.#options.context?.() ?? NO_CONTEXT;
        const first = work.block.nodes[0];
        // Blocks held for another page's context are not this page's to decide.
        if (judge !== this.#heldJudge) this.#held.clear();
        this.#heldJudge = judge;
        this.#held.delete(first);
        if (judge.observe(work.candidates)) {
          // A rule became met: blocks held back before may now mark a phrase instead of the words under it.
          for (const [key, held] of this.#held) {
            if (held.block.nodes.every((node) => node.isConnected)) record(held.block, judge.decide(held.candidates));
            if (!judge.holdsBack(held.candidates)) this.#held.delete(key);
          }
        }
        record(work.block, judge.decide(work.candidates));
        if (judge.holdsBack(work.candidates)) this.#held.set(first, { block: work.block, candidates: work.candidates });
      }
      if (added.length || removed.length) onChange?.(added, removed);
      measure('news-context-slice', started);
      this.#yielded = true;
      await yieldToPage();
    }
    if (!signal.aborted) measure('news-context-scan', scanStart);
  }

  /** The next block to match, with its walk; null to check the clock; undefined when all work is done. */
  #nextBlock(): { block: TextBlock; job: Job } | null | undefined {
    for (;;) {
      const job = this.#jobs[0];
      if (!job) return undefined;
      const next = job.blocks.next();
      if (next !== undefined) return next && { block: next, job };
      this.#jobs.shift();
    }
  }

  /**
   * The section of the next block of a walk: a heading is a section of its own, and so is the text after it. A
   * walk of part of the page (a rescan) continues from the block recorded before it.
   */
  #sectionOf(job: Job, block: TextBlock): { section: number; heading: boolean } {
    const heading = isHeading(block);
    let last = job.last;
    if (!last) {
      const before = block.nodes[0] && this.#options.store.recordBefore(block.nodes[0]);
      last = before ? { section: before.section, heading: before.heading } : undefined;
    }
    const section = last ? last.section + (heading || last.heading ? 1 : 0) : 0;
    job.last = { section, heading };
    return job.last;
  }

  /** Matches the next window of a block's text; true when the block is done. */
  #matchWindow(work: BlockWork): boolean {
    const { text, cursor } = work;
    const windowChars = PAGE_DEFAULTS.maxMatchChars;
    let end = text.length;
    let next = text.length;
    if (text.length - cursor > windowChars) {
      end = cursor + windowChars;
      // The next window starts at a word after the last whitespace that leaves a full overlap, so a name
      // starting before it ends inside this window, and names starting at or after it are the next one's.
      const limit = end - PAGE_DEFAULTS.matchOverlapChars;
      next = limit;
      for (let i = limit - 1; i > cursor; i--) {
        if (isSpace(text.charCodeAt(i))) {
          next = i + 1;
          break;
        }
      }
    }
    const candidates = this.#options.find(cursor === 0 && end === text.length ? text : text.slice(cursor, end));
    for (const candidate of candidates) {
      const start = candidate.start + cursor;
      if (start >= next) break;
      work.candidates.push({ ...candidate, start, end: candidate.end + cursor });
    }
    work.cursor = next;
    return next >= text.length;
  }

  /** Marks with their entity's kind (a mark of an id the dataset does not know is dropped). */
  #found(marks: readonly Match[]): FoundMatch[] {
    const found: FoundMatch[] = [];
    for (const { id, start, end } of marks) {
      const kind = this.#options.kindOf(id);
      if (kind) found.push({ id, kind, start, end });
    }
    return found;
  }
}

/**
 * A walked block ready to match. Walked in this task (`fresh`: nothing of the page's ran since the walk began
 * it), its nodes and text are as the walk read them; a block the walk began before the scanner last yielded
 * is read again (the page may have changed it meanwhile), and is undefined when it is gone.
 */
function readBlock(
  block: TextBlock,
  place: { section: number; heading: boolean },
  fresh: boolean,
): BlockWork | undefined {
  if (fresh) return { block: { ...block, ...place }, text: block.text, cursor: 0, candidates: [] };
  const nodes = block.nodes.filter((node) => node.isConnected);
  if (nodes.length === 0) return undefined;
  const starts: number[] = [];
  let text = '';
  for (const node of nodes) {
    starts.push(text.length);
    text += node.data;
  }
  return { block: { container: block.container, nodes, starts, text, ...place }, text, cursor: 0, candidates: [] };
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000;
}
