import { browser } from '#imports';
import { reportedTabUrl } from './tab-urls.ts';

/**
 * The tab the popup is about: the active tab of the current window. Tests open the popup as a tab of its
 * own and name the page's tab with `?tab=<id>`; the real popup never has that parameter. The URL is the
 * tab's own (visible after a toolbar click, through activeTab) or the one its content script reported.
 */
export async function resolveTargetTab(search: string): Promise<{ id: number; url?: string } | undefined> {
  const named = Number(new URLSearchParams(search).get('tab'));
  try {
    const tab =
      Number.isInteger(named) && named > 0
        ? await browser.tabs.get(named)
        : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (tab?.id === undefined) return undefined;
    return { id: tab.id, url: tab.url ?? (await reportedTabUrl(tab.id)) };
  } catch {
    return undefined;
  }
}
