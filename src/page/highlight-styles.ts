import { type MarkLook, markRules } from '../core/mark-style.ts';
import type { PageNames } from './page-names.ts';

export type HighlightLook = MarkLook;

/** The brief mark on a mention the reader jumped to (from the popup or the keyboard). */
const FLASH_RULE = (names: PageNames) =>
  `::highlight(${names.highlight('flash')}) { background-color: rgb(250 204 21 / 0.45); }`;

/** The `::highlight()` rules for the reader's style and colours (the one style function, src/core/mark-style.ts). */
export function highlightRules(look: HighlightLook, names: PageNames): string {
  return `${markRules(look, (kind) => `::highlight(${names.highlight(kind)})`)}\n${FLASH_RULE(names)}`;
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
