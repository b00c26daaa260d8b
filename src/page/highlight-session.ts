import { kindOfId } from '../core/entity-kinds.ts';
import type { Candidate } from '../core/matcher/match.ts';
import type { PageRules } from '../core/matcher/match-wire.ts';
import { PageContext } from '../core/matcher/page-context.ts';
import { loadMarking, type PolicyData } from '../core/mention-policy.ts';
import type { Settings } from '../core/settings-schema.ts';
import { whenPageMayMention } from './first-look.ts';
import type { HighlightSheet } from './highlight-styles.ts';
import { mentionAtPoint } from './hit-test.ts';
import { HoverIntent } from './hover-intent.ts';
import { compareMentions, type Mention } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { PageHighlighter } from './page-highlighter.ts';
import type { PageNames } from './page-names.ts';
import type { ContextJudge, FindCandidates } from './page-scanner.ts';
import { isDarkBackground } from './page-theme.ts';
import { AnsweredTexts, type StartWalk } from './start-texts.ts';

/** Where a card is anchored: a mention's live range (its line's box is the reference). */
export interface CardAnchor {
  id: string;
  range: Range;
  /** The pointer's position when hovering: picks the line box of a mention that wraps. */
  point?: { x: number; y: number };
}

/** What the session needs of the hover card (the UI layer provides it). */
export interface CardPort {
  readonly isOpen: boolean;
  /** Opens (or moves) the card for an anchor; `focus` moves keyboard focus into it. */
  open(anchor: CardAnchor, options?: { focus?: boolean }): Promise<void>;
  close(): void;
  /** Whether an event target is inside the card. */
  contains(target: EventTarget | null): boolean;
  /** The pointer came to rest on a mention: a good moment to fetch its card's data. */
  prefetch(id: string): void;
}

export interface HighlightSessionOptions {
  card: CardPort;
  /** The matcher: a batch of blocks' texts -> their candidates (the background's `findCandidates`). */
  find: FindCandidates;
  names: PageNames;
  /** The marks' style sheet, under `names` (adopted before the page was parsed where it could be). */
  sheet: HighlightSheet;
  /** The number of distinct entities marked, whenever it changes (0 when off). */
  onCount: (count: number) => void;
  /** Whether the browser's highlight styles inherit, so one rule on the root draws them (`HighlightLook.inherited`). */
  highlightsInherit: boolean;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keyboard shortcut to the next / previous mention (with Alt+Shift), by physical key. */
const NEXT_KEY = 'KeyN';
const PREVIOUS_KEY = 'KeyP';

/**
 * Highlighting on this page as the settings say: on/off at once, live filter and style changes, hover cards,
 * keyboard navigation between mentions. Each "on" period has its own AbortController under `signal`.
 */
export class HighlightSession {
  readonly #signal: AbortSignal;
  readonly #options: HighlightSessionOptions;
  /** The marks' style sheet: shown with the settings where highlighting is on, taken off where it is not. */
  readonly #sheet: HighlightSheet;
  #settings: Settings | undefined;
  #enabled = false;
  #rules: { policy: PolicyData; newContext: () => ContextJudge } | undefined;
  /** The candidates of the page's texts that came with the rules at the start, until the first scan takes them. */
  #answered: AnsweredTexts | undefined;
  #on: AbortController | undefined;
  /** While new rules' highlighter is being prepared (`#handOver`): the one still on the page, to stop after. */
  #outgoing: AbortController | undefined;
  #highlighter: PageHighlighter | undefined;
  #hover: HoverIntent | undefined;
  #lastCount = -1;
  #keyboardIndex = -1;
  #lastPoint: { x: number; y: number } | undefined;

  constructor(signal: AbortSignal, options: HighlightSessionOptions) {
    this.#signal = signal;
    this.#options = options;
    this.#sheet = options.sheet;
    signal.addEventListener(
      'abort',
      () => {
        this.#stop();
        this.#sheet.remove();
      },
      { once: true },
    );
  }

