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

  /** Feed each (throttled) pointer position: the mention under it, and whether it is over the card. */
  update(target: Mention | undefined, overCard: boolean): void {
    if (this.#pinned || this.#options.signal.aborted) return;
    if (overCard || (target && target === this.#open)) {
      this.#clear();
      return;
    }
    if (target) {
      if (target === this.#pending) return;
      this.#schedule(target, this.#options.openDelayMs(), () => this.#show(target));
      return;
    }
    if (this.#pending && !this.#open) this.#clear();
    else if (this.#open && this.#timer === undefined)
      this.#schedule(undefined, this.#options.closeDelayMs ?? PAGE_DEFAULTS.closeDelayMs, () => this.close());
    else if (this.#open && this.#pending) {
      this.#clear();
      this.#schedule(undefined, this.#options.closeDelayMs ?? PAGE_DEFAULTS.closeDelayMs, () => this.close());
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

  #schedule(mention: Mention | undefined, delay: number, run: () => void): void {
    this.#clear();
    this.#pending = mention;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pending = undefined;
      run();
    }, delay);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }
}
