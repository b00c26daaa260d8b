import { type HighlightLook, HighlightSheet } from './highlight-styles.ts';
import { createPageNames, type PageNames } from './page-names.ts';

/**
 * The page's names and the marks' style sheet, made by the content script that runs before the page is parsed
 * (entrypoints/marks-style.content.ts) and taken over by the one that highlights (entrypoints/content): both run
 * in the extension's isolated world of the frame, which the page's scripts cannot reach.
 */
export interface PageStyle {
  names: PageNames;
  sheet: HighlightSheet;
}

const LEFT = Symbol.for('page-style');

type Shared = { [LEFT]?: PageStyle };

/** Fresh names for the page, and a sheet (not yet adopted) written for them. */
function newPageStyle(doc: Document): PageStyle {
  const names = createPageNames();
  return { names, sheet: new HighlightSheet(doc, names) };
}

/**
 * Makes the page's names and sheet, adopts the sheet with the rules of `provisional` (the look most readers keep,
 * until the reader's own is offered), and leaves them for the highlighting script.
 */
export function leavePageStyle(doc: Document, provisional: HighlightLook): PageStyle {
  const style = newPageStyle(doc);
  style.sheet.adoptProvisional(provisional);
  (globalThis as Shared)[LEFT] = style;
  return style;
}

/** The names and sheet left before the page was parsed, or new ones where none were (the first script did not run). */
export function takePageStyle(doc: Document): PageStyle {
  const shared = globalThis as Shared;
  const left = shared[LEFT];
  delete shared[LEFT];
  return left ?? newPageStyle(doc);
}
