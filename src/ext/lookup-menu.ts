import { browser } from '#imports';
import { openPopupWith } from './open-popup.ts';

export const LOOKUP_MENU_ID = 'news-context-lookup';

/** Most characters of a selection that make a useful search. */
const MAX_LOOKUP_CHARS = 80;

/** Registers "Look up “%s” in News Context" on selected text (once per install or update). */
export function registerLookupMenu(title: string): void {
  browser.contextMenus.removeAll().then(
    () => browser.contextMenus.create({ id: LOOKUP_MENU_ID, title, contexts: ['selection'] }),
    () => undefined,
  );
}

/** Opens the popup's search with the selected text, trimmed to a search-sized phrase. */
export function lookUpSelection(selection: string, openerTabId?: number): Promise<'popup' | 'tab'> {
  const query = selection.replace(/\s+/g, ' ').trim().slice(0, MAX_LOOKUP_CHARS);
  return openPopupWith({ query }, openerTabId);
}
