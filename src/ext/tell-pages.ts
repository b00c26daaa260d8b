import { browser } from '#imports';
import { type BackgroundToContent, backgroundToContent } from './messages/background-to-content.ts';

/**
 * Tells the pages open in every tab something they follow (the enabled packs, the settings), so they change
 * without a reload; resolves with each tab that answered and its answer. A tab without our content script (a
 * browser page, a site never scanned) just does not answer.
 */
export async function tellPages<K extends keyof BackgroundToContent>(
  type: K,
  data: Parameters<BackgroundToContent[K]>[0],
): Promise<{ tabId: number; answer: ReturnType<BackgroundToContent[K]> }[]> {
  const tabs = await browser.tabs.query({});
  const send = backgroundToContent.sendMessage as (
    type: K,
    data: unknown,
    tabId: number,
  ) => Promise<ReturnType<BackgroundToContent[K]>>;
  const answers = await Promise.all(
    tabs.map(async ({ id: tabId }) => {
      if (tabId === undefined) return [];
      try {
        return [{ tabId, answer: await send(type, data, tabId) }];
      } catch {
        return [];
      }
    }),
  );
  return answers.flat();
}
