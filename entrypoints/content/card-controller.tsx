import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext, ShadowRootContentScriptUi } from '#imports';
import type { Entity, Source } from '../../src/core/dataset-schema.ts';
import type { Translate } from '../../src/core/translate.ts';
import { HOST_TAG, PAGE_DEFAULTS } from '../../src/page/page-defaults.ts';
import { isDarkBackground } from '../../src/page/page-theme.ts';
import cardCss from '../../src/ui/card.css?inline';
import { EntityCard } from '../../src/ui/EntityCard.tsx';
import { I18nContext } from '../../src/ui/i18n.ts';

export interface CardData {
  entities: ReadonlyMap<string, Entity>;
  sources: ReadonlyMap<string, Source>;
  names: ReadonlyMap<string, string>;
}

/** Where a card is anchored: a mention's live range (its line's box is the reference). */
export interface CardAnchor {
  id: string;
  range: Range;
  /** The pointer's position when hovering: picks the line box of a mention that wraps. */
  point?: { x: number; y: number };
}

export interface CardControllerOptions {
  /** The cards' data, asked for when a card is shown (the first call may parse it). */
  data: () => CardData;
  translate: Translate;
  onOpenFull: (id: string) => void;
  /** The card asked to close (its close button). */
  onCloseRequest: () => void;
}

/**
 * The one hover card: a Preact tree in our shadow root (created on first use: the only node we add to a
 * page), placed next to the hovered line with floating-ui, in the top layer where popovers are supported.
 */
export class CardController {
  readonly #ctx: ContentScriptContext;
  readonly #options: CardControllerOptions;
  #ui: ShadowRootContentScriptUi<HTMLElement> | undefined;
  #creating: Promise<ShadowRootContentScriptUi<HTMLElement>> | undefined;
  #stopPositioning: (() => void) | undefined;
  #anchor: CardAnchor | undefined;
  #entityId: string | undefined;
  #returnFocus: HTMLElement | undefined;

  constructor(ctx: ContentScriptContext, options: CardControllerOptions) {
    this.#ctx = ctx;
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.#entityId !== undefined;
  }

  /** Whether an event target is inside our card's host. */
  contains(target: EventTarget | null): boolean {
    return Boolean(this.#ui && target instanceof Node && this.#ui.shadowHost.contains(target));
  }

  /** Opens (or moves) the card for an anchor; `focus` moves keyboard focus into it. */
  async open(anchor: CardAnchor, { focus = false } = {}): Promise<void> {
    const ui = await this.#ensureUi();
    if (this.#ctx.isInvalid) return;
    if (focus && !this.contains(document.activeElement)) {
      this.#returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    }
    this.#anchor = anchor;
    this.#show(ui, anchor.id, focus);
  }

  /** Closes the card; focus returns to where it was when the keyboard opened it. */
  close(): void {
    this.#stopPositioning?.();
    this.#stopPositioning = undefined;
    this.#entityId = undefined;
    this.#anchor = undefined;
    if (this.#ui?.mounted) {
      const popover = this.#popover();
      if (popover?.matches(':popover-open')) popover.hidePopover();
      render(null, this.#ui.mounted);
    }
    const back = this.#returnFocus;
    this.#returnFocus = undefined;
    if (back?.isConnected) back.focus({ preventScroll: true });
  }

  #popover(): HTMLElement | null {
    return (this.#ui?.mounted?.firstElementChild as HTMLElement | null) ?? null;
  }

  async #ensureUi(): Promise<ShadowRootContentScriptUi<HTMLElement>> {
    if (this.#ui) return this.#ui;
    this.#creating ??= createShadowRootUi(this.#ctx, {
      name: HOST_TAG.toLowerCase(),
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: cardCss,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    this.#ui = await this.#creating;
    return this.#ui;
  }

  #show(ui: ShadowRootContentScriptUi<HTMLElement>, id: string, focus: boolean): void {
    const { translate, onOpenFull, onCloseRequest } = this.#options;
    const data = this.#options.data();
    const entity = data.entities.get(id);
    const anchor = this.#anchor;
    if (!entity || !anchor) return;
    if (!ui.mounted) ui.mount();
    const container = ui.mounted as HTMLElement;
    this.#entityId = id;
    const element = anchor.range.startContainer.parentElement;
    const dark = isDarkBackground(element);
    const rtl = element ? getComputedStyle(element).direction === 'rtl' : false;
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
              detail="hover"
              onClose={onCloseRequest}
              onOpenFull={onOpenFull}
              onNavigate={(next) => {
                if (!data.entities.has(next)) return;
                this.#show(ui, next, true);
              }}
            />
          </div>
        </div>
      </I18nContext.Provider>,
      container,
    );
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
}

/** A virtual reference for the line the pointer is on (a mention can wrap onto two lines). */
function lineReference(anchor: CardAnchor) {
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
  const padding = PAGE_DEFAULTS.viewportPadding;
  const { x, y } = await computePosition(reference, floating, {
    strategy: 'fixed',
    // floating-ui mirrors -start on right-to-left pages (the card's dir), so one placement serves both.
    placement: 'bottom-start',
    middleware: [
      offset(PAGE_DEFAULTS.cardOffset),
      // Only above or below the line, never over it.
      flip({ fallbackPlacements: ['top-start'], crossAxis: false, padding }),
      shift({ padding }),
      size({
        padding,
        apply({ availableHeight }) {
          floating.style.maxHeight = `${Math.max(120, Math.min(480, Math.floor(availableHeight)))}px`;
        },
      }),
    ],
  });
  Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
}
