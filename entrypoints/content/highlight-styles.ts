import { type MarkLook, markRules } from '../../src/core/mark-style.ts';
import { highlightName } from '../../src/page/highlight-registry.ts';

export type HighlightLook = MarkLook;

/** The `::highlight()` rules for the reader's style and colours (the one style function, src/core/mark-style.ts). */
export function highlightRules(look: HighlightLook): string {
  return markRules(look, (kind) => `::highlight(${highlightName(kind)})`);
}

/**
 * Applies runtime highlight colours with a constructed style sheet in `document.adoptedStyleSheets`: not a
 * DOM mutation. Where a browser refuses it from a content script, the manifest CSS's defaults stay.
 * Returns a function that removes the sheet.
 */
export function adoptHighlightStyles(doc: Document, look: HighlightLook): () => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(highlightRules(look));
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
