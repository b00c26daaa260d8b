import { type PageEntity, popupToContent } from './messages/popup-to-content.ts';

/** What the content script of a tab reports, or `null` when the tab has none (not loaded yet, or no access). */
export async function fetchPageEntities(tabId: number): Promise<{ enabled: boolean; entities: PageEntity[] } | null> {
  try {
    return await popupToContent.sendMessage('getPageEntities', undefined, tabId);
  } catch {
    return null;
  }
}

/** Asks the tab to scroll to an entity's first mention, flash it and open its card; false when it cannot. */
export async function revealOnPage(tabId: number, id: string): Promise<boolean> {
  try {
    return await popupToContent.sendMessage('revealEntity', { id }, tabId);
  } catch {
    return false;
  }
}
