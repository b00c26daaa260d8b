import { storage } from '#imports';

/**
 * The page URL of each tab whose content script has reported in (the browser gives the sender's URL
 * with every message). Without the broad "tabs" permission a tab's URL is only visible after the reader
 * clicks the toolbar button; a popup opened any other way (a card's "open full entry") reads it here.
 * Session storage: in memory only, gone when the browser closes.
 */
const tabUrlsItem = storage.defineItem<Record<string, string>>('session:tabUrls', { fallback: {} });

/** Records the URL a tab's content script runs on. */
export async function rememberTabUrl(tabId: number, url: string): Promise<void> {
  const urls = await tabUrlsItem.getValue();
  if (urls[tabId] !== url) await tabUrlsItem.setValue({ ...urls, [tabId]: url });
}

/** Forgets a closed tab. */
export async function forgetTab(tabId: number): Promise<void> {
  const urls = await tabUrlsItem.getValue();
  if (!(tabId in urls)) return;
  const { [tabId]: _, ...rest } = urls;
  await tabUrlsItem.setValue(rest);
}

/** The URL a tab's content script last reported, if any. */
export async function reportedTabUrl(tabId: number): Promise<string | undefined> {
  try {
    return (await tabUrlsItem.getValue())[tabId];
  } catch {
    return undefined;
  }
}
