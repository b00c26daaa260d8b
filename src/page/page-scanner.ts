import type { EntityKind } from '../core/dataset-schema.ts';
import type { Match } from '../core/matcher/match.ts';
import { type TextBlock, walkTextBlocks } from './collect-text-nodes.ts';
import type { HighlightRegistry, Mention } from './highlight-registry.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { yieldToPage } from './yield-to-page.ts';

export interface PageScannerOptions {
  /** The matcher: text -> matches in UTF-16 offsets of the text. */
  match: (text: string) => Match[];
  /** The kind of an entity id, or undefined when the dataset does not know it. */
  kindOf: (id: string) => EntityKind | undefined;
  registry: HighlightRegistry;
  signal: AbortSignal;
  /** Called after each slice that changed the mentions (for counts and re-hit-testing). */
  onChange?: () => void;
  /** Open shadow roots found while scanning. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Adds performance marks and measures (`news-context-slice`, `news-context-scan`) for the bench. */
  debug?: boolean;
  sliceMs?: number;
}

/**
 * Scans text in time slices: one block at a time, yielding to the page between slices, blocks in the
 * viewport first. Scanning a block replaces the mentions over its text nodes, so rescans are idempotent.
 */
export class PageScanner {
  readonly #options: PageScannerOptions;
  readonly #jobs: { blocks: Iterator<TextBlock>; visibleFirst: boolean }[] = [];
  readonly #deferred: TextBlock[] = [];
  #running: Promise<void> | undefined;
  #scanStart = 0;

  constructor(options: PageScannerOptions) {
    this.#options = options;
  }

  /** Queues a scan of everything under `root`; `visibleFirst` defers off-screen blocks to the end. */
  scan(root: Node, visibleFirst = false): Promise<void> {
    this.#jobs.push({ blocks: walkTextBlocks(root, this.#options.onShadowRoot), visibleFirst });
    return this.#run();
  }

  /** Resolves when every queued scan is done. */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  #run(): Promise<void> {
    if (!this.#running) {
      this.#scanStart = performance.now();
      this.#running = this.#loop().finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  async #loop(): Promise<void> {
    const { signal, registry, onChange, debug } = this.#options;
    const sliceMs = this.#options.sliceMs ?? PAGE_DEFAULTS.sliceMs;
    const viewport = { width: innerWidth, height: innerHeight };
    while (!signal.aborted && (this.#jobs.length || this.#deferred.length)) {
      const started = performance.now();
      const found: Mention[] = [];
      const scannedNodes: Text[] = [];
      while (performance.now() - started < sliceMs) {
        const block = this.#nextBlock(viewport);
        if (block === undefined) break;
        // Deferred off-screen: check the clock again, walking a huge page is work too.
        if (block === null) continue;
        scannedNodes.push(...block.nodes);
        this.#matchBlock(block, found);
      }
      registry.removeAt(scannedNodes);
      if (found.length) registry.add(found);
      if (scannedNodes.length) onChange?.();
      if (debug) performance.measure('news-context-slice', { start: started, end: performance.now() });
      await yieldToPage();
    }
    if (debug && !signal.aborted)
      performance.measure('news-context-scan', { start: this.#scanStart, end: performance.now() });
  }

  /** The next block to match; null when one was deferred; undefined when all work is done. */
  #nextBlock(viewport: { width: number; height: number }): TextBlock | null | undefined {
    for (;;) {
      const job = this.#jobs[0];
      if (!job) return this.#deferred.shift();
      const next = job.blocks.next();
      if (next.done) {
        this.#jobs.shift();
        continue;
      }
      if (job.visibleFirst && !isOnScreen(next.value, viewport)) {
        this.#deferred.push(next.value);
        return null;
      }
      return next.value;
    }
  }

  #matchBlock(block: TextBlock, out: Mention[]): void {
    const nodes = block.nodes.filter((node) => node.isConnected);
    if (nodes.length === 0) return;
    // The text may have changed since the block was collected: read it again.
    const starts: number[] = [];
    let text = '';
    for (const node of nodes) {
      starts.push(text.length);
      text += node.data;
    }
    block.nodes = nodes;
    for (const match of this.#options.match(text)) {
      const kind = this.#options.kindOf(match.id);
      if (!kind) continue;
      const first = nodeAt(starts, match.start, false);
      const last = nodeAt(starts, match.end, true);
      const range = (nodes[first] as Text).ownerDocument.createRange();
      range.setStart(nodes[first] as Text, match.start - (starts[first] as number));
      range.setEnd(nodes[last] as Text, match.end - (starts[last] as number));
      out.push({ id: match.id, kind, range, nodes: nodes.slice(first, last + 1) });
    }
  }
}

/** Index of the node holding `offset`; an end offset on a boundary belongs to the node before it. */
function nodeAt(starts: readonly number[], offset: number, isEnd: boolean): number {
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
