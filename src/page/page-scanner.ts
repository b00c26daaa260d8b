import type { EntityKind } from '../core/dataset-schema.ts';
import type { Match } from '../core/matcher/match.ts';
import { type TextBlock, walkTextBlocksIncrementally } from './collect-text-nodes.ts';
import type { HighlightRegistry, Mention } from './highlight-registry.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { afterNextFrame, yieldToPage } from './yield-to-page.ts';

export interface PageScannerOptions {
  /** The matcher: text -> matches in UTF-16 offsets of the text. */
  match: (text: string) => Match[];
  /** The kind of an entity id, or undefined when the dataset does not know it. */
  kindOf: (id: string) => EntityKind | undefined;
  registry: HighlightRegistry;
  signal: AbortSignal;
  /** Called after slices that changed the mentions (for counts and re-hit-testing), at most once a slice. */
  onChange?: () => void;
  /** Open shadow roots found while scanning. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Adds performance marks and measures (`news-context-slice`, `news-context-scan`) for the bench. */
  debug?: boolean;
  sliceMs?: number;
}

/** A block being matched: its text read once, matched a window at a time from `cursor`. */
interface BlockWork {
  nodes: Text[];
  starts: number[];
  text: string;
  cursor: number;
}

type Budget = { deadline: number; layoutReads: number };

/**
 * Scans text in time slices, yielding to the page between slices, blocks in the viewport first.
 * Every step that grows with the page is bounded per slice: nodes walked (the walker stops every
 * `walkStepNodes` nodes), layout reads, characters matched (long blocks are matched in windows) and ranges
 * added to our highlights. Scanning a block replaces the mentions over its text nodes, so rescans are idempotent.
 */
export class PageScanner {
  readonly #options: PageScannerOptions;
  readonly #jobs: { blocks: Iterator<TextBlock | null>; visibleFirst: boolean }[] = [];
  #deferred: TextBlock[] = [];
  #deferredAt = 0;
  #current: BlockWork | undefined;
  #running: Promise<void> | undefined;
  #scanStart = 0;

  constructor(options: PageScannerOptions) {
    this.#options = options;
  }

  /** Queues a scan of everything under `root`; `visibleFirst` defers off-screen blocks to the end. */
  scan(root: Node, visibleFirst = false): Promise<void> {
    this.#jobs.push({ blocks: walkTextBlocksIncrementally(root, this.#options.onShadowRoot), visibleFirst });
    return this.#run(visibleFirst);
  }

  /** Resolves when every queued scan is done. */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  #run(visibleFirst: boolean): Promise<void> {
    if (!this.#running) {
      this.#scanStart = performance.now();
      this.#running = this.#loop(visibleFirst).finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  #hasWork(): boolean {
    return this.#current !== undefined || this.#jobs.length > 0 || this.#deferredAt < this.#deferred.length;
  }

