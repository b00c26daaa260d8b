import type { EntityKind } from '../core/dataset-schema.ts';
import { ENTITY_KINDS } from '../core/dataset-schema.ts';

/** The name of the CSS highlight for a kind: style it with `::highlight(news-context-person)`. */
export const highlightName = (kind: EntityKind) => `news-context-${kind}`;

/** A mention marked on the page: its entity and the live range over its text. */
export interface Mention {
  id: string;
  kind: EntityKind;
  range: Range;
}

/**
 * Owns our entries in `CSS.highlights`: one Highlight per entity kind, so each kind is styled on its own.
 * The page's DOM is never touched.
 */
export class HighlightRegistry {
  readonly #highlights = new Map<EntityKind, Highlight>();
  readonly mentions: Mention[] = [];

  constructor() {
    for (const kind of ENTITY_KINDS) this.#highlights.set(kind, new Highlight());
  }

  /** Adds mentions and makes sure our highlights are registered (a page may have cleared them). */
  add(mentions: readonly Mention[]): void {
    for (const mention of mentions) {
      this.mentions.push(mention);
      this.#highlights.get(mention.kind)?.add(mention.range);
    }
    this.attach();
  }

  /** (Re-)registers our highlights with the document. */
  attach(): void {
    for (const [kind, highlight] of this.#highlights) {
      if (CSS.highlights.get(highlightName(kind)) !== highlight) CSS.highlights.set(highlightName(kind), highlight);
    }
  }

  /** Removes every highlight of ours from the page. */
  clear(): void {
    for (const [kind, highlight] of this.#highlights) {
      highlight.clear();
      if (CSS.highlights.get(highlightName(kind)) === highlight) CSS.highlights.delete(highlightName(kind));
    }
    this.mentions.length = 0;
  }
}
