import type { EntityKind } from '../core/dataset-schema.ts';
import { ENTITY_KINDS } from '../core/dataset-schema.ts';

/** The name of the CSS highlight for a kind: style it with `::highlight(news-context-person)`. */
export const highlightName = (kind: EntityKind) => `news-context-${kind}`;

/** A mention marked on the page: its entity and the live range over its text. */
export interface Mention {
  id: string;
  kind: EntityKind;
  range: Range;
  /** The text nodes the range covers (a split name covers several). */
  nodes: readonly Text[];
}

/** Which mentions are shown: kinds switched on, and every mention or only the first of each entity. */
export interface HighlightFilter {
  kinds: Readonly<Record<EntityKind, boolean>>;
  mentions: 'all' | 'first';
}

const ALL_KINDS = Object.freeze(Object.fromEntries(ENTITY_KINDS.map((k) => [k, true]))) as Record<EntityKind, boolean>;

/** Document order of two mentions; ranges in different trees (shadow roots, frames) compare as equal. */
export function compareMentions(a: Mention, b: Mention): number {
  try {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
  } catch {
    const position = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
    if (position & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
    if (position & Node.DOCUMENT_POSITION_PRECEDING) return 1;
    return 0;
  }
}

/**
 * Owns our entries in `CSS.highlights`: one Highlight per entity kind, so each kind is styled on its own,
 * and the mentions behind them, indexed by text node for cheap hit-testing and pruning.
 * The page's DOM is never touched.
 */
export class HighlightRegistry {
  readonly #highlights = new Map<EntityKind, Highlight>();
  readonly #byNode = new Map<Node, Mention[]>();
  readonly #byId = new Map<string, Set<Mention>>();
  readonly #first = new Map<string, Mention>();
  #filter: HighlightFilter = { kinds: ALL_KINDS, mentions: 'all' };
  #attached = false;

  constructor() {
    for (const kind of ENTITY_KINDS) this.#highlights.set(kind, new Highlight());
  }

  /** Adds mentions and makes sure our highlights are registered. */
  add(mentions: readonly Mention[]): void {
    const earliest = new Map<string, Mention>();
    for (const mention of mentions) {
      let set = this.#byId.get(mention.id);
      if (!set) {
        set = new Set();
        this.#byId.set(mention.id, set);
      }
      set.add(mention);
      for (const node of mention.nodes) {
        const list = this.#byNode.get(node);
        if (list) list.push(mention);
        else this.#byNode.set(node, [mention]);
      }
      if (!this.#filter.kinds[mention.kind]) continue;
      if (this.#filter.mentions === 'all') this.#highlight(mention).add(mention.range);
      else {
        // The first mention can only change to one of the added ones: no re-sort of all of an entity's.
        const best = earliest.get(mention.id);
        if (!best || compareMentions(mention, best) < 0) earliest.set(mention.id, mention);
      }
    }
    for (const [id, candidate] of earliest) {
      const old = this.#first.get(id);
      if (old && compareMentions(old, candidate) <= 0) continue;
      if (old) this.#highlight(old).delete(old.range);
      this.#first.set(id, candidate);
      this.#highlight(candidate).add(candidate.range);
    }
    this.attach();
  }

  /** Removes the mentions `drop` selects (ranges whose text was removed or is about to be rescanned). */
  remove(drop: (mention: Mention) => boolean): number {
    const doomed: Mention[] = [];
    for (const set of this.#byId.values()) for (const mention of set) if (drop(mention)) doomed.push(mention);
    return this.#removeMentions(doomed);
  }

  /** Removes the mentions over any of these text nodes (before they are matched again). */
  removeAt(nodes: readonly Node[]): void {
    const doomed = new Set<Mention>();
    for (const node of nodes) for (const mention of this.#byNode.get(node) ?? []) doomed.add(mention);
    if (doomed.size) this.#removeMentions(doomed);
  }

  /** Work in the number of mentions removed (and their nodes), not in the number of mentions kept. */
  #removeMentions(doomed: Iterable<Mention>): number {
    const touched = new Set<string>();
    for (const mention of doomed) {
      const set = this.#byId.get(mention.id);
      if (!set?.delete(mention)) continue;
      if (set.size === 0) this.#byId.delete(mention.id);
      this.#highlight(mention).delete(mention.range);
      for (const node of mention.nodes) {
        const list = this.#byNode.get(node);
        if (!list) continue;
        const rest = list.filter((m) => m !== mention);
        if (rest.length) this.#byNode.set(node, rest);
        else this.#byNode.delete(node);
      }
      touched.add(mention.id);
    }
    if (this.#filter.mentions === 'first') for (const id of touched) this.#refreshFirst(id);
    return touched.size;
  }

  /** Drops mentions whose text left the page or whose live range collapsed when its text was replaced. */
  prune(): number {
    return this.remove((m) => m.range.collapsed || m.nodes.some((node) => !node.isConnected));
  }

  /** Applies a new filter (kinds, every mention or the first) by rebuilding the highlight sets. */
  setFilter(filter: HighlightFilter): void {
    this.#filter = { kinds: { ...filter.kinds }, mentions: filter.mentions };
    for (const highlight of this.#highlights.values()) highlight.clear();
    this.#first.clear();
    for (const [id, set] of this.#byId) {
      if (filter.mentions === 'first') this.#refreshFirst(id);
      else for (const mention of set) if (filter.kinds[mention.kind]) this.#highlight(mention).add(mention.range);
    }
  }

  /** Whether a mention is currently drawn. */
  isShown(mention: Mention): boolean {
    if (!this.#filter.kinds[mention.kind]) return false;
    return this.#filter.mentions === 'all' || this.#first.get(mention.id) === mention;
  }

  /** The shown mentions over a text node. */
  mentionsAt(node: Node): Mention[] {
    return (this.#byNode.get(node) ?? []).filter((m) => this.isShown(m));
  }

  /** Every shown mention, in document order. */
  shownMentions(): Mention[] {
    const out: Mention[] = [];
    for (const set of this.#byId.values()) for (const mention of set) if (this.isShown(mention)) out.push(mention);
    return out.sort(compareMentions);
  }

  /** Entities of switched-on kinds with their mention counts, most mentioned first. */
  entityCounts(): { id: string; count: number }[] {
    const out: { id: string; count: number }[] = [];
    for (const [id, set] of this.#byId) {
      const first = set.values().next().value as Mention | undefined;
      if (first && this.#filter.kinds[first.kind]) out.push({ id, count: set.size });
    }
    return out.sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  }

  /** The first mention of an entity in document order, if shown kinds include it. */
  firstMention(id: string): Mention | undefined {
    const set = this.#byId.get(id);
    if (!set) return undefined;
    return [...set].filter((m) => this.#filter.kinds[m.kind]).sort(compareMentions)[0];
  }

  /** (Re-)registers our highlights with the document; a page may have cleared `CSS.highlights`. */
  attach(): void {
    this.#attached = true;
    for (const [kind, highlight] of this.#highlights) {
      if (CSS.highlights.get(highlightName(kind)) !== highlight) CSS.highlights.set(highlightName(kind), highlight);
    }
  }

  /** Whether our highlights are still registered (false after a page cleared them). */
  isAttached(): boolean {
    return (
      !this.#attached ||
      [...this.#highlights].every(([kind, highlight]) => CSS.highlights.get(highlightName(kind)) === highlight)
    );
  }

  /** Removes every highlight and mention of ours from the page. */
  clear(): void {
    this.#attached = false;
    for (const [kind, highlight] of this.#highlights) {
      highlight.clear();
      if (CSS.highlights.get(highlightName(kind)) === highlight) CSS.highlights.delete(highlightName(kind));
    }
    this.#byNode.clear();
    this.#byId.clear();
    this.#first.clear();
  }

  #highlight(mention: Mention): Highlight {
    return this.#highlights.get(mention.kind) as Highlight;
  }

  #refreshFirst(id: string): void {
    const old = this.#first.get(id);
    const set = this.#byId.get(id);
    const next = set && [...set].filter((m) => this.#filter.kinds[m.kind]).sort(compareMentions)[0];
    if (old === next) return;
    if (old) this.#highlight(old).delete(old.range);
    if (next) {
      this.#first.set(id, next);
      this.#highlight(next).add(next.range);
    } else this.#first.delete(id);
  }
}