  async #loop(afterFrame: boolean): Promise<void> {
    const { signal, registry, onChange, debug } = this.#options;
    const sliceMs = this.#options.sliceMs ?? PAGE_DEFAULTS.sliceMs;
    // Never run in the caller's task: a full scan waits for a frame, so the style recalc our stylesheet
    // caused and the page's pending layout are done by the renderer, not charged to our first layout read.
    if (afterFrame) await afterNextFrame(PAGE_DEFAULTS.firstFrameTimeoutMs);
    else await yieldToPage();
    const viewport = { width: innerWidth, height: innerHeight };
    let changed = false;
    while (!signal.aborted && this.#hasWork()) {
      const started = performance.now();
      const budget: Budget = { deadline: started + sliceMs, layoutReads: PAGE_DEFAULTS.maxLayoutReadsPerSlice };
      const found: Mention[] = [];
      const scannedNodes: Text[] = [];
      // The previous slice's change notification, in this slice's budget.
      if (changed) {
        changed = false;
        onChange?.();
      }
      while (performance.now() < budget.deadline && found.length < PAGE_DEFAULTS.maxRangesPerSlice) {
        if (!this.#current) {
          const block = this.#nextBlock(viewport, budget);
          if (block === undefined) break;
          // Walked a while, or deferred an off-screen block: check the clock again.
          if (block === null) {
            if (budget.layoutReads <= 0) break;
            continue;
          }
          const work = readBlock(block);
          if (!work) continue;
          scannedNodes.push(...work.nodes);
          this.#current = work;
        }
        if (this.#matchWindow(this.#current, found)) this.#current = undefined;
      }
      registry.removeAt(scannedNodes);
      if (found.length) registry.add(found);
      if (scannedNodes.length || found.length) changed = true;
      if (debug) performance.measure('news-context-slice', { start: started, end: performance.now() });
      await yieldToPage();
    }
    if (changed && !signal.aborted) onChange?.();
    if (debug && !signal.aborted)
      performance.measure('news-context-scan', { start: this.#scanStart, end: performance.now() });
  }

  /** The next block to match; null to check the clock; undefined when all work is done. */
  #nextBlock(viewport: { width: number; height: number }, budget: Budget): TextBlock | null | undefined {
    for (;;) {
      const job = this.#jobs[0];
      if (!job) {
        if (this.#deferredAt >= this.#deferred.length) {
          this.#deferred = [];
          this.#deferredAt = 0;
          return undefined;
        }
        return this.#deferred[this.#deferredAt++];
      }
      const next = job.blocks.next();
      if (next.done) {
        this.#jobs.shift();
        continue;
      }
      if (next.value === null) return null;
      if (job.visibleFirst) {
        budget.layoutReads--;
        if (!isOnScreen(next.value, viewport)) {
          this.#deferred.push(next.value);
          return null;
        }
      }
      return next.value;
    }
  }

  /** Matches the next window of a block's text into `out`; true when the block is done. */
  #matchWindow(work: BlockWork, out: Mention[]): boolean {
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
    const matches = this.#options.match(cursor === 0 && end === text.length ? text : text.slice(cursor, end));
    for (const match of matches) {
      const start = match.start + cursor;
      if (start >= next) break;
      const kind = this.#options.kindOf(match.id);
      if (!kind) continue;
      out.push(mentionOf(work, match.id, kind, start, match.end + cursor));
    }
    work.cursor = next;
    return next >= text.length;
  }
}

/** Reads a block's text again (it may have changed since the block was collected); undefined when gone. */
function readBlock(block: TextBlock): BlockWork | undefined {
  const nodes = block.nodes.filter((node) => node.isConnected);
  if (nodes.length === 0) return undefined;
  const starts: number[] = [];
  let text = '';
  for (const node of nodes) {
    starts.push(text.length);
    text += node.data;
  }
  block.nodes = nodes;
  return { nodes, starts, text, cursor: 0 };
}

function mentionOf(work: BlockWork, id: string, kind: EntityKind, start: number, end: number): Mention {
  const { nodes, starts } = work;
  const first = nodeAt(starts, start, false);
  const last = nodeAt(starts, end, true);
  const range = (nodes[first] as Text).ownerDocument.createRange();
  range.setStart(nodes[first] as Text, start - (starts[first] as number));
  range.setEnd(nodes[last] as Text, end - (starts[last] as number));
  return { id, kind, range, nodes: nodes.slice(first, last + 1) };
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000;
}

/** Index of the node holding `offset`; an end offset on a boundary belongs to the node before it. */
export function nodeAt(starts: readonly number[], offset: number, isEnd: boolean): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = starts[mid] as number;
    if (start < offset || (!isEnd && start === offset)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function isOnScreen(block: TextBlock, viewport: { width: number; height: number }): boolean {
  const container = block.container;
  const element =
    container.nodeType === Node.ELEMENT_NODE ? (container as Element) : (block.nodes[0]?.parentElement ?? null);
  if (!element) return true;
  const rect = element.getBoundingClientRect();
  return rect.bottom >= 0 && rect.top <= viewport.height && rect.right >= 0 && rect.left <= viewport.width;
}
