import { afterNextFrame } from '../core/after-next-frame.ts';
import type { EntityKind } from '../core/dataset-schema.ts';
import type { Candidate } from '../core/matcher/match.ts';
import { yieldToPage } from '../core/yield-to-page.ts';
import { HEADING_SELECTOR, type TextBlock, TextBlockWalker, type WalkOptions } from './collect-text-nodes.ts';
import type { BlockRecord, MentionStore } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { measure } from './perf-marks.ts';
import { TextVisibility } from './text-visibility.ts';

/** What decides context-only candidates from what the page mentions (`PageContext` in src/core/matcher). */
export interface ContextJudge {
  /** Counts a block's candidates as evidence; true when a rule became met (earlier blocks may mark more). */
  observe(candidates: readonly Candidate[]): boolean;
  /** A block's marks: sorted and non-overlapping (the kept candidates themselves). */
  decide(candidates: readonly Candidate[]): Candidate[];
  /** Whether a block still has a candidate the page's evidence has not decided. */
  holdsBack(candidates: readonly Candidate[]): boolean;
}

/** The matcher as the page asks it: a batch of texts -> per text, its candidates (see `PageScannerOptions.find`). */
export type FindCandidates = (texts: readonly string[]) => Promise<Candidate[][]>;

export interface PageScannerOptions extends Omit<WalkOptions, 'stepNodes'> {
  /**
   * The matcher, asked for a batch of texts at once (the background matches them): per text, its candidates in
   * UTF-16 offsets of that text, sorted by start (`findCandidates`). Rejects when it cannot answer. The
   * candidates it gives are the scanner's from then on (it moves them to their block's offsets in place).
   */
  find: (texts: readonly string[]) => Promise<Candidate[][]>;
  /** The page's context (one per page: a new one after an SPA navigation); without one, context-only candidates are dropped. */
  context?: () => ContextJudge;
  /** The kind of an entity id, or undefined when the dataset does not know it. */
  kindOf: (id: string) => EntityKind | undefined;
  store: MentionStore;
  signal: AbortSignal;
  /** After each slice that changed the store: the blocks added and the blocks dropped. */
  onChange?: (added: BlockRecord[], removed: BlockRecord[]) => void;
  sliceMs?: number;
  /**
   * How many times the page's text changed so far (`MutationWatcher.textChanges`): while it stays the same, a
   * block read before the matcher answered needs no second look. Without it, every block is looked at again.
   */
  textChanges?: () => number;
}

/** A block being matched: its text read once, matched a window at a time from `cursor`. */
interface BlockWork {
  block: TextBlock & { section: number; heading: boolean };
  text: string;
  cursor: number;
  candidates: Candidate[];
  /** `textChanges` when the block was read. */
  changes: number;
}

/** A window of a block's text sent to the matcher: its candidates from `start` up to (not at) `next` are kept. */
interface Piece {
  work: BlockWork;
  start: number;
  end: number;
  next: number;
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
    const marks: Candidate[] = [];
    let end = -1;
    for (const candidate of candidates) {
      if (candidate.context !== undefined || candidate.start < end) continue;
      marks.push(candidate);
      end = candidate.end;
    }
    return marks;
  },
  holdsBack: () => false,
};

/** A queued walk, and the section count it has reached (`sectionsOf` in src/core/mention-policy.ts). */
interface Job {
  /** The walk (`TextBlockWalker.next`), or blocks walked before. */
  blocks: { next(): TextBlock | null | undefined };
  /** The section of the last block walked, and whether it was a heading; undefined before the first. */
  last?: { section: number; heading: boolean };
}

