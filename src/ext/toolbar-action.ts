import { browser } from '#imports';

/** The toolbar button's API: `action` in Manifest V3, `browserAction` in Firefox's Manifest V2 build. */
export function toolbarAction(): typeof browser.action {
  return (browser.action ??
    (browser as unknown as { browserAction: typeof browser.action }).browserAction) as typeof browser.action;
}

/** Shows how many distinct entities a tab mentions; no badge at all for none. */
export async function setEntityBadge(tabId: number, count: number): Promise<void> {
  const action = toolbarAction();
  try {
    await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  } catch {
    // The tab closed in the meantime.
  }
}
