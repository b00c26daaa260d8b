import type { BlockRecord } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';

type Entry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'boundingClientRect'>;

/** The slice of IntersectionObserver the window uses (injectable for tests). */
export type ObserverFactory = (
  callback: (entries: readonly Entry[]) => void,
  options: { rootMargin: string },
) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

const browserObserver: ObserverFactory = (callback, options) => new IntersectionObserver(callback, options);

/**
 * Where a watched element is, as the observer last said: within the margin, outside it, or boxless. Which
 * side of the margin a far element is on cannot be kept: the observer reports crossings of the margin only,
 * and a jump from below to above crosses none.
 */
export type Place = 'near' | 'far' | 'boxless';

export interface ViewportWindowOptions {
  /** How many screens above and below the viewport count as near (the observer's rootMargin, in screens). */
  marginScreens: number;
  signal: AbortSignal;
  observe?: ObserverFactory;
  /** Blocks per watched block, about (`PAGE_DEFAULTS.viewportGroupBlocks`). */
  groupBlocks?: number;
  /** An element's top relative to the viewport's middle (negative: above it); read only when no sentinel is near. */
  offsetFromMiddle?: (element: Element) => number;
  /** Where an element is now, from its box, as the observer would place it with this margin (`placeNow`). */
  placeOfBox?: (element: Element, marginScreens: number) => Place;
}

const fromViewportMiddle = (element: Element): number => element.getBoundingClientRect().top - innerHeight / 2;

/** The observer's rule read from a box: near when it meets the viewport grown by the margin above and below. */
const placeFromBox = (element: Element, marginScreens: number): Place => {
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0 && isBoxless(element)) return 'boxless';
  const margin = innerHeight * marginScreens;
  const meets = box.bottom >= -margin && box.top <= innerHeight + margin && box.right >= 0 && box.left <= innerWidth;
  return meets ? 'near' : 'far';
};

/**
 * Which blocks with mentions are near the viewport, so ranges exist only where the reader is (a 1 MB page has
 * 20,000 mentions; the browser paints and updates every registered range). An IntersectionObserver with a
 * generous margin watches a few blocks, the sentinels: the first and last block of the page and about one in
 * `groupBlocks` between, in document order. The blocks between two sentinels are near when either sentinel is.
 * When none is (a run of long paragraphs taller than the margin), the reader is inside one run: the one whose
 * first sentinel is above the viewport's middle and whose next is below, found by reading a few sentinels'
 * boxes (a binary search, after the observer's report, when layout is fresh). The browser computes
 * every watched element's intersection on every frame of a scroll, so watching one block in sixteen instead of
 * each costs a sixteenth (measured on a 1 MB page: about 15 ms a frame when every block was watched).
 *
 * Sentinels stay put as blocks come and go (a live page's updates, rescans): every `groupBlocks`-th block
 * added is one, whatever was added before or after it. An element without a box of its own
 * (`display: contents`) never intersects: it counts as near, so its blocks are always drawn.
 */
export class ViewportWindow {
  /** Every block watched, in document order. */
  #records: BlockRecord[] = [];
  /** Each block's position in `#records`, made when the observer first reports after `#records` changed. */
  #positions: Map<BlockRecord, number> | undefined;
  readonly #sentinels = new Set<BlockRecord>();
  /** The sentinels by their element (blocks can share one). */
  readonly #sentinelsOf = new Map<Element, Set<BlockRecord>>();
  /** Whether some sentinel was near at the last decision (undefined before the first). */
  #wasNear: boolean | undefined;
  /** Sentinels by their turn (one in `groupBlocks` added), and the two at the ends of the page. */
  readonly #chosen = new WeakSet<BlockRecord>();
  #edges = new Set<BlockRecord>();
  #added = 0;
  readonly #near = new Set<BlockRecord>();
  /** Where each watched element is, once the observer has reported it. */
  readonly #places = new Map<Element, Place>();
  /** How many sentinels use each watched element (blocks can share one). */
  readonly #watchers = new Map<Element, number>();
  /**
   * Elements no longer watched, unobserved only when the task ends: an element unobserved and observed again
   * in one task is never reported again (Chromium keeps the old registration), so it stays watched and its
   * place is reused.
   */
  readonly #unwatching = new Set<Element>();
  #unwatchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #observer: ReturnType<ObserverFactory>;
  readonly #onChange: (entered: BlockRecord[], left: BlockRecord[]) => void;
  readonly #groupBlocks: number;
  /** Who waits for every watched element to be placed (`placed`). */
  #placedWaiters: (() => void)[] = [];
  readonly #offsetFromMiddle: (element: Element) => number;
  readonly #placeOfBox: (element: Element, marginScreens: number) => Place;
  readonly #marginScreens: number;

