import type { ContentScriptContext } from '#imports';
import type { EntityKind } from '../../src/core/dataset-schema.ts';
import type { Match } from '../../src/core/matcher/match.ts';
import type { Settings } from '../../src/core/settings-schema.ts';
import { compareMentions, type Mention } from '../../src/page/highlight-registry.ts';
import { mentionAtPoint } from '../../src/page/hit-test.ts';
import { HoverIntent } from '../../src/page/hover-intent.ts';
import { PAGE_DEFAULTS } from '../../src/page/page-defaults.ts';
import { isDarkBackground } from '../../src/page/page-theme.ts';
import type { CardController } from './card-controller.tsx';
import { adoptHighlightStyles } from './highlight-styles.ts';
import { PageHighlighter } from './page-highlighter.ts';

export interface HighlightSessionOptions {
  card: CardController;
  match: (text: string) => Match[];
  kindOf: (id: string) => EntityKind | undefined;
  /** The number of distinct entities marked, whenever it changes (0 when off). */
  onCount: (count: number) => void;
  debug?: boolean;
}

/** Keyboard shortcut to the next / previous mention (with Alt+Shift), by physical key. */
const NEXT_KEY = 'KeyN';
const PREVIOUS_KEY = 'KeyP';

/**
 * Highlighting on this page as the settings say: on/off at once, live filter and style changes, hover cards,
 * keyboard navigation between mentions. Each "on" period has its own AbortController under ctx.signal.
 */
export class HighlightSession {
  readonly #ctx: ContentScriptContext;
  readonly #options: HighlightSessionOptions;
  #settings: Settings | undefined;
  #on: AbortController | undefined;
  #highlighter: PageHighlighter | undefined;
  #hover: HoverIntent | undefined;
  #removeStyles: () => void = () => {};
  #lastCount = -1;
  #keyboardIndex = -1;

