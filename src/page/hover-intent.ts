import type { Mention } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';

export interface HoverIntentOptions {
  /** The open delay, read on each hover so a settings change applies at once. */
  openDelayMs: () => number;
  closeDelayMs?: number;
  open: (mention: Mention) => void;
  close: () => void;
  signal: AbortSignal;
}

/**
 * How late a pointer position may be read and still have its delay counted from when the pointer got there:
 * a few frames. A time further back (a tab whose frames were paused) or ahead counts as now.
 */
const MAX_LATE_MS = 100;

/**
 * Page Previews timing: open after the pointer rests on a mention, cancel if it leaves first; stay open while
 * the pointer is on the mention or the card; close a moment after it leaves both. A pinned card ignores hover.
 */
export class HoverIntent {
  readonly #options: HoverIntentOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Mention | undefined;
  #open: Mention | undefined;
  #pinned = false;

  constructor(options: HoverIntentOptions) {
    this.#options = options;
    options.signal.addEventListener('abort', () => clearTimeout(this.#timer), { once: true });
  }

  get openMention(): Mention | undefined {
    return this.#open;
  }

  get pinned(): boolean {
    return this.#pinned;
  }

  /**
   * Feed each (throttled) pointer position: the mention under it, whether it is over the card, and when the
   * pointer got there (`performance.now()` time: a pointer event's `timeStamp`). The delays count from then, not
   * from when the throttled position is read, which is up to a frame later.
   */
  update(target: Mention | undefined, overCard: boolean, at = performance.now()): void {
    if (this.#pinned || this.#options.signal.aborted) return;
    if (overCard || (target && target === this.#open)) {
      this.#clear();
      return;
    }
    if (target) {
      if (target === this.#pending) return;
      this.#schedule(target, this.#options.openDelayMs(), at, () => this.#show(target));
      return;
    }
    const closeDelay = this.#options.closeDelayMs ?? PAGE_DEFAULTS.closeDelayMs;
    if (this.#pending && !this.#open) this.#clear();
    else if (this.#open && this.#timer === undefined) this.#schedule(undefined, closeDelay, at, () => this.close());
    else if (this.#open && this.#pending) {
      this.#clear();
      this.#schedule(undefined, closeDelay, at, () => this.close());
    }
  }

  /** Opens a mention's card at once and keeps it open until closed (a click, the keyboard, the popup). */
  pin(mention: Mention): void {
    this.#clear();
    this.#pinned = true;
    this.#show(mention);
  }

  /** Closes the card now (Escape, the close button, a click elsewhere). */
  close(): void {
    this.#clear();
    this.#pinned = false;
    if (this.#open) {
      this.#open = undefined;
      this.#options.close();
    }
  }

  #show(mention: Mention): void {
    this.#clear();
    this.#open = mention;
    this.#options.open(mention);
  }

  /** Runs `run` `delay` ms after `since` (what is left of it now; at once where it has passed). */
  #schedule(mention: Mention | undefined, delay: number, since: number, run: () => void): void {
    this.#clear();
    this.#pending = mention;
    const late = performance.now() - since;
    const left = late > 0 && late <= MAX_LATE_MS ? Math.max(0, delay - late) : delay;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pending = undefined;
      run();
    }, left);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }
}
