import { type MarkLook, markRules } from '../core/mark-style.ts';
import type { PageNames } from './page-names.ts';

export interface HighlightLook extends MarkLook {
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

/** The `::highlight()` rules for the reader's style and colours (the one style function, src/core/mark-style.ts). */
export function highlightRules(look: HighlightLook, names: PageNames): string {
  const selector = (name: string) => `${look.inherited ? ':root' : ''}::highlight(${name})`;
  const marks = markRules(look, (kind) => selector(names.highlight(kind)));
  return `${marks}\n${selector(names.highlight('flash'))} { ${FLASH_DECLARATIONS} }`;
}

/**
 * Applies runtime highlight colours with a constructed style sheet in `document.adoptedStyleSheets`: not a
 * DOM mutation. Where a browser refuses it from a content script, the page gets no marks drawn (mentions still work).
 * Returns a function that removes the sheet.
 */
export function adoptHighlightStyles(doc: Document, look: HighlightLook, names: PageNames): () => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(highlightRules(look, names));
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      try {
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      } catch {
        // The document is gone (navigation): nothing to remove.
      }
    };
  } catch {
    return () => {};
  }
}