  constructor(ctx: ContentScriptContext, options: HighlightSessionOptions) {
    this.#ctx = ctx;
    this.#options = options;
    ctx.signal.addEventListener('abort', () => this.#stop(), { once: true });
    // SPA navigations: the observer sees new content, but a route change can reuse nodes; scan it all again.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      this.#hover?.close();
      void this.#highlighter?.rescan();
    });
  }

  get enabled(): boolean {
    return this.#on !== undefined;
  }

  /** Applies settings: switches highlighting on or off, or updates the filter and the look in place. */
  apply(settings: Settings, enabled: boolean): void {
    if (this.#ctx.isInvalid) return;
    const previous = this.#settings;
    this.#settings = settings;
    if (!enabled) {
      this.#stop();
      return;
    }
    if (!this.#on) {
      this.#start();
      return;
    }
    const highlighter = this.#highlighter as PageHighlighter;
    if (
      JSON.stringify(previous?.kinds) !== JSON.stringify(settings.kinds) ||
      previous?.mentions !== settings.mentions
    ) {
      highlighter.registry.setFilter(settings);
      this.#changed();
    }
    if (previous?.style !== settings.style || JSON.stringify(previous?.colours) !== JSON.stringify(settings.colours)) {
      this.#restyle();
    }
  }

  /** Entities marked on the page, most mentioned first. */
  entityCounts(): { id: string; count: number }[] {
    return this.#highlighter?.registry.entityCounts() ?? [];
  }

  /** Scrolls to an entity's first mention, flashes it and opens its card; false when it is not marked here. */
  reveal(id: string): boolean {
    const mention = this.#highlighter?.registry.firstMention(id);
    if (!mention) return false;
    this.#goTo(mention, false);
    return true;
  }

  closeCard(): void {
    this.#hover?.close();
  }

  #start(): void {
    const settings = this.#settings as Settings;
    const on = new AbortController();
    this.#on = on;
    const signal = AbortSignal.any([on.signal, this.#ctx.signal]);
    const highlighter = new PageHighlighter(
      document,
      {
        match: this.#options.match,
        kindOf: this.#options.kindOf,
        filter: settings,
        onChange: () => this.#changed(),
        debug: this.#options.debug,
      },
      signal,
    );
    this.#highlighter = highlighter;
    this.#restyle();
    const { card } = this.#options;
    const hover = new HoverIntent({
      openDelayMs: () => this.#settings?.hoverDelayMs ?? 400,
      open: (mention) => void card.open({ id: mention.id, range: mention.range, point: this.#lastPoint }),
      close: () => card.close(),
      signal,
    });
    this.#hover = hover;
    this.#listen(signal, highlighter, hover);
    void highlighter.start();
  }

  #lastPoint: { x: number; y: number } | undefined;

  #listen(signal: AbortSignal, highlighter: PageHighlighter, hover: HoverIntent): void {
    const { card } = this.#options;
    const options = { signal, capture: true, passive: true } as const;
    let frame = 0;
    let last: PointerEvent | undefined;
    signal.addEventListener('abort', () => cancelAnimationFrame(frame), { once: true });
    document.addEventListener(
      'pointermove',
      (event) => {
        last = event;
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          if (!last || signal.aborted) return;
          const { clientX: x, clientY: y, target } = last;
          this.#lastPoint = { x, y };
          const overCard = card.contains(target);
          hover.update(overCard ? undefined : mentionAtPoint(document, highlighter.registry, x, y), overCard);
        });
      },
      options,
    );
    document.addEventListener(
      'click',
      (event) => {
        if (card.contains(event.target)) return;
        const hit = mentionAtPoint(document, highlighter.registry, event.clientX, event.clientY);
        if (hit) {
          this.#lastPoint = { x: event.clientX, y: event.clientY };
          hover.pin(hit);
        } else if (card.isOpen) hover.close();
      },
      options,
    );
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape' && card.isOpen) {
          hover.close();
          return;
        }
        if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
          if (event.code === NEXT_KEY || event.code === PREVIOUS_KEY) {
            event.preventDefault();
            this.#step(event.code === NEXT_KEY ? 1 : -1);
          }
        }
      },
      { signal, capture: true },
    );
  }

  /** Moves keyboard focus to the next or previous shown mention and opens its card. */
  #step(direction: 1 | -1): void {
    const mentions = this.#highlighter?.registry.shownMentions() ?? [];
    if (!mentions.length) return;
    const open = this.#hover?.openMention;
    let index = open ? mentions.findIndex((m) => compareMentions(m, open) === 0) : this.#keyboardIndex;
    if (index < 0 && direction < 0) index = 0;
    index = (index + direction + mentions.length) % mentions.length;
    this.#keyboardIndex = index;
    this.#goTo(mentions[index] as Mention, true);
  }

  #goTo(mention: Mention, focus: boolean): void {
    const rect = mention.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) {
      const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
      window.scrollBy({ top: rect.top - innerHeight / 3, behavior: reduce ? 'instant' : 'auto' });
    }
    this.#flash(mention.range);
    this.#hover?.pin(mention);
    if (focus)
      queueMicrotask(() => void this.#options.card.open({ id: mention.id, range: mention.range }, { focus: true }));
  }

  #flash(range: Range): void {
    const highlight = new Highlight(range);
    CSS.highlights.set('news-context-flash', highlight);
    setTimeout(() => {
      if (CSS.highlights.get('news-context-flash') === highlight) CSS.highlights.delete('news-context-flash');
    }, PAGE_DEFAULTS.flashMs);
  }

  #restyle(): void {
    this.#removeStyles();
    const settings = this.#settings;
    if (!settings || !this.#on) return;
    this.#removeStyles = adoptHighlightStyles(document, {
      style: settings.style,
      colours: settings.colours,
      dark: isDarkBackground(document.querySelector('main, article, [role="main"]') ?? document.body),
    });
  }

  #changed(): void {
    const count = this.#highlighter?.registry.entityCounts().length ?? 0;
    if (count === this.#lastCount) return;
    this.#lastCount = count;
    this.#options.onCount(count);
  }

  #stop(): void {
    if (!this.#on) {
      if (this.#lastCount !== 0) {
        this.#lastCount = 0;
        if (!this.#ctx.isInvalid) this.#options.onCount(0);
      }
      return;
    }
    this.#hover?.close();
    this.#options.card.close();
    this.#on.abort();
    this.#on = undefined;
    this.#highlighter = undefined;
    this.#hover = undefined;
    this.#removeStyles();
    this.#removeStyles = () => {};
    this.#keyboardIndex = -1;
    this.#lastCount = 0;
    if (!this.#ctx.isInvalid) this.#options.onCount(0);
  }
}
