import { blockContainerOf, isInSkippedRegion } from './collect-text-nodes.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';

/** What changed in one batch of mutation records, reduced to what a rescan needs. */
export interface MutationBatch {
  /** Block containers whose text was added or changed, or that were hidden by their attributes: rescan each. */
  changed: Node[];
  /** Whether any node was removed: prune mentions whose text left the page. */
  removed: boolean;
  /** True when the batch is too large to rescan piecemeal: rescan everything. */
  full: boolean;
  /** Elements whose class, style or hiding attributes changed: what they hold may have been shown or hidden. */
  restyled: Element[];
}

/** Attributes that can show or hide text: a class or style rule, `hidden`, `aria-hidden`, a `<details>`'s `open`. */
export const VISIBILITY_ATTRIBUTES = Object.freeze(['class', 'style', 'hidden', 'open', 'aria-hidden']);

export interface ReduceOptions {
  /** Our own nodes (the card's host): their changes are not the page's. */
  isOurs: (node: Node) => boolean;
  /** Elements a walk left out because their own attributes hid them: an attribute change may show them. */
  wasHidden: (element: Element) => boolean;
}

/**
 * One MutationObserver per root (the document and each open shadow root), batching records for a moment,
 * ignoring our own host element, until `signal` aborts.
 */
export class MutationWatcher {
  readonly #roots = new WeakSet<Node>();
  readonly #observers: MutationObserver[] = [];
  readonly #pending: MutationRecord[] = [];
  readonly #onBatch: (batch: MutationBatch) => void;
  readonly #options: ReduceOptions;
  readonly #signal: AbortSignal;
  #scheduled = false;
  #textChanges = 0;

  constructor(onBatch: (batch: MutationBatch) => void, options: ReduceOptions, signal: AbortSignal) {
    this.#onBatch = onBatch;
    this.#options = options;
    this.#signal = signal;
    signal.addEventListener('abort', () => this.disconnect(), { once: true });
  }

  /** Starts watching a root (a document or a shadow root); watching the same root twice is a no-op. */
  observe(root: Node): void {
    if (this.#signal.aborted || this.#roots.has(root)) return;
    this.#roots.add(root);
    const observer = new MutationObserver((records) => this.#queue(records));
    observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributeFilter: [...VISIBILITY_ATTRIBUTES],
    });
    this.#observers.push(observer);
  }

  disconnect(): void {
    for (const observer of this.#observers) observer.disconnect();
    this.#observers.length = 0;
    this.#pending.length = 0;
  }

  /**
   * How many times the page's text or tree changed so far, counted as the browser reports it (before the
   * batch is acted on): a scan that sees the same count as when it read a block knows the block is unchanged.
   */
  get textChanges(): number {
    return this.#textChanges;
  }

  #queue(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type !== 'attributes') this.#textChanges++;
      this.#pending.push(record);
    }
    if (this.#scheduled) return;
    this.#scheduled = true;
    // A timer rather than rAF: background tabs still catch up, and live blogs batch naturally.
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#signal.aborted) return;
      const batch = reduceRecords(this.#pending.splice(0), this.#options);
      if (batch.changed.length || batch.removed || batch.full || batch.restyled.length) this.#onBatch(batch);
    }, PAGE_DEFAULTS.mutationBatchMs);
  }
}

/** Reduces records to the block containers to rescan, Dark Reader style, with a full-rescan fallback. */
export function reduceRecords(records: readonly MutationRecord[], options: ReduceOptions): MutationBatch {
  const { isOurs, wasHidden } = options;
  const containers = new Set<Node>();
  const restyled = new Set<Element>();
  let removed = false;
  for (const record of records) {
    if (record.type === 'characterData') {
      containers.add(blockContainerOf(record.target));
    } else if (record.type === 'attributes') {
      const element = record.target as Element;
      if (isOurs(element)) continue;
      // Text its own attributes hid was never walked: walk it now. Anything else only needs its visibility re-read.
      if (wasHidden(element)) containers.add(blockContainerOf(element));
      else restyled.add(element);
    } else {
      const added = [...record.addedNodes].filter((n) => !isOurs(n));
      const gone = [...record.removedNodes].filter((n) => !isOurs(n));
      if (gone.length) removed = true;
      for (const node of added) containers.add(blockContainerOf(node));
      // Removing a piece of a block (e.g. a <b> inside a paragraph) changes the block's joined text.
      if (gone.length && record.target.isConnected) containers.add(blockContainerOf(record.target));
    }
    if (containers.size > PAGE_DEFAULTS.fullRescanBlocks)
      return { changed: [], removed: true, full: true, restyled: [] };
  }
  // Keep only outermost containers that are still on the page and not in a skipped region.
  const list = [...containers].filter((n) => n.isConnected && !isInSkippedRegion(n));
  const outer = list.filter((n) => !list.some((other) => other !== n && other.contains(n)));
  return { changed: outer, removed, full: false, restyled: [...restyled].filter((e) => e.isConnected) };
}
