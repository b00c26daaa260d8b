import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { CardData } from '../core/card-data.ts';
import type { Translate } from '../core/translate.ts';
import { EntityCard } from './EntityCard.tsx';
import { I18nContext } from './i18n.ts';
import { warmCard } from './warm-card.ts';

/** Where a card is anchored: a mention's live range (its line's box is the reference). */
export interface HoverCardAnchor {
  id: string;
  range: Range;
  /** The pointer's position when hovering: picks the line box of a mention that wraps. */
  point?: { x: number; y: number };
}

/** The box the card is drawn in (a shadow root of ours on the page). */
export interface HoverCardHost {
  /** The element to render into (put back on the page if it was removed); undefined when it cannot be. */
  container(): HTMLElement | undefined;
  contains(target: EventTarget | null): boolean;
}

export interface HoverCardOptions {
  host: HoverCardHost;
  /** One entity's card data (fetched on demand and remembered by the caller: the content script's `LazyCard`). */
  load: (id: string) => Promise<CardData | undefined>;
  translate: Translate;
  onOpenFull: (id: string) => void;
  /** The card asked to close (its close button). */
  onCloseRequest: () => void;
  /** How the page looks where a mention sits: the card follows its theme and direction. */
  pageLook: (element: Element | null) => { dark: boolean; rtl: boolean };
}

/** Placement limits of the card (px). */
export const HOVER_CARD_LAYOUT = Object.freeze({
  /** Margin kept between the card and the viewport's edges. */
  viewportPadding: 8,
  /** Gap between the hovered line and the card. */
  offset: 6,
  minHeight: 120,
  maxHeight: 480,
});

/**
 * The one hover card: a Preact tree in the host's shadow root, placed next to the hovered line with
 * floating-ui, in the top layer where popovers are supported. Its data is loaded when it is first needed
 * (`prefetch` when the pointer comes to rest, so it is there when the hover delay ends).
 */
export class HoverCard {
  readonly #options: HoverCardOptions;
  #stopPositioning: (() => void) | undefined;
  #anchor: HoverCardAnchor | undefined;
  #entityId: string | undefined;
  #returnFocus: HTMLElement | undefined;
  #container: HTMLElement | undefined;
  /** Bumped by every open and close: a load that finishes after a newer request is dropped. */
  #generation = 0;
  /** Whether a card was made ahead, hidden, once (`prefetch`). */
  #prepared = false;
  /** What the container holds: the data and look last rendered there (rendering the same again is skipped). */
  #rendered: { data: CardData; dark: boolean; rtl: boolean } | undefined;

  constructor(options: HoverCardOptions) {
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.#entityId !== undefined;
  }

  /** Whether an event target is inside the card. */
  contains(target: EventTarget | null): boolean {
    return this.#options.host.contains(target);
  }

