import { ENTITY_KINDS, type EntityKind } from '../core/dataset-schema.ts';
import { adoptHighlightStyles, type HighlightLook } from './highlight-styles.ts';
import type { BlockRecord, Mention, MentionStore } from './mention-store.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import type { PageNames } from './page-names.ts';

/** Which mentions are drawn: kinds switched on, and every mention or only the first of each entity. */
export interface HighlightFilter {
  kinds: Readonly<Record<EntityKind, boolean>>;
  mentions: 'all' | 'first';
}

/**
 * Draws mentions with the CSS Custom Highlight API: one Highlight per kind, registered under this page's
 * names, holding ranges for the blocks near the viewport only. The page's DOM is never touched; the style
 * sheet is adopted when the first mention is drawn, so a page without mentions gets nothing at all.
 */
export class HighlightPainter {
  readonly #doc: Document;
  readonly #names: PageNames;
  readonly #store: MentionStore;
  readonly #highlights = new Map<EntityKind, Highlight>();
  readonly #drawn = new Map<BlockRecord, { mention: Mention; range: Range }[]>();
  #filter: HighlightFilter;
  #look: HighlightLook | undefined;
  #removeSheet: (() => void) | undefined;
  #attached = false;
  #paused = false;

  constructor(doc: Document, names: PageNames, store: MentionStore, filter: HighlightFilter) {
    this.#doc = doc;
    this.#names = names;
    this.#store = store;
    this.#filter = filter;
    for (const kind of ENTITY_KINDS) this.#highlights.set(kind, new Highlight());
  }

  /** Whether a mention is of a kind the reader wants (what counts, hover and the keyboard reach). */
  wants(mention: Mention): boolean {
    return mention.shown && this.#filter.kinds[mention.kind];
  }

  /** Whether a mention is drawn where it is near the viewport (the marking policy on top of `wants`). */
  draws(mention: Mention): boolean {
    return this.wants(mention) && (this.#filter.mentions === 'all' || this.#store.firstOf(mention.id) === mention);
  }

  get filter(): HighlightFilter {
    return this.#filter;
  }

  /** Applies a new filter to what is drawn. */
  setFilter(filter: HighlightFilter, near: Iterable<BlockRecord>): void {
    this.#filter = filter;
    this.redraw(near);
  }

  /** Sets the look (style, colours, dark page); the sheet is (re)adopted now if anything is drawn. */
  setLook(look: HighlightLook): void {
    this.#look = look;
    if (this.#removeSheet) this.#adopt();
  }

  /** Draws the mentions of blocks that came near the viewport. */
  draw(records: Iterable<BlockRecord>): void {
    let added = 0;
    for (const record of records) {
      if (this.#drawn.has(record)) continue;
      const drawn = record.mentions.filter((m) => this.draws(m)).map((mention) => ({ mention, range: mention.range }));
      this.#drawn.set(record, drawn);
      for (const { mention, range } of drawn) this.#highlight(mention).add(range);
      added += drawn.length;
    }
    if (added && !this.#removeSheet) this.#adopt();
    if (added && !this.#paused) this.attach();
  }

  /** Takes away the ranges of blocks that left the viewport, or whose text is gone or rescanned. */
  undraw(records: Iterable<BlockRecord>): void {
    for (const record of records) {
      const drawn = this.#drawn.get(record);
      if (!drawn) continue;
      this.#drawn.delete(record);
      for (const { mention, range } of drawn) {
        this.#highlight(mention).delete(range);
        mention.releaseRange();
      }
    }
  }

  /** Draws these blocks again (the filter, the first mention of an entity, or what is shown changed). */
  redraw(records: Iterable<BlockRecord>): void {
    const list = [...records];
    this.undraw(list);
    this.draw(list);
  }

  /** How many ranges are registered now. */
  get rangeCount(): number {
    let count = 0;
    for (const highlight of this.#highlights.values()) count += highlight.size;
    return count;
  }

  /** Briefly marks a range the reader jumped to. */
  flash(range: Range): void {
    if (this.#paused) return;
    const highlight = new Highlight(range);
    const name = this.#names.highlight('flash');
    if (!this.#removeSheet) this.#adopt();
    CSS.highlights.set(name, highlight);
    setTimeout(() => {
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }, PAGE_DEFAULTS.flashMs);
  }

  /** (Re-)registers our highlights with the document; a page may have cleared `CSS.highlights`. */
  attach(): void {
    this.#attached = true;
    for (const [kind, highlight] of this.#highlights) {
      const name = this.#names.highlight(kind);
      if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
    }
  }

  /** Whether our highlights are registered as they should be (false after a page cleared them). */
  isAttached(): boolean {
    return (
      !this.#attached ||
      [...this.#highlights].every(([kind, highlight]) => CSS.highlights.get(this.#names.highlight(kind)) === highlight)
    );
  }

  /** Stops drawing while the page is being edited (designMode), keeping what was found. */
  pause(paused: boolean): void {
    if (paused === this.#paused) return;
    this.#paused = paused;
    if (paused) this.#unregister();
    else if (this.#drawn.size) this.attach();
  }

  /** Removes every highlight and our style sheet from the page. */
  clear(): void {
    this.undraw([...this.#drawn.keys()]);
    this.#unregister();
    this.#removeSheet?.();
    this.#removeSheet = undefined;
  }

  #unregister(): void {
    this.#attached = false;
    for (const [kind, highlight] of this.#highlights) {
      const name = this.#names.highlight(kind);
      if (CSS.highlights.get(name) === highlight) CSS.highlights.delete(name);
    }
  }

  #adopt(): void {
    this.#removeSheet?.();
    this.#removeSheet = this.#look ? adoptHighlightStyles(this.#doc, this.#look, this.#names) : () => {};
  }

  #highlight(mention: Mention): Highlight {
    return this.#highlights.get(mention.kind) as Highlight;
  }
}
