import type { BlockRecord } from './mention-store.ts';

/** The slice of IntersectionObserver the window uses (injectable for tests). */
export type ObserverFactory = (
  callback: (
    entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'boundingClientRect'>[],
  ) => void,
  options: { rootMargin: string },
) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

const browserObserver: ObserverFactory = (callback, options) => new IntersectionObserver(callback, options);

/**
 * Which blocks with mentions are near the viewport: an IntersectionObserver on each block's element with a
 * generous margin, so ranges exist only where the reader is (a 1 MB page has 20,000 mentions; the browser
 * paints and updates every registered range). The browser computes intersections with its own layout, so this
 * costs no layout reads of ours. An element without a box of its own (`display: contents`) reports an empty
 * rectangle and never intersects: its blocks count as near, so they are always drawn.
 */
export class ViewportWindow {
  readonly #blocks = new Map<Element, Set<BlockRecord>>();
  readonly #near = new Set<BlockRecord>();
  /** Watched elements the observer last reported near (or boxless). */
  readonly #nearElements = new Set<Element>();
  /**
   * Elements left without blocks, still watched until the task ends: a rescan drops a block and adds its
   * successor in one task, and an element unobserved and observed again in one task is never reported again
   * (Chromium keeps the old registration), so it stays watched and its state is reused.
   */
  readonly #unwatching = new Set<Element>();
  #unwatchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #observer: ReturnType<ObserverFactory>;
  readonly #onChange: (entered: BlockRecord[], left: BlockRecord[]) => void;

  constructor(
    onChange: (entered: BlockRecord[], left: BlockRecord[]) => void,
    {
      rootMargin,
      signal,
      observe = browserObserver,
    }: { rootMargin: string; signal: AbortSignal; observe?: ObserverFactory },
  ) {
    this.#onChange = onChange;
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

  /** Starts watching a block; it is reported once the browser has placed it. */
  add(record: BlockRecord): void {
    const element = record.element;
    if (!element) {
      this.#near.add(record);
      this.#onChange([record], []);
      return;
    }
    const set = this.#blocks.get(element);
    if (set) set.add(record);
    else this.#blocks.set(element, new Set([record]));
    if (set || this.#unwatching.delete(element)) {
      // Already watched: the observer will not report it again until it moves, so use what it said last.
      if (this.#nearElements.has(element)) {
        this.#near.add(record);
        this.#onChange([record], []);
      }
      return;
    }
    this.#observer.observe(element);
  }

  /** Stops watching blocks (their text left the page or is rescanned); they are not reported as left. */
  remove(records: readonly BlockRecord[]): void {
    for (const record of records) {
      this.#near.delete(record);
      const element = record.element;
      const set = element && this.#blocks.get(element);
      if (!set) continue;
      set.delete(record);
      if (set.size === 0) {
        this.#blocks.delete(element);
        this.#unwatching.add(element);
      }
    }
    if (this.#unwatching.size && this.#unwatchTimer === undefined) {
      this.#unwatchTimer = setTimeout(() => {
        this.#unwatchTimer = undefined;
        for (const element of this.#unwatching) {
          this.#observer.unobserve(element);
          this.#nearElements.delete(element);
        }
        this.#unwatching.clear();
      }, 0);
    }
  }

  /** Stops watching everything. */
  clear(): void {
    clearTimeout(this.#unwatchTimer);
    this.#unwatchTimer = undefined;
    this.#observer.disconnect();
    this.#blocks.clear();
    this.#near.clear();
    this.#nearElements.clear();
    this.#unwatching.clear();
  }

  #update(
    entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'boundingClientRect'>[],
  ): void {
    const entered: BlockRecord[] = [];
    const left: BlockRecord[] = [];
    for (const entry of entries) {
      const box = entry.boundingClientRect;
      const near = entry.isIntersecting || (box.width === 0 && box.height === 0 && isBoxless(entry.target));
      if (near) this.#nearElements.add(entry.target);
      else this.#nearElements.delete(entry.target);
      const set = this.#blocks.get(entry.target);
      if (!set) continue;
      for (const record of set) {
        if (near && !this.#near.has(record)) {
          this.#near.add(record);
          entered.push(record);
        } else if (!near && this.#near.has(record)) {
          this.#near.delete(record);
          left.push(record);
        }
      }
    }
    if (entered.length || left.length) this.#onChange(entered, left);
  }
}

/** An element that generates no box of its own but whose children are rendered (`display: contents`). */
function isBoxless(element: Element): boolean {
  return typeof getComputedStyle === 'function' && getComputedStyle(element).display === 'contents';
}
