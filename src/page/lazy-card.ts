import type { CardAnchor, CardPort } from './highlight-session.ts';

/**
 * The hover card is not part of the content script: its UI (Preact, the card's components and styles, the
 * positioning library) is a script of its own that the background runs in the page's frame, in the content
 * script's world, the first time a card may be wanted (the pointer resting on a mention, the keyboard, the
 * popup). Most pages are read without a card ever opening, and none of them pays for its code.
 *
 * The two scripts meet on the global object of that world, which the page's own scripts cannot see.
 */
const CARD_UI_KEY = '__newsContextCardUi';

/** What the card's UI needs from the content script. */
export interface CardUiOptions<Data> {
  /** The tag of the element the card is drawn in (`PageNames.hostTag`: the walker skips it). */
  hostTag: string;
  /** One entity's card data, as the background answers (shared with the content script's prefetch). */
  load: (id: string) => Promise<Data | undefined>;
  onOpenFull: (id: string) => void;
  /** The card asked to close (its close button). */
  onCloseRequest: () => void;
}

/** A card the UI script made: a `CardPort` that can also take itself off the page. */
export interface LoadedCard extends CardPort {
  remove(): void;
}

export type CardUiFactory<Data> = (options: CardUiOptions<Data>) => LoadedCard;

/** Called by the card's UI script when it runs: hands its factory to the content script. */
export function offerCardUi<Data>(factory: CardUiFactory<Data>): void {
  (globalThis as Record<string, unknown>)[CARD_UI_KEY] = factory;
}

function takeCardUi<Data>(): CardUiFactory<Data> | undefined {
  const factory = (globalThis as Record<string, unknown>)[CARD_UI_KEY];
  return typeof factory === 'function' ? (factory as CardUiFactory<Data>) : undefined;
}

export interface LazyCardOptions<Data> extends CardUiOptions<Data> {
  /** Has the card's UI script run in this frame (the background injects it); rejects when it cannot. */
  injectUi: () => Promise<void>;
}

/**
 * The content script's card: loads the UI on first need, and meanwhile starts fetching the entity's data, so
 * both are there when the hover delay ends. A card asked to open while the UI loads opens once it has, unless
 * it was closed or another was asked for meanwhile. When the UI cannot be loaded (the extension was updated
 * or removed under the page), cards stay closed and the next request tries again.
 */
export class LazyCard<Data> implements CardPort {
  readonly #options: LazyCardOptions<Data>;
  readonly #data = new Map<string, Promise<Data | undefined>>();
  #card: LoadedCard | undefined;
  #loading: Promise<LoadedCard | undefined> | undefined;
  /** Bumped by every open and close: an open waiting for the UI is dropped when a newer request came. */
  #generation = 0;

  constructor(options: LazyCardOptions<Data>) {
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.#card?.isOpen ?? false;
  }

  contains(target: EventTarget | null): boolean {
    return this.#card?.contains(target) ?? false;
  }

  prefetch(id: string): void {
    void this.#dataOf(id);
    void this.#ui().then((card) => card?.prefetch(id));
  }

  async open(anchor: CardAnchor, options?: { focus?: boolean }): Promise<void> {
    const generation = ++this.#generation;
    void this.#dataOf(anchor.id);
    const card = this.#card ?? (await this.#ui());
    if (!card || generation !== this.#generation) return;
    await card.open(anchor, options);
  }

  close(): void {
    this.#generation++;
    this.#card?.close();
  }

  /** Takes the card off the page (the content script is being torn down). */
  remove(): void {
    this.#generation++;
    this.#card?.remove();
  }

  #dataOf(id: string): Promise<Data | undefined> {
    let data = this.#data.get(id);
    if (!data) {
      data = this.#options.load(id).catch(() => undefined);
      this.#data.set(id, data);
      // A failed load (the extension reloading) is not remembered: the next hover tries again.
      void data.then((loaded) => {
        if (loaded === undefined) this.#data.delete(id);
      });
    }
    return data;
  }

  #ui(): Promise<LoadedCard | undefined> {
    this.#loading ??= this.#load().then(
      (card) => card,
      () => {
        this.#loading = undefined;
        return undefined;
      },
    );
    return this.#loading;
  }

  async #load(): Promise<LoadedCard> {
    // Always run now, even if a factory is there: one left by an earlier version of the extension (updated
    // under this page) would talk to a background that is gone.
    await this.#options.injectUi();
    const factory = takeCardUi<Data>();
    if (!factory) throw new Error('the card UI script did not run');
    const { hostTag, onOpenFull, onCloseRequest } = this.#options;
    this.#card = factory({ hostTag, load: (id) => this.#dataOf(id), onOpenFull, onCloseRequest });
    return this.#card;
  }
}
