import { blockContainerOf, isInSkippedRegion } from './collect-text-nodes.ts';
import { HOST_TAG, PAGE_DEFAULTS } from './page-defaults.ts';

/** What changed in one batch of mutation records, reduced to what a rescan needs. */
export interface MutationBatch {
  /** Block containers whose text was added or changed: rescan each. */
  changed: Node[];
  /** Whether any node was removed: prune mentions whose text left the page. */
  removed: boolean;
  /** True when the batch is too large to rescan piecemeal: rescan everything. */
  full: boolean;
}

/**
 * One MutationObserver per root (the document and each open shadow root), batching records until the next
 * animation frame, ignoring our own host element, until `signal` aborts.
 */
export class MutationWatcher {
  readonly #roots = new WeakSet<Node>();
  readonly #observers: MutationObserver[] = [];
  readonly #pending: MutationRecord[] = [];
  readonly #onBatch: (batch: MutationBatch) => void;
  readonly #signal: AbortSignal;
  #scheduled = false;

  constructor(onBatch: (batch: MutationBatch) => void, signal: AbortSignal) {
    this.#onBatch = onBatch;
    this.#signal = signal;
    signal.addEventListener('abort', () => this.disconnect(), { once: true });
  }

  /** Starts watching a root (a document or a shadow root); watching the same root twice is a no-op. */
  observe(root: Node): void {
    if (this.#signal.aborted || this.#roots.has(root)) return;
    this.#roots.add(root);
    const observer = new MutationObserver((records) => this.#queue(records));
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    this.#observers.push(observer);
  }

  disconnect(): void {
    for (const observer of this.#observers) observer.disconnect();
    this.#observers.length = 0;
    this.#pending.length = 0;
  }

  #queue(records: MutationRecord[]): void {
    this.#pending.push(...records);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // A timer rather than rAF: background tabs still catch up, and live blogs batch naturally.
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#signal.aborted) return;
      const records = this.#pending.splice(0);
      const batch = reduceRecords(records);
      if (batch.changed.length || batch.removed || batch.full) this.#onBatch(batch);
    }, 50);
  }
}

const isOurs = (node: Node) => node.nodeName === HOST_TAG;

/** Reduces records to the block containers to rescan, Dark Reader style, with a full-rescan fallback. */
export function reduceRecords(records: readonly MutationRecord[]): MutationBatch {
  const containers = new Set<Node>();
  let removed = false;
  for (const record of records) {
    if (record.type === 'characterData') {
      containers.add(blockContainerOf(record.target));
      continue;
    }
    const added = [...record.addedNodes].filter((n) => !isOurs(n));
    const gone = [...record.removedNodes].filter((n) => !isOurs(n));
    if (gone.length) removed = true;
    for (const node of added) {
      containers.add(node.nodeType === Node.TEXT_NODE ? blockContainerOf(node) : blockContainerOf(node));
    }
    // Removing a piece of a block (e.g. a <b> inside a paragraph) changes the block's joined text.
    if (gone.length && record.target.isConnected) containers.add(blockContainerOf(record.target));
    if (containers.size > PAGE_DEFAULTS.fullRescanBlocks) return { changed: [], removed: true, full: true };
  }
  // Keep only outermost containers that are still on the page and not in a skipped region.
  const list = [...containers].filter((n) => n.isConnected && !isInSkippedRegion(n));
  const outer = list.filter((n) => !list.some((other) => other !== n && other.contains(n)));
  return { changed: outer, removed, full: false };
}
