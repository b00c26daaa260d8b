import { type MarkLook, markRules } from '../core/mark-style.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import type { PageNames } from './page-names.ts';

/** What the page's marks look like, for light and dark pages alike (the painter picks the names by the page). */
export interface HighlightLook extends Omit<MarkLook, 'dark'> {
  /**
   * Whether the browser's highlight pseudo-elements inherit from their parent's (Chromium's highlight
   * inheritance, which Firefox lacks): then the rules style the root element alone and every text below it
   * takes them. A rule on every element makes the browser restyle every element of the page when the sheet
   * arrives (80 ms of style recalculation on a 1 MB page in Chromium); a rule on the root restyles less.
   */
  inherited: boolean;
}

/** The brief mark on a mention the reader jumped to (from the popup or the keyboard): its declarations. */
const FLASH_DECLARATIONS = 'background-color: rgb(250 204 21 / 0.45);';

/**
 * The `::highlight()` rules for the reader's style and colours (the one style function, src/core/mark-style.ts):
 * each kind's light-page name, its dark-page name (lightened colours), and the flash.
 */
export function highlightRules(look: HighlightLook, names: PageNames): string {
  const selector = (name: string) => `${look.inherited ? ':root' : ''}::highlight(${name})`;
  const light = markRules({ ...look, dark: false }, (kind) => selector(names.highlight(kind)));
  const dark = markRules({ ...look, dark: true }, (kind) => selector(names.highlight(kind, true)));
  return `${light}\n${dark}\n${selector(names.highlight('flash'))} { ${FLASH_DECLARATIONS} }`;
}

/**
 * The page's style sheet for the marks: a constructed sheet in `document.adoptedStyleSheets` (not a DOM
 * mutation), adopted before the page has an element with the rules of the look most readers keep (the
 * defaults), and changed only where the reader's own look, when it comes, differs. Any `::highlight()` rule
 * that arrives after the page's elements have their style makes the browser restyle every element (18 to 37 ms
 * on a 1 MB page in Chromium, 7.5 to 15 ms on the bench's full site page, docs/measurements.md), and the reader's
 * look, asked of the background, came after the page's first style in 5 of 10 loads of that page (5 of 6 where
 * the background's worker had to be started first); there from the start, the rules cost nothing measurable.
 * The sheet does nothing until a highlight of ours is registered. Where a browser refuses it from a content
 * script, the page gets no marks drawn (mentions still work).
 */
export class HighlightSheet {
  readonly #doc: Document;
  readonly #names: PageNames;
  #sheet: CSSStyleSheet | undefined;
  #text = '';
  /** Whether `show` or `remove` was called: an `offer` comes too late then. */
  #settled = false;
  /** Whether the page has had the sheet (since it was last shown), and how often it was adopted again since. */
  #wasAdopted = false;
  #readopted = 0;

  constructor(doc: Document, names: PageNames) {
    this.#doc = doc;
    this.#names = names;
  }

  /**
   * Shows `look`, or removes the sheet where there is none (highlighting is off on the site), unless the session
   * has shown or removed the sheet already: the look asked for before the page was parsed may arrive after the
   * settings the session follows, and then it is older.
   */
  offer(look: HighlightLook | null): void {
    if (this.#settled) return;
    if (look) this.show(look);
    else this.remove();
  }

  /**
   * Adopts the sheet with the rules of `look` before the page has an element (`document_start`), without
   * settling it: the reader's look, offered when it arrives, changes nothing where it is the same (most readers
   * keep the defaults), and otherwise changes the rules of a sheet the page has rather than adopting one as the
   * page is parsed. On a short page, a sheet adopted near the end of the parsing made the page's `load` event
   * wait for a task of its own after `DOMContentLoaded`, where the page then laid itself out, in 5 of 12 loads;
   * adopted before the page had an element, in 4 of 28, and without any content script in 3 of 24
   * (docs/measurements.md, the page's twenty-first round).
   */
  adoptProvisional(look: HighlightLook): void {
    if (this.#sheet || this.#settled) return;
    this.#write(look);
  }

  /** Adopts the sheet for `look`, or changes its rules; nothing when they are the ones adopted. */
  show(look: HighlightLook): void {
    this.#settled = true;
    this.#write(look);
  }

  #write(look: HighlightLook): void {
    const text = highlightRules(look, this.#names);
    if (text === this.#text && this.adopted) return;
    try {
      this.#sheet ??= new CSSStyleSheet();
      if (text !== this.#text) this.#sheet.replaceSync(text);
      this.#text = text;
      this.ensureAdopted();
    } catch {
      // No constructed sheets here: nothing is drawn.
    }
  }

  /** Whether the sheet is among the document's (the page may have replaced `adoptedStyleSheets`). */
  get adopted(): boolean {
    try {
      return this.#sheet !== undefined && this.#doc.adoptedStyleSheets.includes(this.#sheet);
    } catch {
      return false;
    }
  }

  /**
   * Adopts the sheet again where the page's own assignment to `adoptedStyleSheets` dropped it, at most
   * `maxSheetReadopts` times per page.
   */
  ensureAdopted(): void {
    const sheet = this.#sheet;
    if (!sheet || this.adopted) return;
    if (this.#wasAdopted && this.#readopted++ >= PAGE_DEFAULTS.maxSheetReadopts) return;
    this.#wasAdopted = true;
    try {
      this.#doc.adoptedStyleSheets = [...this.#doc.adoptedStyleSheets, sheet];
    } catch {
      // The document is gone (navigation), or refuses the sheet: nothing is drawn.
    }
  }

  /** Takes the sheet off the page (highlighting switched off). */
  remove(): void {
    this.#settled = true;
    this.#wasAdopted = false;
    const sheet = this.#sheet;
    this.#sheet = undefined;
    this.#text = '';
    if (!sheet) return;
    try {
      this.#doc.adoptedStyleSheets = this.#doc.adoptedStyleSheets.filter((s) => s !== sheet);
    } catch {
      // The document is gone (navigation): nothing to remove.
    }
  }
}
