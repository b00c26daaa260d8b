import { ENTITY_KINDS, type EntityKind } from '../../src/core/dataset-schema.ts';
import { highlightName } from '../../src/page/highlight-registry.ts';

export interface HighlightLook {
  style: 'underline' | 'tint';
  colours: Readonly<Record<EntityKind, string>>;
  dark: boolean;
}

/** The `::highlight()` rules for the reader's style and colours, lightened on dark pages. */
export function highlightRules({ style, colours, dark }: HighlightLook): string {
  return ENTITY_KINDS.map((kind) => {
    const colour = dark ? `color-mix(in srgb, ${colours[kind]} 55%, white)` : colours[kind];
    const look =
      style === 'tint'
        ? `background-color: color-mix(in srgb, ${colour} ${dark ? 30 : 18}%, transparent);`
        : `text-decoration: underline dotted 2px ${colour}; text-underline-offset: 3px;`;
    return `::highlight(${highlightName(kind)}) { ${look} }`;
  }).join('\n');
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
