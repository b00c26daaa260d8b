import { browser, storage } from '#imports';
import { toolbarAction } from './toolbar-action.ts';

/** What the popup should show when it opens: a search, or one entity's full entry. */
export type PopupRequest = { query: string } | { entity: string };

/**
 * A request waiting for the popup (session storage, gone when the browser closes). `action.openPopup()`
 * cannot pass the popup anything, so the popup reads and clears this on open.
 */
export const pendingPopupRequest = storage.defineItem<PopupRequest | null>('session:pendingPopup', { fallback: null });

/** The popup page's URL for a request, as a fragment: `#q=<query>` or `#entity=<id>`. */
export function popupHash(request: PopupRequest): string {
  return 'query' in request
    ? `#q=${encodeURIComponent(request.query)}`
    : `#entity=${encodeURIComponent(request.entity)}`;
}

/** Reads a request from a popup URL fragment. */
export function parsePopupHash(hash: string): PopupRequest | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const query = params.get('q');
  if (query !== null) return { query };
  const entity = params.get('entity');
  return entity ? { entity } : undefined;
}

/** Takes (and clears) the request waiting for the popup, if any. */
export async function takePendingPopupRequest(): Promise<PopupRequest | undefined> {
  try {
    const request = await pendingPopupRequest.getValue();
    if (request) await pendingPopupRequest.removeValue();
    return request ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the popup with a request: the toolbar popup where the browser allows it, else the popup page in a
 * new tab next to the current one.
 */
export async function openPopupWith(request: PopupRequest, openerTabId?: number): Promise<'popup' | 'tab'> {
  const action = toolbarAction();
  if (typeof action.openPopup === 'function') {
    try {
      await pendingPopupRequest.setValue(request);
      await action.openPopup();
      return 'popup';
    } catch {
      await pendingPopupRequest.removeValue().catch(() => undefined);
    }
  }
  await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html${popupHash(request)}`), openerTabId });
  return 'tab';
}
