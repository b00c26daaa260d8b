import { ENTITY_KINDS, type EntityKind } from '../core/entity-kinds.ts';
import { drawnMentions, type MarkingPolicy, type PolicyData } from '../core/mention-policy.ts';
import type { HighlightSheet } from './highlight-styles.ts';
import { type BlockRecord, compareBlocks, type Mention, type MentionStore } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import type { PageNames } from './page-names.ts';

/** Which mentions are wanted (kinds switched on) and which of those are drawn (the marking policy). */
export interface HighlightFilter {
  kinds: Readonly<Record<EntityKind, boolean>>;
  marking: MarkingPolicy;
}

/** Where the painter's highlights get their look: the page's sheet, and whether the page reads as dark. */
export interface PainterLook {
  sheet: HighlightSheet;
  /** Asked once, when the first mention is drawn (a page without mentions never reads its background). */
  isDark: () => boolean;
}

/**
 * Draws mentions with the CSS Custom Highlight API: one Highlight per kind, registered under this page's
 * names (a light page's or a dark page's), holding ranges for the blocks near the viewport only, as the marking
 * policy picks them (src/core/mention-policy.ts). The page's DOM is never touched; the style sheet is the
 * session's (adopted before the page is parsed), and is adopted again here where the page dropped it.
 */
export class HighlightPainter {
  readonly #doc: Document;
  readonly #names: PageNames;
  readonly #store: MentionStore;
  readonly #data: PolicyData;
  readonly #highlights = new Map<EntityKind, Highlight>();
  /** Per drawn block: its mentions that are drawn, with the range registered for each. */
  readonly #drawn = new Map<BlockRecord, Map<Mention, Range>>();
  /** The blocks the last sync drew for (drawn or not, as the policy picked their mentions). */
  #covered: ReadonlySet<BlockRecord> = new Set();
  /**
   * Where each mention placed on a screen was laid out (its top in the document), until the layout changes:
   * a scroll moves no text, so the screens of mentions read once are not read again on every scroll step.
   */
  #tops = new WeakMap<Mention, number>();
  /**
   * Where each near block's element was laid out (its top and bottom in the document), until the layout
   * changes: a block within one screen puts all its mentions on that screen, so only the mentions of blocks
   * that straddle a screen's edge are placed one by one (a range's box costs several times an element's).
   */
  #boxes = new WeakMap<BlockRecord, { top: number; bottom: number } | null>();
  #filter: HighlightFilter;
  readonly #look: PainterLook;
  /** Whether the page reads as dark, from the first mention drawn on. */
  #dark: boolean | undefined;
  #attached = false;
  #paused = false;
  #heldBack = false;

  constructor(
    doc: Document,
    names: PageNames,
    store: MentionStore,
    filter: HighlightFilter,
    data: PolicyData,
    look: PainterLook,
  ) {
    this.#doc = doc;
    this.#look = look;
    this.#names = names;
    this.#store = store;
    this.#filter = filter;
    this.#data = data;
    for (const kind of ENTITY_KINDS) this.#highlights.set(kind, new Highlight());
  }

  /** Whether a mention is shown and of a kind the reader wants: what counts, hover and the keyboard reach. */
  wants(mention: Mention): boolean {
    return mention.shown && this.#filter.kinds[mention.kind];
  }

  get filter(): HighlightFilter {
    return this.#filter;
  }

  /** Applies a new filter (kinds, marking policy); call `sync` after. */
  setFilter(filter: HighlightFilter): void {
    this.#filter = filter;
  }