  /**
   * Starts loading an entity's card data. The first time, while no card is open, it also renders the card
   * hidden (a popover not shown takes no layout), then looks up its fonts and lays it out once out of sight
   * (`warmCard`): the first card of a page then opens as quickly as later ones, its host, styles, fonts and tree
   * made during the hover delay rather than after it. Later cards find all that warm, so they are not prepared.
   */
  prefetch(id: string): void {
    const generation = this.#generation;
    void this.#load(id).then((data) => {
      // Hidden only where popovers are supported: elsewhere a card in the tree is on the page.
      if (this.#prepared || !data || this.isOpen || generation !== this.#generation) return;
      if (!('showPopover' in HTMLElement.prototype)) return;
      const container = this.#takeContainer();
      if (!container) return;
      this.#prepared = true;
      this.#render(container, data, { dark: false, rtl: false });
      // Its fonts and layout in tasks of their own, after the render: in one task with it and the UI script's
      // start, a browser's first tab saw one of 57 to 78 ms (docs/measurements.md, the page's twenty-second round).
      const popover = container.firstElementChild as HTMLElement | null;
      if (popover) void warmCard(popover);
    });
  }

  /** Opens (or moves) the card for an anchor; `focus` moves keyboard focus into it. */
  async open(anchor: HoverCardAnchor, { focus = false } = {}): Promise<void> {
    const generation = ++this.#generation;
    const data = await this.#load(anchor.id);
    if (generation !== this.#generation || !data) return;
    if (focus && !this.contains(document.activeElement)) {
      this.#returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    }
    this.#anchor = anchor;
    this.#show(data, focus);
  }

  /** Closes the card; focus returns to where it was when the keyboard opened it. */
  close(): void {
    this.#generation++;
    this.#stopPositioning?.();
    this.#stopPositioning = undefined;
    this.#entityId = undefined;
    this.#anchor = undefined;
    const container = this.#container;
    if (container) {
      const popover = container.firstElementChild as HTMLElement | null;
      try {
        if (popover?.matches(':popover-open')) popover.hidePopover();
      } catch {
        // No popover support: unmounting below hides it.
      }
      render(null, container);
      this.#rendered = undefined;
    }
    const back = this.#returnFocus;
    this.#returnFocus = undefined;
    if (back?.isConnected) back.focus({ preventScroll: true });
  }

  /** The data of an entity's card; the content script keeps what it fetched (`LazyCard`), so asking again is cheap. */
  #load(id: string): Promise<CardData | undefined> {
    return this.#options.load(id).catch(() => undefined);
  }

  #show(data: CardData, focus: boolean): void {
    const anchor = this.#anchor;
    const container = anchor && this.#takeContainer();
    if (!anchor || !container) return;
    this.#entityId = data.entity.id;
    this.#render(container, data, this.#options.pageLook(anchor.range.startContainer.parentElement));
    const floating = container.firstElementChild as HTMLElement;
    try {
      if (!floating.matches(':popover-open')) floating.showPopover();
    } catch {
      // No popover support: the fixed position and maximum z-index in card.css keep it on top.
    }
    this.#stopPositioning?.();
    const reference = lineReference(anchor);
    this.#stopPositioning = autoUpdate(reference, floating, () => void place(reference, floating), {
      animationFrame: false,
    });
    if (focus) (floating.querySelector('[role="dialog"]') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /** The host's container to render into, the one rendered into before emptied if the host made a new one. */
  #takeContainer(): HTMLElement | undefined {
    const container = this.#options.host.container();
    if (!container) return undefined;
    if (this.#container && this.#container !== container) {
      render(null, this.#container);
      this.#rendered = undefined;
    }
    this.#container = container;
    return container;
  }

  /**
   * The card's tree for `data` in `container`, looking as the page does where its mention sits; not shown.
   * Nothing to do where the container holds that already: the first card, rendered hidden during the hover delay
   * (`prefetch`), is shown as it is, with no render in the task that shows it.
   */
  #render(container: HTMLElement, data: CardData, { dark, rtl }: { dark: boolean; rtl: boolean }): void {
    const held = this.#rendered;
    if (held && held.data === data && held.dark === dark && held.rtl === rtl && container.firstElementChild) return;
    this.#rendered = { data, dark, rtl };
    const { translate, onOpenFull, onCloseRequest } = this.#options;
    const { entity } = data;
    render(
      <I18nContext.Provider value={translate}>
        <div class={`nc-popover${dark ? ' nc-theme-dark' : ''}`} dir={rtl ? 'rtl' : 'ltr'} popover="manual">
          {/* The dataset is written in English: its text reads left to right even where the card sits mirrored. */}
          <div dir="ltr" lang="en">
            <EntityCard
              key={entity.id}
              entity={entity}
              sources={data.sources}
              names={data.names}
              packs={data.packs}
              detail="hover"
              onClose={onCloseRequest}
              onOpenFull={onOpenFull}
              onNavigate={(next) => {
                const generation = ++this.#generation;
                void this.#load(next).then((loaded) => {
                  if (loaded && generation === this.#generation && this.#anchor) this.#show(loaded, true);
                });
              }}
            />
          </div>
        </div>
      </I18nContext.Provider>,
      container,
    );
  }
}

/** A virtual reference for the line the pointer is on (a mention can wrap onto two lines). */
function lineReference(anchor: HoverCardAnchor) {
  const rect = () => {
    const rects = [...anchor.range.getClientRects()];
    const { point } = anchor;
    const hit = (point && rects.find((r) => point.y >= r.top && point.y <= r.bottom)) ?? rects[0];
    if (!hit) return anchor.range.getBoundingClientRect();
    // The boxes on the hovered line (a split name has one per element), joined.
    const line = rects.filter((r) => r.bottom > hit.top && r.top < hit.bottom);
    const left = Math.min(...line.map((r) => r.left));
    const right = Math.max(...line.map((r) => r.right));
    const top = Math.min(...line.map((r) => r.top));
    const bottom = Math.max(...line.map((r) => r.bottom));
    return new DOMRect(left, top, right - left, bottom - top);
  };
  return {
    getBoundingClientRect: rect,
    getClientRects: () => [rect()],
    contextElement: anchor.range.startContainer.parentElement ?? undefined,
  };
}

async function place(reference: ReturnType<typeof lineReference>, floating: HTMLElement): Promise<void> {
  const padding = HOVER_CARD_LAYOUT.viewportPadding;
  const { x, y } = await computePosition(reference, floating, {
    strategy: 'fixed',
    // floating-ui mirrors -start on right-to-left pages (the card's dir), so one placement serves both.
    placement: 'bottom-start',
    middleware: [
      offset(HOVER_CARD_LAYOUT.offset),
      // Only above or below the line, never over it.
      flip({ fallbackPlacements: ['top-start'], crossAxis: false, padding }),
      shift({ padding }),
      size({
        padding,
        apply({ availableHeight }) {
          const height = Math.floor(availableHeight);
          floating.style.maxHeight = `${Math.max(HOVER_CARD_LAYOUT.minHeight, Math.min(HOVER_CARD_LAYOUT.maxHeight, height))}px`;
        },
      }),
    ],
  });
  Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
}
