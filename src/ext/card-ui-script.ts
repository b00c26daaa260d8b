import { browser } from '#imports';

/** The card's UI script as the build writes it (`entrypoints/card-ui.ts`). */
const CARD_UI_FILE = '/card-ui.js';

/**
 * Runs the card's UI script in one frame of a tab, in the extension's content script world there (where the
 * content script that asked waits for it). Rejects when the frame cannot be scripted (it navigated away, or
 * the reader withdrew the site access).
 */
export async function runCardUiScript(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [CARD_UI_FILE] });
}

/**
 * Chromium: the content script imports the card's UI script itself, as a module, which V8 compiles off the
 * page's main thread (`modules/content-script-as-module.ts` makes it importable, by a URL drawn per session).
 * Rejects when it cannot be loaded (the extension was updated or removed under the page).
 */
export async function importCardUiScript(): Promise<void> {
  await import(/* @vite-ignore */ browser.runtime.getURL(CARD_UI_FILE));
}