  /**
   * Draws exactly what the policy picks among the mentions of the blocks near the viewport, and nothing
   * else: ranges of blocks that left are dropped, those of blocks that came are registered. With `keepLeft`
   * (the reader is scrolling), blocks that left keep their ranges unless this sync draws something anyway or
   * they are more than the near blocks: each change makes the browser repaint the page, so a block leaving the
   * window costs none of its own.
   */
  sync(near: ReadonlySet<BlockRecord>, { keepLeft = false }: { keepLeft?: boolean } = {}): void {
    this.#covered = new Set(near);
    const left = [...this.#drawn.keys()].filter((record) => !near.has(record));
    const picked = this.#pick(near);
    let added = 0;
    let removed = 0;
    for (const record of near) {
      const want = picked.get(record);
      let drawn = this.#drawn.get(record);
      if (drawn)
        for (const [mention, range] of drawn)
          if (!want?.has(mention)) {
            this.#highlight(mention).delete(range);
            drawn.delete(mention);
            removed++;
          }
      if (!want?.size) {
        if (drawn && drawn.size === 0) this.#drawn.delete(record);
        continue;
      }
      if (!drawn) {
        drawn = new Map();
        this.#drawn.set(record, drawn);
      }
      for (const mention of want) {
        if (drawn.has(mention)) continue;
        const range = mention.range;
        drawn.set(mention, range);
        this.#highlight(mention).add(range);
        added++;
      }
    }
    // Ranges made only to place a mention on its screen, and not drawn, are let go.
    for (const record of near) {
      const drawn = this.#drawn.get(record);
      for (const mention of record.mentions) if (!drawn?.has(mention)) mention.releaseRange();
    }
    // In the same task as this sync's other changes: one repaint for all of them.
    if (!keepLeft || added || removed || left.length > near.size) this.undraw(left);
    if (added && !this.#paused && !this.#heldBack) this.attach();
  }

  /**
   * Whether the last sync drew for every one of these blocks: while the reader scrolls, what it drew ahead of the
   * window still holds the blocks now near, and no change (each costs a repaint of the page) is needed yet.
   */
  covers(blocks: Iterable<BlockRecord>): boolean {
    for (const block of blocks) if (!this.#covered.has(block)) return false;
    return true;
  }

  /** The page's layout may have changed (resized, text changed): mentions' screens are read again when needed. */
  layoutChanged(): void {
    this.#tops = new WeakMap();
    this.#boxes = new WeakMap();
  }

  /** Drawn blocks whose text is no longer on the page (their ranges have collapsed where it was). */
  disconnected(): BlockRecord[] {
    return [...this.#drawn.keys()].filter((record) => !record.isConnected);
  }

  /** Takes away the ranges of blocks whose text is gone or rescanned, or that left the viewport. */
  undraw(records: Iterable<BlockRecord>): void {
    for (const record of records) {
      const drawn = this.#drawn.get(record);
      if (!drawn) continue;
      this.#drawn.delete(record);
      for (const [mention, range] of drawn) {
        this.#highlight(mention).delete(range);
        mention.releaseRange();
      }
    }
  }

  /** Briefly marks a range the reader jumped to. */
  flash(range: Range): void {
    if (this.#paused) return;
    const highlight = new Highlight(range);
    const name = this.#names.highlight('flash');
    this.#look.sheet.ensureAdopted();
    CSS.highlights.set(name, highlight);
    setTimeout(() => {
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }, PAGE_DEFAULTS.flashMs);
  }

  /** (Re-)registers our highlights with the document; a page may have cleared `CSS.highlights`. */
  attach(): void {
    this.#attached = true;
    this.#dark ??= this.#look.isDark();
    this.#look.sheet.ensureAdopted();
    for (const [kind, highlight] of this.#highlights) {
      const name = this.#names.highlight(kind, this.#dark);
      if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
    }
  }

  /** Whether our highlights and sheet are on the page as they should be (false after a page cleared them). */
  isAttached(): boolean {
    return (
      !this.#attached ||
      (this.#look.sheet.adopted &&
        [...this.#highlights].every(
          ([kind, highlight]) => CSS.highlights.get(this.#names.highlight(kind, this.#dark)) === highlight,
        ))
    );
  }

  /** Stops drawing while the page is being edited (design mode), keeping what was found. */
  pause(paused: boolean): void {
    if (paused === this.#paused) return;
    this.#paused = paused;
    if (paused) this.#unregister();
    else if (this.#drawn.size && !this.#heldBack) this.attach();
  }

  /**
   * While held back, what is drawn is kept in this painter's highlights but not registered with the page, where
   * another painter's (the same names) still shows; released, it replaces them.
   */
  holdBack(held: boolean): void {
    if (held === this.#heldBack) return;
    this.#heldBack = held;
    if (held) this.#unregister();
    else if (this.#drawn.size && !this.#paused) this.attach();
  }

  /** Removes every highlight of this painter from the page (the sheet is the session's). */
  clear(): void {
    this.#covered = new Set();
    this.undraw([...this.#drawn.keys()]);
    this.#unregister();
  }

  /** Which screen a mention is on (its top divided by the viewport's height), as laid out now. */
  #screenOf(mention: Mention, scrollTop: number, height: number): number {
    let box = this.#boxes.get(mention.block);
    if (box === undefined) {
      const { element, container } = mention.block;
      // Only a block's own element holds all its text; one without a box (`display: contents`) says nothing.
      const rect = element === container ? element?.getBoundingClientRect() : undefined;
      box = rect && (rect.width || rect.height) ? { top: rect.top + scrollTop, bottom: rect.bottom + scrollTop } : null;
      this.#boxes.set(mention.block, box);
    }
    if (box) {
      const screen = Math.floor(box.top / height);
      if (Math.floor(Math.max(box.top, box.bottom - 1) / height) === screen) return screen;
    }
    return Math.floor(this.#topOf(mention, scrollTop) / height);
  }

  /** A mention's top in the document, as laid out now (read once per layout). */
  #topOf(mention: Mention, scrollTop: number): number {
    let top = this.#tops.get(mention);
    if (top === undefined) {
      top = mention.range.getBoundingClientRect().top + scrollTop;
      this.#tops.set(mention, top);
    }
    return top;
  }

  /** The mentions of the near blocks the policy draws, per block. */
  #pick(near: ReadonlySet<BlockRecord>): Map<BlockRecord, Set<Mention>> {
    const picked = new Map<BlockRecord, Set<Mention>>();
    const add = (mention: Mention) => {
      const set = picked.get(mention.block);
      if (set) set.add(mention);
      else picked.set(mention.block, new Set([mention]));
    };
    const { marking } = this.#filter;
    const store = this.#store;
    const familiar = this.#data.familiar;
    if (marking !== 'first-per-screen') {
      for (const record of near)
        for (const mention of record.mentions) {
          if (!this.wants(mention)) continue;
          const onlyFirst = marking === 'first' || (marking === 'familiar-once' && familiar.has(mention.id));
          if (!onlyFirst || store.firstOf(mention.id) === mention) add(mention);
        }
      return picked;
    }
    // Once per section and screen: the screen is where the mention is laid out now (read after the
    // browser's own layout, in the observer's callback or a timer, so it costs no forced layout of ours).
    const records = [...near].sort(compareBlocks);
    const mentions = records.flatMap((record) => record.mentions.filter((m) => this.wants(m)));
    const scrollTop = this.#doc.defaultView?.scrollY ?? 0;
    const height = this.#doc.defaultView?.innerHeight || 1;
    const drawn = drawnMentions(
      mentions.map((m) => ({
        id: m.id,
        kind: m.kind,
        section: m.block.section,
        screen: this.#screenOf(m, scrollTop, height),
      })),
      marking,
      this.#data,
    );
    mentions.forEach((mention, i) => {
      if (drawn[i]) add(mention);
    });
    return picked;
  }

  #unregister(): void {
    this.#attached = false;
    for (const [kind, highlight] of this.#highlights) {
      const name = this.#names.highlight(kind, this.#dark);
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }
  }

  #highlight(mention: Mention): Highlight {
    return this.#highlights.get(mention.kind) as Highlight;
  }
}
