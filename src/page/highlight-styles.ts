import { ENTITY_KINDS, type EntityKind } from '../core/dataset-schema.ts';
import type { PageNames } from './page-names.ts';

export interface HighlightLook {
  style: 'underline' | 'tint';
  colours: Readonly<Record<EntityKind, string>>;
  dark: boolean;
}

/** The brief mark on a mention the reader jumped to (from the popup or the keyboard). */
const FLASH_RULE = (names: PageNames) =>
  `::highlight(${names.highlight('flash')}) { background-color: rgb(250 204 21 / 0.45); }`;

/** The `::highlight()` rules for the reader's style and colours, lightened on dark pages. */
export function highlightRules({ style, colours, dark }: HighlightLook, names: PageNames): string {
  return ENTITY_KINDS.map((kind) => {
    const colour = dark ? `color-mix(in srgb, ${colours[kind]} 55%, white)` : colours[kind];
    const look =
      style === 'tint'
        ? `background-color: color-mix(in srgb, ${colour} ${dark ? 30 : 18}%, transparent);`
        : `text-decoration: underline dotted 2px ${colour}; text-underline-offset: 3px;`;
    return `::highlight(${names.highlight(kind)}) { ${look} }`;
  })
    .concat(FLASH_RULE(names))
    .join('\n');
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
