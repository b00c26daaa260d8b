import { browser } from '#imports';

/**
 * The tab the popup is about: the active tab of the current window. Tests open the popup as a tab of its
 * own and name the page's tab with `?tab=<id>`; the real popup never has that parameter.
 */
export async function resolveTargetTab(search: string): Promise<{ id: number; url?: string } | undefined> {
  const named = Number(new URLSearchParams(search).get('tab'));
  try {
    if (Number.isInteger(named) && named > 0) {
      const tab = await browser.tabs.get(named);
      return tab.id === undefined ? undefined : { id: tab.id, url: tab.url };
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
  } catch {
    return undefined;
  }
}