/** Whether a block is (inside) a heading: as its walk saw it, else from its container's ancestors. */
function isHeading(block: TextBlock): boolean {
  if (block.inHeading !== undefined) return block.inHeading;
  const container = block.container as Element;
  return typeof container.closest === 'function' && container.closest(HEADING_SELECTOR) !== null;
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
  readonly #kinds = new Map<string, EntityKind | undefined>();
  #running: Promise<void> | undefined;
  /** Whether the page may have run since the walk gave its last block (a block being walked may have changed). */
  #yielded = true;

  constructor(options: PageScannerOptions) {
    this.#options = options;
  }

  /**
   * Queues a scan of everything under `root`. A scan that starts the scanner waits for the next frame first,
   * unless `now` (the matcher's answers are at hand: the scan can be done in the caller's task). `walked`:
   * `root`'s blocks as a walk of it read them, where nothing they hold has changed since: taken instead of
   * walking `root` again.
   */
  scan(
    root: Node,
    {
      now = false,
      walked,
    }: { now?: boolean; walked?: { blocks: readonly TextBlock[]; hidden: readonly Element[] } } = {},
  ): Promise<void> {
    if (walked) {
      for (const element of walked.hidden) this.#options.onHidden?.(element);
      const blocks = walked.blocks[Symbol.iterator]();
      this.#jobs.push({ blocks: { next: () => blocks.next().value } });
    } else this.#jobs.push(this.#walkOf(root));
    if (!this.#running) {
      this.#running = this.#loop(now).finally(() => {
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

  async #loop(now: boolean): Promise<void> {
    const { signal } = this.#options;
    const sliceMs = this.#options.sliceMs ?? PAGE_DEFAULTS.sliceMs;
    // Unless asked to start now, never in the caller's task, and after a frame: the style and layout work
    // pending from the page's own changes is then the renderer's, not charged to our first visibility read.
    if (!now) await afterNextFrame(PAGE_DEFAULTS.firstFrameTimeoutMs);
    const scanStart = performance.now();
    let batchChars: number = PAGE_DEFAULTS.batchChars;
    while (!signal.aborted && (this.#current || this.#jobs.length)) {
      // A slice walks blocks into a batch, bounded by the clock and by its characters (which bound the marks
      // to record when the answer comes); the page runs while the background matches it.
      const started = performance.now();
      const pieces = this.#gather(started + sliceMs, batchChars);
      batchChars = Math.min(2 * batchChars, PAGE_DEFAULTS.maxBatchChars);
      measure('news-context-slice', started);
      if (!pieces.length) {
        await yieldToPage();
        continue;
      }
      let found: Candidate[][];
      try {
        found = await this.#options.find(pieces.map(({ work, start, end }) => windowOf(work.text, start, end)));
      } catch (error) {
        // The background cannot answer (the extension was updated or removed under the page): stop quietly.
        this.#jobs.length = 0;
        this.#current = undefined;
        console.debug('News Context: matching stopped', error);
        return;
      }
      // Answers at hand (a scan started now) come in the task that gathered: the slice it began is not over.
      if (now && performance.now() - started >= sliceMs) await yieldToPage();
      this.#yielded = true;
      // A batch's marks are recorded in slices too: on a dense page a batch holds some 1,600, about 17 ms of
      // work, which a busy machine (a core shared with the renderer's other threads) stretched past 50 ms.
      for (let from = 0; from < pieces.length; ) {
        if (signal.aborted) return;
        const recording = performance.now();
        from = this.#record(pieces, found, from, recording + sliceMs);
        measure('news-context-slice', recording);
        // The page runs between slices; the last slice of the scan ends it in the same task.
        if (from < pieces.length || this.#current || this.#jobs.length) await yieldToPage();
      }
    }
    if (!signal.aborted) measure('news-context-scan', scanStart);
  }

  /** Walks blocks until `deadline` or `batchChars` characters: the windows of text to match next. */
  #gather(deadline: number, batchChars: number): Piece[] {
    const pieces: Piece[] = [];
    let chars = 0;
    // At least one step a slice, whatever the clock says: a scan always moves on.
    for (let step = 0; step === 0 || (performance.now() < deadline && chars < batchChars); step++) {
      if (!this.#current) {
        const next = this.#nextBlock();
        if (next === undefined) break;
        if (next === null) continue;
        this.#current = readBlock(next.block, this.#sectionOf(next.job, next.block), !this.#yielded, this.#changes());
        this.#yielded = false;
        if (!this.#current) continue;
      }
      const piece = nextWindow(this.#current);
      pieces.push(piece);
      chars += piece.end - piece.start;
      if (piece.next >= piece.work.text.length) this.#current = undefined;
    }
    return pieces;
  }

  /**
   * Takes the matcher's answer for a batch: each block whose last window came is decided and stored, from piece
   * `from` on until `deadline` (at least one piece). Returns where it stopped (`pieces.length` when done).
   */
  #record(pieces: readonly Piece[], found: readonly Candidate[][], from: number, deadline: number): number {
    const { store, onChange } = this.#options;
    const added: BlockRecord[] = [];
    const removed: BlockRecord[] = [];
    const record = (block: BlockWork['block'], marks: readonly Candidate[]) => {
      const result = store.set(block, marks, this.#kindOf, this.isShown);
      // A block scanned twice in one batch (a rescan over a pending one): report only what the store keeps.
      for (const dropped of result.removed) {
        const index = added.indexOf(dropped);
        if (index >= 0) added.splice(index, 1);
        else removed.push(dropped);
      }
      if (result.added) added.push(result.added);
    };
    let i = from;
    for (; i < pieces.length && (i === from || performance.now() < deadline); i++) {
      const { work, start, next } = pieces[i] as Piece;
      // The candidates are this batch's own (decoded from the reply): moved to the block's offsets in place.
      for (const candidate of found[i] ?? []) {
        if (candidate.start + start >= next) break;
        candidate.start += start;
        candidate.end += start;
        work.candidates.push(candidate);
      }
      if (next < work.text.length) continue;
      // The page ran while the batch was matched: a block whose text changed meanwhile is walked again.
      if (this.#changes() !== work.changes && !isUnchanged(work.block)) {
        this.#jobs.push(this.#walkOf(work.block.container));
        continue;
      }
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
    return i;
  }

  #changes(): number {
    return this.#options.textChanges?.() ?? Number.NaN;
  }

  #walkOf(root: Node): Job {
    const { onShadowRoot, onHidden, isOurs } = this.#options;
    return { blocks: new TextBlockWalker(root, { onShadowRoot, onHidden, isOurs }) };
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

  /** The kind of an entity id (undefined: the dataset does not know it, and its marks are dropped). */
  #kindOf = (id: string): EntityKind | undefined => {
    // A page names a few dozen entities thousands of times: each id's kind is worked out once.
    let kind = this.#kinds.get(id);
    if (kind === undefined && !this.#kinds.has(id)) {
      kind = this.#options.kindOf(id);
      this.#kinds.set(id, kind);
    }
    return kind;
  };
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
  changes: number,
): BlockWork | undefined {
  if (fresh) return { block: { ...block, ...place }, text: block.text, cursor: 0, candidates: [], changes };
  const nodes = block.nodes.filter((node) => node.isConnected);
  if (nodes.length === 0) return undefined;
  const starts: number[] = [];
  let text = '';
  for (const node of nodes) {
    starts.push(text.length);
    text += node.data;
  }
  return {
    block: { container: block.container, nodes, starts, text, ...place },
    text,
    cursor: 0,
    candidates: [],
    changes,
  };
}

/**
 * The next window of a block's text from its cursor, which it advances. Long blocks are matched in windows of
 * `maxMatchChars`, each overlapping the next by `matchOverlapChars`: the next window starts at a word after the
 * last whitespace that leaves a full overlap, so a name starting before it ends inside this window, and names
 * starting at or after it are the next one's.
 */
function nextWindow(work: BlockWork): Piece {
  const { text, cursor } = work;
  const { end, next } = matchWindow(text, cursor);
  work.cursor = next;
  return { work, start: cursor, end, next };
}

/**
 * The window of `text` from `cursor` the matcher takes next: up to `maxMatchChars` long, ending at `end`; its
 * candidates are kept up to `next`, where the next window starts, at a word's start within the last
 * `matchOverlapChars` (longer than any alias), so no name is cut at a window's edge.
 */
export function matchWindow(text: string, cursor: number): { end: number; next: number } {
  if (text.length - cursor <= PAGE_DEFAULTS.maxMatchChars) return { end: text.length, next: text.length };
  const end = cursor + PAGE_DEFAULTS.maxMatchChars;
  const limit = end - PAGE_DEFAULTS.matchOverlapChars;
  for (let i = limit - 1; i > cursor; i--) if (isSpace(text.charCodeAt(i))) return { end, next: i + 1 };
  return { end, next: limit };
}

/**
 * The text in the windows the matcher takes (`matchWindow`), overlapping so no name is cut at an edge: what the
 * scan sends of a block of this text.
 */
export function windowsOf(text: string): string[] {
  const windows: string[] = [];
  for (let cursor = 0; cursor < text.length; ) {
    const { end, next } = matchWindow(text, cursor);
    windows.push(windowOf(text, cursor, end));
    cursor = next;
  }
  return windows;
}

function windowOf(text: string, start: number, end: number): string {
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Whether a block's nodes are all still on the page and hold the text read from them. */
function isUnchanged(block: TextBlock): boolean {
  const { nodes, starts, text } = block;
  for (const [i, node] of nodes.entries()) {
    const start = starts[i] as number;
    const end = starts[i + 1] ?? text.length;
    if (!node.isConnected || node.data.length !== end - start || !text.startsWith(node.data, start)) return false;
  }
  return true;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000;
}