  get enabled(): boolean {
    return this.#on !== undefined;
  }

  /** The page changed its URL without loading (an SPA): a route change can reuse nodes, so scan it all again. */
  navigated(): void {
    this.#hover?.close();
    void this.#highlighter?.navigated();
  }

  /**
   * The dataset's rules for pages (the marking table, the context rules), as the background sends them; again
   * when the reader's packs change, which scans the page again under the new ones. Highlighting starts only
   * once they came. `answered`: the candidates of the page's texts, matched under these rules with them (the
   * start's message carried the texts of a short page), and the walk that read them, whose blocks the scan takes.
   */
  useRules(rules: PageRules, answered?: { texts: readonly string[]; found: Candidate[][]; walk?: StartWalk }): void {
    this.#answered?.walk?.drop();
    this.#answered = undefined;
    if (this.#signal.aborted) {
      answered?.walk?.drop();
      return;
    }
    const policy = loadMarking(rules.marking);
    this.#rules = { policy, newContext: () => new PageContext(rules.rules) };
    // A page that mentioned something under the rules before is scanned again at once, without a first look,
    // and keeps its marks until the new ones replace them.
    if (this.#highlighter && this.#on && this.#enabled && this.#settings) {
      answered?.walk?.drop();
      this.#handOver();
      return;
    }
    this.#answered = answered && new AnsweredTexts(answered.texts, answered.found, answered.walk);
    if (this.#on) this.#stop();
    if (this.#enabled && this.#settings) this.#start();
  }

  /** Applies settings: switches highlighting on or off, or updates the filter and the look in place. */
  apply(settings: Settings, enabled: boolean): void {
    if (this.#signal.aborted) return;
    const previous = this.#settings;
    this.#settings = settings;
    this.#enabled = enabled;
    if (!enabled) {
      // What the start's answer found is the page as it was: highlighting switched on later looks again.
      this.#answered?.walk?.drop();
      this.#answered = undefined;
      this.#stop();
      this.#sheet.remove();
      return;
    }
    this.#restyle();
    if (!this.#on) {
      if (this.#rules) this.#start();
      return;
    }
    // Still waiting for the page to mention something: the highlighter takes these settings when it starts.
    const highlighter = this.#highlighter;
    if (!highlighter) return;
    if (JSON.stringify(previous?.kinds) !== JSON.stringify(settings.kinds) || previous?.marking !== settings.marking) {
      highlighter.setFilter(settings);
      this.#changed();
    }
  }

  /** Entities mentioned on the page (every mention, drawn or not), most mentioned first. */
  entityCounts(): { id: string; count: number }[] {
    const highlighter = this.#highlighter;
    if (!highlighter || highlighter.editing) return [];
    const kinds = highlighter.painter.filter.kinds;
    return highlighter.store.entityCounts((kind) => kinds[kind]);
  }

  /** Scrolls to an entity's first mention, flashes it and opens its card; false when it is not on the page. */
  reveal(id: string): boolean {
    const highlighter = this.#highlighter;
    const mention = highlighter?.store.firstOf(id);
    if (!highlighter || !mention || !highlighter.painter.wants(mention)) return false;
    this.#goTo(mention, false);
    return true;
  }

  closeCard(): void {
    this.#hover?.close();
  }

  /** Switches highlighting on: at once where the page may mention something, else when it comes to. */
  #start(): void {
    if (!this.#rules) return;
    const on = new AbortController();
    this.#on = on;
    const signal = AbortSignal.any([on.signal, this.#signal]);
    // The start's answer is the first look where it came: a page it found nothing in is looked at when it changes.
    const answered = this.#answered;
    this.#answered = undefined;
    if (!answered?.mentionsAny) answered?.walk?.drop();
    const mayMention = answered?.mentionsAny
      ? Promise.resolve()
      : whenPageMayMention(document, this.#options.find, signal, answered !== undefined);
    void mayMention.then(() => {
      // The start's answer holds the page's candidates: scanned and drawn in the task that brought them, from
      // the blocks its walk read where the page has changed none of them since.
      const walked = answered?.mentionsAny ? answered.walk?.take() : undefined;
      if (signal.aborted) return;
      const highlighter = this.#newHighlighter(signal, answered);
      if (!highlighter) return;
      this.#takeOver(highlighter, signal);
      void (answered?.mentionsAny ? highlighter.startNow(walked) : highlighter.start());
    });
  }

  /**
   * Scans the page again under new rules (the reader's packs changed) while the marks made under the old ones
   * stay, with their hover and keys: the new highlighter draws nothing to the page until the page is scanned
   * and what is near the viewport is drawn (or after `handOverMaxMs`), then replaces the old one in one task, so
   * no frame shows the page without its marks. New rules during a handover replace the highlighter still being
   * prepared.
   */
  #handOver(): void {
    const outgoing = this.#outgoing ?? (this.#on as AbortController);
    if (this.#outgoing) this.#on?.abort();
    this.#outgoing = outgoing;
    const on = new AbortController();
    this.#on = on;
    const signal = AbortSignal.any([on.signal, this.#signal]);
    const highlighter = this.#newHighlighter(signal);
    if (!highlighter) return;
    highlighter.painter.holdBack(true);
    void Promise.race([highlighter.startAndDraw(), delay(PAGE_DEFAULTS.handOverMaxMs)]).then(() => {
      if (signal.aborted) return;
      this.#hover?.close();
      this.#options.card.close();
      outgoing.abort();
      this.#outgoing = undefined;
      this.#takeOver(highlighter, signal);
      // Settings applied during the handover went to the highlighter then on the page: the filter again.
      if (this.#settings) highlighter.setFilter(this.#settings);
      highlighter.painter.holdBack(false);
      this.#changed();
    });
  }

  /**
   * A highlighter for the page under the current rules and settings, styled, not yet scanning; its first scan
   * takes what `answered` holds before asking the matcher.
   */
  #newHighlighter(signal: AbortSignal, answered?: AnsweredTexts): PageHighlighter | undefined {
    const settings = this.#settings as Settings;
    const rules = this.#rules;
    if (!rules) return undefined;
    const highlighter = new PageHighlighter(
      document,
      {
        find: answered ? answered.find(this.#options.find) : this.#options.find,
        newContext: rules.newContext,
        kindOf: kindOfId,
        names: this.#options.names,
        filter: settings,
        policy: rules.policy,
        onChange: () => this.#changed(),
        look: {
          sheet: this.#sheet,
          isDark: () => isDarkBackground(document.querySelector('main, article, [role="main"]') ?? document.body),
        },
      },
      signal,
    );
    return highlighter;
  }

  /** Makes `highlighter` the page's: what hover, clicks, the keyboard and the popup reach. */
  #takeOver(highlighter: PageHighlighter, signal: AbortSignal): void {
    this.#highlighter = highlighter;
    this.#keyboardIndex = -1;
    const { card } = this.#options;
    const hover = new HoverIntent({
      openDelayMs: () => this.#settings?.hoverDelayMs ?? 400,
      open: (mention) => void card.open({ id: mention.id, range: mention.range, point: this.#lastPoint }),
      close: () => card.close(),
      signal,
    });
    this.#hover = hover;
    this.#listen(signal, highlighter, hover);
  }

  #mentionAt(highlighter: PageHighlighter, x: number, y: number): Mention | undefined {
    if (highlighter.editing) return undefined;
    return mentionAtPoint(document, highlighter.store, (m) => highlighter.painter.wants(m), x, y);
  }

  #listen(signal: AbortSignal, highlighter: PageHighlighter, hover: HoverIntent): void {
    const { card } = this.#options;
    const options = { signal, capture: true, passive: true } as const;
    let frame = 0;
    let last: PointerEvent | undefined;
    let lastHit: Mention | undefined;
    signal.addEventListener('abort', () => cancelAnimationFrame(frame), { once: true });
    document.addEventListener(
      'pointermove',
      (event) => {
        last = event;
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          if (!last || signal.aborted) return;
          const { clientX: x, clientY: y, target, timeStamp } = last;
          this.#lastPoint = { x, y };
          const overCard = card.contains(target);
          const hit = overCard ? undefined : this.#mentionAt(highlighter, x, y);
          if (hit && hit !== lastHit) card.prefetch(hit.id);
          lastHit = hit;
          hover.update(hit, overCard, timeStamp);
        });
      },
      options,
    );
    // A tap is a touch screen's hover: the first tap on a mention opens its card (and does not follow the link
    // the mention may sit in); a second tap on the same mention, with its card open, is the page's as usual.
    let touching = false;
    document.addEventListener(
      'pointerdown',
      (event) => {
        touching = event.pointerType === 'touch' || event.pointerType === 'pen';
      },
      options,
    );
    document.addEventListener(
      'click',
      (event) => {
        if (card.contains(event.target)) return;
        const hit = this.#mentionAt(highlighter, event.clientX, event.clientY);
        if (hit) {
          const open = hover.openMention;
          if (touching && card.isOpen && open && compareMentions(open, hit) === 0) return;
          if (touching) event.preventDefault();
          this.#lastPoint = { x: event.clientX, y: event.clientY };
          hover.pin(hit);
        } else if (card.isOpen) hover.close();
      },
      // Not passive: a tap's default (following a link) is prevented while its card opens.
      { signal, capture: true },
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

  /** Moves keyboard focus to the next or previous mention (drawn or not) and opens its card. */
  #step(direction: 1 | -1): void {
    const highlighter = this.#highlighter;
    if (!highlighter || highlighter.editing) return;
    const mentions = highlighter.store.mentions((m) => highlighter.painter.wants(m));
    if (!mentions.length) return;
    const open = this.#hover?.openMention;
    let index = open ? mentions.findIndex((m) => compareMentions(m, open) === 0) : this.#keyboardIndex;
    if (index < 0 && direction < 0) index = 0;
    index = (index + direction + mentions.length) % mentions.length;
    this.#keyboardIndex = index;
    this.#goTo(mentions[index] as Mention, true);
  }

  #goTo(mention: Mention, focus: boolean): void {
    const range = mention.range;
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) {
      const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
      window.scrollBy({ top: rect.top - innerHeight / 3, behavior: reduce ? 'instant' : 'auto' });
    }
    this.#highlighter?.painter.flash(range);
    this.#hover?.pin(mention);
    if (focus) queueMicrotask(() => void this.#options.card.open({ id: mention.id, range }, { focus: true }));
  }

  /** The sheet for the settings' style and colours: adopted, or its rules changed (nothing when they are the same). */
  #restyle(): void {
    const settings = this.#settings;
    if (!settings) return;
    this.#sheet.show({ style: settings.style, colours: settings.colours, inherited: this.#options.highlightsInherit });
  }

  #changed(): void {
    const highlighter = this.#highlighter;
    const kinds = highlighter?.painter.filter.kinds;
    const count =
      !highlighter || !kinds || highlighter.editing ? 0 : highlighter.store.entityCount((kind) => kinds[kind]);
    if (count === this.#lastCount) return;
    this.#lastCount = count;
    this.#options.onCount(count);
  }

  #stop(): void {
    if (!this.#on) {
      if (this.#lastCount !== 0) {
        this.#lastCount = 0;
        if (!this.#signal.aborted) this.#options.onCount(0);
      }
      return;
    }
    this.#hover?.close();
    this.#options.card.close();
    this.#outgoing?.abort();
    this.#outgoing = undefined;
    this.#on.abort();
    this.#on = undefined;
    this.#highlighter = undefined;
    this.#hover = undefined;
    this.#keyboardIndex = -1;
    this.#lastCount = 0;
    if (!this.#signal.aborted) this.#options.onCount(0);
  }
}
