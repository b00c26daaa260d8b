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
    if (set) {
      set.add(record);
      return;
    }
    this.#blocks.set(element, new Set([record]));
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
        this.#observer.unobserve(element);
      }
    }
  }

  /** Stops watching everything. */
  clear(): void {
    this.#observer.disconnect();
    this.#blocks.clear();
    this.#near.clear();
  }

  #update(
    entries: readonly Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'boundingClientRect'>[],
  ): void {
    const entered: BlockRecord[] = [];
    const left: BlockRecord[] = [];
    for (const entry of entries) {
      const set = this.#blocks.get(entry.target);
      if (!set) continue;
      const box = entry.boundingClientRect;
      const near = entry.isIntersecting || (box.width === 0 && box.height === 0 && isBoxless(entry.target));
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