  constructor(
    onChange: (entered: BlockRecord[], left: BlockRecord[]) => void,
    {
      marginScreens,
      signal,
      observe = browserObserver,
      groupBlocks = PAGE_DEFAULTS.viewportGroupBlocks,
      offsetFromMiddle = fromViewportMiddle,
      placeOfBox = placeFromBox,
    }: ViewportWindowOptions,
  ) {
    this.#onChange = onChange;
    this.#offsetFromMiddle = offsetFromMiddle;
    this.#placeOfBox = placeOfBox;
    this.#marginScreens = marginScreens;
    this.#groupBlocks = Math.max(1, groupBlocks);
    const rootMargin = `${marginScreens * 100}% 0px`;
    this.#observer = observe((entries) => this.#update(entries), { rootMargin });
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  /** Whether a block is near the viewport (its mentions are drawn). */
  isNear(record: BlockRecord): boolean {
    return this.#near.has(record);
  }

  /** The blocks near the viewport now. */
  near(): ReadonlySet<BlockRecord> {
    return this.#near;
  }

  /**
   * Up to `count` blocks beyond the near ones in the reader's direction (`1`: below the last near block, `-1`:
   * above the first), in document order from the window outwards: what a scroll reaches next. Boxless blocks,
   * always near wherever they are, do not mark where the window is. None when no block is near.
   */
  ahead(direction: 1 | -1, count: number): BlockRecord[] {
    const records = this.#records;
    // The window's edge on that side: the near block farthest that way, looked for from the page's end.
    let edge = direction > 0 ? records.length - 1 : 0;
    for (; edge >= 0 && edge < records.length; edge -= direction) {
      const record = records[edge] as BlockRecord;
      if (record.element && this.#near.has(record)) break;
    }
    if (edge < 0 || edge >= records.length) return [];
    const ahead: BlockRecord[] = [];
    for (let i = edge + direction; i >= 0 && i < records.length && ahead.length < count; i += direction) {
      const record = records[i] as BlockRecord;
      if (!this.#near.has(record)) ahead.push(record);
    }
    return ahead;
  }

  /** How many elements the observer watches now. */
  get watched(): number {
    return this.#watchers.size;
  }

  /**
   * Resolves once the observer has reported where every element watched now is (at once when it has), so that
   * `near()` is what the reader's screen makes it; also when the window is cleared.
   */
  placed(): Promise<void> {
    if (this.#allPlaced()) return Promise.resolve();
    return new Promise((resolve) => this.#placedWaiters.push(resolve));
  }

  /**
   * Places every watched element the observer has not reported yet from its box, read now (a layout the page's
   * next frame would do, done in this task where it is stale), so that `near()` is right at once and what is
   * near can be drawn without waiting a frame for the observer's first report. The observer's reports, which
   * still come, correct what a box cannot tell (an ancestor that clips it away).
   */
  placeNow(): void {
    let placed = false;
    for (const element of this.#watchers.keys()) {
      if (this.#places.has(element)) continue;
      this.#places.set(element, this.#placeOfBox(element, this.#marginScreens));
      placed = true;
    }
    if (!placed) return;
    this.#recompute();
    this.#tellPlaced();
  }

  /** Starts watching a block; it is reported once the browser has placed its sentinels. */
  add(record: BlockRecord): void {
    this.addAll([record]);
  }

  /** Starts watching blocks (one pass however many: a scan adds a batch at a time). */
  addAll(records: readonly BlockRecord[]): void {
    if (!records.length) return;
    const before = this.#records.length;
    this.#positions = undefined;
    let appended = true;
    for (const record of records) {
      if (!insertInOrder(this.#records, record)) appended = false;
      // One block in `groupBlocks` by the order they came in: a scan adds in document order, so these are
      // evenly spread, and a block added later (a rescan, a live update) moves no other block's choice.
      if (this.#added++ % this.#groupBlocks === 0) {
        this.#chosen.add(record);
        this.#promote(record);
      }
    }
    this.#placeEdges();
    // Blocks added after the last (a scan's batch): only the runs from the former last block on can change.
    if (appended && this.#wasNear !== undefined) this.#recompute(Math.max(0, before - 1));
    else this.#recompute();
  }

  /** Stops watching blocks (their text left the page or is rescanned); they are not reported as left. */
  remove(records: readonly BlockRecord[]): void {
    if (!records.length) return;
    const gone = new Set(records);
    this.#records = this.#records.filter((record) => !gone.has(record));
    this.#positions = undefined;
    for (const record of records) {
      this.#near.delete(record);
      this.#demote(record);
    }
    this.#placeEdges();
    this.#recompute();
    this.#tellPlaced();
  }

  /** Stops watching everything. */
  clear(): void {
    clearTimeout(this.#unwatchTimer);
    this.#unwatchTimer = undefined;
    this.#observer.disconnect();
    this.#records = [];
    this.#positions = undefined;
    this.#sentinels.clear();
    this.#sentinelsOf.clear();
    this.#wasNear = undefined;
    this.#edges.clear();
    this.#near.clear();
    this.#places.clear();
    this.#watchers.clear();
    this.#unwatching.clear();
    this.#tellPlaced();
  }

  #allPlaced(): boolean {
    for (const element of this.#watchers.keys()) if (!this.#places.has(element)) return false;
    return true;
  }

  #tellPlaced(): void {
    if (!this.#placedWaiters.length || !this.#allPlaced()) return;
    const waiters = this.#placedWaiters;
    this.#placedWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Makes a block a sentinel (and watches its element). */
  #promote(record: BlockRecord): void {
    if (this.#sentinels.has(record)) return;
    this.#sentinels.add(record);
    const element = record.element;
    if (!element) return;
    const list = this.#sentinelsOf.get(element);
    if (list) list.add(record);
    else this.#sentinelsOf.set(element, new Set([record]));
    this.#watch(element);
  }

  #demote(record: BlockRecord): void {
    if (!this.#sentinels.delete(record)) return;
    const element = record.element;
    if (!element) return;
    const list = this.#sentinelsOf.get(element);
    list?.delete(record);
    if (list?.size === 0) this.#sentinelsOf.delete(element);
    this.#unwatch(element);
  }

  /** The first and the last block are sentinels; blocks that were only because they were are not any more. */
  #placeEdges(): void {
    const records = this.#records;
    const edges = new Set<BlockRecord>();
    if (records.length) edges.add(records[0] as BlockRecord).add(records[records.length - 1] as BlockRecord);
    for (const old of this.#edges) if (!edges.has(old) && !this.#chosen.has(old)) this.#demote(old);
    for (const edge of edges) this.#promote(edge);
    this.#edges = edges;
  }

  #watch(element: Element | null): void {
    if (!element) return;
    const count = this.#watchers.get(element) ?? 0;
    this.#watchers.set(element, count + 1);
    if (count > 0) return;
    // Still registered from this task (see `#unwatching`): the observer will not report it again, so its
    // last place stands.
    if (this.#unwatching.delete(element)) return;
    this.#observer.observe(element);
  }

  #unwatch(element: Element | null): void {
    if (!element) return;
    const count = (this.#watchers.get(element) ?? 1) - 1;
    if (count > 0) {
      this.#watchers.set(element, count);
      return;
    }
    this.#watchers.delete(element);
    this.#unwatching.add(element);
    this.#unwatchTimer ??= setTimeout(() => {
      this.#unwatchTimer = undefined;
      for (const gone of this.#unwatching) {
        this.#observer.unobserve(gone);
        this.#places.delete(gone);
      }
      this.#unwatching.clear();
    }, 0);
  }

  #update(entries: readonly Entry[]): void {
    let from = Number.POSITIVE_INFINITY;
    let to = -1;
    // One pass over the blocks rather than a search in document order per sentinel: comparing two nodes'
    // positions walks their ancestors, and the first report names every sentinel of the page.
    this.#positions ??= new Map(this.#records.map((record, i) => [record, i]));
    for (const entry of entries) {
      this.#places.set(entry.target, placeOf(entry));
      // Only the runs on either side of a reported sentinel can change (unless no sentinel is near).
      for (const record of this.#sentinelsOf.get(entry.target) ?? []) {
        const at = this.#positions.get(record) ?? -1;
        if (at < 0) continue;
        from = Math.min(from, at);
        to = Math.max(to, at);
      }
    }
    if (to >= 0) this.#recompute(from, to);
    this.#tellPlaced();
  }

  /**
   * Decides the blocks from their sentinels' places and reports what changed: those in the runs on either side
   * of positions `from` to `to` of the blocks, or all of them (also whenever no sentinel is near, or that changes).
   */
  #recompute(from = 0, to = Number.POSITIVE_INFINITY): void {
    const entered: BlockRecord[] = [];
    const left: BlockRecord[] = [];
    const set = (record: BlockRecord, near: boolean) => {
      if (near && !this.#near.has(record)) {
        this.#near.add(record);
        entered.push(record);
      } else if (!near && this.#near.has(record)) {
        this.#near.delete(record);
        left.push(record);
      }
    };
    const anyNear = [...this.#sentinelsOf.keys()].some((element) => isNearPlace(this.#places.get(element)));
    const records = this.#records;
    if (!anyNear || anyNear !== this.#wasNear) {
      from = 0;
      to = Number.POSITIVE_INFINITY;
    }
    this.#wasNear = anyNear;
    // Widen to whole runs: from the sentinel before `from` to the one after `to` (the runs on both sides).
    let start = Math.min(from, records.length) - 1;
    while (start > 0 && !this.#isSentinel(records[start] as BlockRecord)) start--;
    let end = to + 1;
    while (end < records.length - 1 && !this.#isSentinel(records[end] as BlockRecord)) end++;
    end = Math.min(end, records.length - 1);
    // The sentinels in the stretch, in document order (positions in `records`), and whether each is near.
    const sentinels: number[] = [];
    const near: boolean[] = [];
    let reported = true;
    for (let i = Math.max(0, start); i <= end; i++) {
      const record = records[i] as BlockRecord;
      if (!record.element) set(record, true);
      else if (this.#sentinels.has(record)) {
        const place = this.#places.get(record.element);
        if (place === undefined) reported = false;
        sentinels.push(i);
        near.push(isNearPlace(place));
      }
    }
    const inside = anyNear || !reported ? -1 : this.#runAtViewport(sentinels);
    for (const [j, at] of sentinels.entries()) {
      set(records[at] as BlockRecord, near[j] as boolean);
      const next = sentinels[j + 1];
      if (next === undefined) break;
      const between = near[j] || near[j + 1] || j === inside;
      for (let k = at + 1; k < next; k++) {
        const record = records[k] as BlockRecord;
        if (record.element) set(record, between as boolean);
      }
    }
    if (entered.length || left.length) this.#onChange(entered, left);
  }

  #isSentinel(record: BlockRecord): boolean {
    return this.#sentinels.has(record) || !record.element;
  }

  /** The run (by its first sentinel) the viewport's middle is in, when no sentinel is near: -1 if none. */
  #runAtViewport(sentinels: readonly number[]): number {
    const offset = (j: number) =>
      this.#offsetFromMiddle((this.#records[sentinels[j] as number] as BlockRecord).element as Element);
    let low = 0;
    let high = sentinels.length - 1;
    if (high < 1 || offset(low) > 0 || offset(high) < 0) return -1;
    // offset(low) <= 0 < offset(high): narrow to two neighbours.
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (offset(mid) <= 0) low = mid;
      else high = mid;
    }
    return low;
  }
}

function isNearPlace(place: Place | undefined): boolean {
  return place === 'near' || place === 'boxless';
}

function placeOf(entry: Entry): Place {
  const box = entry.boundingClientRect;
  if (entry.isIntersecting) return 'near';
  return box.width === 0 && box.height === 0 && isBoxless(entry.target) ? 'boxless' : 'far';
}

/** Puts a block into a list in document order (at the end, where a scan adds, in a step); true when at the end. */
function insertInOrder(records: BlockRecord[], record: BlockRecord): boolean {
  const last = records[records.length - 1];
  if (!last || precedes(last, record)) {
    records.push(record);
    return true;
  }
  records.splice(lowerBound(records, record), 0, record);
  return false;
}

/** The first position whose block does not come before `record`. */
function lowerBound(records: readonly BlockRecord[], record: BlockRecord): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (precedes(records[mid] as BlockRecord, record)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function precedes(a: BlockRecord, b: BlockRecord): boolean {
  const first = a.nodes[0];
  const second = b.nodes[0];
  if (!first || !second) return true;
  return (first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/** An element that generates no box of its own but whose children are rendered (`display: contents`). */
function isBoxless(element: Element): boolean {
  return typeof getComputedStyle === 'function' && getComputedStyle(element).display === 'contents';
}
