import type { EntityKind } from '../core/dataset-schema.ts';
import type { PolicyData } from '../core/mention-policy.ts';
import { yieldToPage } from '../core/yield-to-page.ts';
import { type HighlightFilter, HighlightPainter, type PainterLook } from './highlight-painter.ts';
import { type BlockRecord, MentionStore } from './mention-store.ts';
import { MutationWatcher } from './mutation-watcher.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import type { PageNames } from './page-names.ts';
import { type ContextJudge, type FindCandidates, PageScanner } from './page-scanner.ts';
import type { WalkedBlocks } from './start-texts.ts';
import { ViewportWindow } from './viewport-window.ts';

export interface PageHighlighterOptions {
  /** The matcher: a batch of blocks' texts -> their candidates (the background's `findCandidates`). */
  find: FindCandidates;
  /** A fresh context for a page (`new PageContext(index)`): what the page mentions decides context-only names. */
  newContext: () => ContextJudge;
  kindOf: (id: string) => EntityKind | undefined;
  names: PageNames;
  filter: HighlightFilter;
  /** What the marking policy needs of the dataset (its familiar places). */
  policy: PolicyData;
  /** Called whenever the mentions may have changed. */
  onChange: () => void;
  /** The page's style sheet for the marks, and whether the page reads as dark. */
  look: PainterLook;
}

/**
 * Highlighting of one document while it is switched on. The scanner finds every mention and the store keeps
 * them as offsets; the viewport window says which blocks are near the screen, and the painter draws only
 * those. The mutation watcher rescans what the page changes, re-reads visibility where classes or styles
 * change, and a timer puts our highlights back if the page clears them and pauses drawing while the page is
 * in design mode. Everything it starts ends when `signal` aborts.
 */
export class PageHighlighter {
  readonly store = new MentionStore();
  readonly painter: HighlightPainter;
  readonly #scanner: PageScanner;
  readonly #watcher: MutationWatcher;
  readonly #window: ViewportWindow;
  readonly #doc: Document;
  readonly #onChange: () => void;
  /** Elements left out of a walk because their own attributes hid them. */
  readonly #hidden = new WeakSet<Element>();
  readonly #restyled = new Set<Element>();
  #recheckTimer: ReturnType<typeof setTimeout> | undefined;
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  /** The drawing's next move after the viewport window (`#followWindow`), and when it last moved. */
  #windowTimer: ReturnType<typeof setTimeout> | undefined;
  #windowSyncAt = Number.NEGATIVE_INFINITY;
  /**
   * Where the page was scrolled to at the window's last change, and when it last had moved: no scroll listener
   * (a listener of ours would run in every frame of a scroll).
   */
  #scrollY: number | undefined;
  #scrolledAt = Number.NEGATIVE_INFINITY;
  /** Which way the reader last scrolled: down (1) or up (-1). */
  #direction: 1 | -1 = 1;
  /** Brings the drawing back to the window exactly once the reader has stopped scrolling. */
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  #editing = false;
  #context: ContextJudge;
  readonly #newContext: () => ContextJudge;
  readonly #signal: AbortSignal;

