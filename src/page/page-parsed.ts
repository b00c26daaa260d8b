import { PAGE_DEFAULTS } from './page-defaults.ts';

/**
 * Resolves once the document is parsed, at an idle moment of the page's main thread after that (at most
 * `PAGE_DEFAULTS.parsedIdleTimeoutMs` later): what the manifest's `document_idle` gives a content script, for one that may
 * start earlier. At once where the document is parsed already (Firefox runs the highlighting script at
 * `document_idle`). Chromium's build has the highlighting script imported as a module before the page is parsed
 * (modules/content-script-as-module.ts), so on a long page it may start while the parser still runs.
 *
 * It looks at `readyState` at idle moments rather than listening for `DOMContentLoaded`, so no code of ours runs
 * in the task that ends the page's parsing: Chromium fires `load` and lays the whole page out in that task, the
 * longest of a long page's load (100 to 300 ms on the 1 MB live blog, docs/measurements.md).
 */
export function whenParsed(doc: Document, win: Window = window): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (doc.readyState === 'loading') win.requestIdleCallback(check, { timeout: PAGE_DEFAULTS.parsedIdleTimeoutMs });
      else resolve();
    };
    win.requestIdleCallback(check, { timeout: PAGE_DEFAULTS.parsedIdleTimeoutMs });
  });
}
