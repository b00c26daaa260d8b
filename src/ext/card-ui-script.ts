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