  constructor(doc: Document, options: PageHighlighterOptions, signal: AbortSignal) {
    this.#doc = doc;
    this.#signal = signal;
    this.#newContext = options.newContext;
    this.#context = options.newContext();
    this.#onChange = options.onChange;
    this.painter = new HighlightPainter(doc, options.names, this.store, options.filter, options.policy, options.look);
    this.#window = new ViewportWindow(() => this.#followWindow(), {
      marginScreens: PAGE_DEFAULTS.viewportMarginScreens,
      signal,
    });
    this.#watcher = new MutationWatcher(
      (batch) => {
        this.painter.layoutChanged();
        if (batch.removed) this.#dropped(this.store.prune());
        if (batch.full) void this.rescan();
        else for (const container of batch.changed) void this.#scanner.scan(container);
        if (batch.restyled.length) this.#recheckLater(batch.restyled);
        this.#onChange();
      },
      { isOurs: options.names.isOurs, wasHidden: (element) => this.#hidden.has(element) },
      signal,
    );
    this.#scanner = new PageScanner({
      find: options.find,
      context: () => this.#context,
      kindOf: options.kindOf,
      store: this.store,
      signal,
      textChanges: () => this.#watcher.textChanges,
      isOurs: options.names.isOurs,
      onShadowRoot: (root) => this.#watcher.observe(root),
      onHidden: (element) => this.#hidden.add(element),
      onChange: (added, removed) => {
        this.#dropped(removed);
        this.#window.addAll(added);
        // New blocks are drawn when the window reports them near. Only a dropped block, or a new first mention
        // of an entity (the policies that draw first mentions), can change what is drawn now.
        const { marking } = this.painter.filter;
        if (removed.length || (added.length && (marking === 'first' || marking === 'familiar-once'))) this.#syncSoon();
        this.#onChange();
      },
    });
    this.#watcher.observe(doc);
    // Mentions' screens (the default marking policy) are read again only when the layout may have moved text:
    // the page's size changed (a resize, images or fonts arriving) or its text did (the watcher, above).
    if (typeof ResizeObserver === 'function') {
      const resized = new ResizeObserver(() => this.painter.layoutChanged());
      resized.observe(doc.documentElement);
      signal.addEventListener('abort', () => resized.disconnect(), { once: true });
    }
    // The page may clear CSS.highlights, or switch design mode on or off: no event tells us.
    const timer = setInterval(() => this.#checkPage(), PAGE_DEFAULTS.reattachEveryMs);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(timer);
        clearTimeout(this.#recheckTimer);
        clearTimeout(this.#syncTimer);
        clearTimeout(this.#windowTimer);
        clearTimeout(this.#settleTimer);
        this.painter.clear();
        this.store.clear();
      },
      { once: true },
    );
  }

  /** Scans the whole document (after the next frame: see `PageScanner.scan`). */
  start(): Promise<void> {
    return this.#scanAll(false);
  }

  /**
   * Scans the whole document and draws what is near the viewport in this task, where the matcher's answers
   * are at hand (a short page's texts were matched with the start's message): no frame is waited for, and
   * the near blocks are read from their boxes instead of the observer's first report, so the page's first
   * marks come in the task that brought its candidates (one task where a frame, a report and a timer made
   * four). A scan longer than a slice still yields, and the drawing waits for the next task where the scan
   * took a slice's time. `walked`: the page's blocks as the start's walk read them (the page has changed
   * nothing it read since), taken instead of walking again.
   */
  async startNow(walked?: WalkedBlocks): Promise<void> {
    const began = performance.now();
    await this.#scanAll(true, walked);
    // A heavy page's scan took its slice: the drawing (a layout read, the ranges) comes in a task of its own.
    if (performance.now() - began >= PAGE_DEFAULTS.sliceMs) await yieldToPage();
    if (this.#signal.aborted) return;
    this.#window.placeNow();
    this.#drawNear();
  }

  /**
   * Scans the whole document (`start`), then, once the viewport window has placed every block found, draws
   * what is near the viewport at once: after it, the painter holds what a reader would see (`holdBack` keeps
   * it off the page until another highlighter gives way).
   */
  async startAndDraw(): Promise<void> {
    await this.start();
    await this.#window.placed();
    if (this.#signal.aborted) return;
    this.#drawNear();
  }

  #scanAll(now: boolean, walked?: WalkedBlocks): Promise<void> {
    this.#editing = this.#doc.designMode === 'on';
    this.painter.pause(this.#editing);
    return this.#scanner.scan(this.#doc.body ?? this.#doc.documentElement, { now, walked });
  }

  /** Draws what is near the viewport now (and drops a sync pending for later: this is it). */
  #drawNear(): void {
    clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    this.painter.sync(this.#window.near());
  }

  /** Drops what left the page and scans the document again (huge mutation batches, or edits in design mode). */
  rescan(): Promise<void> {
    this.#dropped(this.store.prune());
    return this.start();
  }

  /** Another page in the same document (an SPA navigation): a fresh context decides, and everything is scanned again. */
  navigated(): Promise<void> {
    this.#context = this.#newContext();
    this.#scanner.forgetHeld();
    return this.rescan();
  }

  /** Applies a new filter (kinds, marking policy) to what is drawn. */
  setFilter(filter: HighlightFilter): void {
    this.painter.setFilter(filter);
    this.#syncSoon();
  }

  /** Whether the page is being edited (design mode): nothing is drawn or reached then. */
  get editing(): boolean {
    return this.#editing;
  }

  #dropped(records: BlockRecord[]): void {
    if (!records.length) return;
    this.painter.undraw(records);
    this.#window.remove(records);
  }

  /** Brings the drawing up to date once the current task is done (many changes in a task, one sync). */
  #syncSoon(): void {
    if (this.#syncTimer !== undefined) return;
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = undefined;
      this.painter.sync(this.#window.near());
    }, 0);
  }

  /**
   * The viewport window changed. While the reader scrolls, the drawing follows at most every `windowSyncMs`,
   * keeping the ranges of blocks that left until a sync changes something anyway, drawing ahead of the window in
   * the reader's direction (`scrollDrawAhead`) and changing nothing while what it drew still holds the window;
   * and exactly once the window has been still for `scrollSettleMs` (src/page/page-defaults.ts says why); else
   * (blocks placed by a scan, a resize) at once.
   */
  #followWindow(): void {
    const now = performance.now();
    const scrollY = this.#doc.defaultView?.scrollY;
    if (this.#scrollY !== undefined && scrollY !== undefined && scrollY !== this.#scrollY) {
      this.#scrolledAt = now;
      this.#direction = scrollY > this.#scrollY ? 1 : -1;
    }
    this.#scrollY = scrollY;
    if (now - this.#scrolledAt > PAGE_DEFAULTS.windowSyncMs) {
      this.#syncSoon();
      return;
    }
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => {
      this.#settleTimer = undefined;
      this.#syncSoon();
    }, PAGE_DEFAULTS.scrollSettleMs);
    if (this.#windowTimer !== undefined) return;
    const wait = Math.max(0, this.#windowSyncAt + PAGE_DEFAULTS.windowSyncMs - now);
    this.#windowTimer = setTimeout(() => {
      this.#windowTimer = undefined;
      const near = this.#window.near();
      // What the last change drew ahead still holds every block near: nothing to change (and repaint) yet.
      if (this.painter.covers(near)) return;
      this.#windowSyncAt = performance.now();
      const drawn = new Set(near);
      for (const record of this.#window.ahead(this.#direction, Math.ceil(near.size * PAGE_DEFAULTS.scrollDrawAhead)))
        drawn.add(record);
      this.painter.sync(drawn, { keepLeft: true });
    }, wait);
  }

  /** Re-reads visibility under restyled elements, at most every `recheckMs`, after the page's own update. */
  #recheckLater(elements: Element[]): void {
    for (const element of elements) this.#restyled.add(element);
    if (this.#recheckTimer !== undefined) return;
    this.#recheckTimer = setTimeout(() => {
      this.#recheckTimer = undefined;
      const targets = [...this.#restyled].filter((e) => e.isConnected);
      this.#restyled.clear();
      const records = this.store.records();
      const affected =
        targets.length > PAGE_DEFAULTS.maxRestyledTargets
          ? records
          : records.filter((r) => targets.some((t) => t.contains(r.container) || r.container.contains(t)));
      this.#scanner.resetVisibility();
      const changed = this.store.recheck(affected, this.#scanner.isShown);
      if (!changed.length) return;
      this.#syncSoon();
      this.#onChange();
    }, PAGE_DEFAULTS.recheckMs);
  }

  #checkPage(): void {
    const editing = this.#doc.designMode === 'on';
    if (editing !== this.#editing) {
      this.#editing = editing;
      this.painter.pause(editing);
      // The reader may have changed the text while editing it.
      if (!editing) void this.rescan();
      this.#onChange();
    }
    if (!editing && !this.painter.isAttached()) this.painter.attach();
    // A safety net under the mutation watcher: ranges whose text left the page are never kept for long.
    const gone = this.painter.disconnected();
    if (gone.length) {
      this.#dropped(gone);
      this.#dropped(this.store.prune());
    }
  }
}
