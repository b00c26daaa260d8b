import { browser } from '#imports';
import { type BackgroundToContent, backgroundToContent } from './messages/background-to-content.ts';

/**
 * Tells the pages open in every tab something they follow (the enabled packs, the settings), so they change
 * without a reload. A tab without our content script (a browser page, a site never scanned) just does not
 * answer.
 */
export async function tellPages<K extends keyof BackgroundToContent>(
  type: K,
  data: Parameters<BackgroundToContent[K]>[0],
): Promise<void> {
  const tabs = await browser.tabs.query({});
  const send = backgroundToContent.sendMessage as (type: K, data: unknown, tabId: number) => Promise<unknown>;
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? undefined : send(type, data, tab.id).catch(() => undefined))),
  );
}
