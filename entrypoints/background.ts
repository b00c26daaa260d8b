import { browser } from '#imports';
import { decodeTexts } from '../src/core/matcher/match-wire.ts';
import { isSiteEnabled } from '../src/core/site-rules.ts';
// As JSON text, parsed on the first card asked for (used while only the bundled pack is on).
import compiledEntitiesText from '../src/data/compiled/entities.json?raw';
import compiledMarking from '../src/data/compiled/marking.json';
import matcherSnapshot from '../src/data/compiled/matcher-snapshot.json?raw';
import { bundledPack } from '../src/ext/bundled-pack.ts';
import { runCardUiScript } from '../src/ext/card-ui-script.ts';
import { takeChosenFile } from '../src/ext/chosen-pack-file.ts';
import { createCurrentCompiled } from '../src/ext/compiled-source.ts';
import { createCardSource } from '../src/ext/dataset-source.ts';
import { translate } from '../src/ext/i18n.ts';
import { LOOKUP_MENU_ID, lookUpSelection, registerLookupMenu } from '../src/ext/lookup-menu.ts';
import { contentToBackground } from '../src/ext/messages/content-to-background.ts';
import { isChosenFileMessage, optionsToBackground } from '../src/ext/messages/options-to-background.ts';
import { openPopupWith } from '../src/ext/open-popup.ts';
import { createPackCompiler, type PackCompiler } from '../src/ext/pack-compiler.ts';
import { createPackStore } from '../src/ext/pack-store.ts';
import { createPageMatching } from '../src/ext/page-matching.ts';
import { createPagesFirst, PAGES_FIRST_MAX_MS } from '../src/ext/pages-first.ts';
import { loadSettings, watchSettings } from '../src/ext/settings-storage.ts';
import { toggleSite } from '../src/ext/site-toggle.ts';
import { forgetTab, rememberTabUrl, reportedTabUrl } from '../src/ext/tab-urls.ts';
import { tellPages } from '../src/ext/tell-pages.ts';
import { setEntityBadge } from '../src/ext/toolbar-action.ts';

/**
 * Everything the background does, as one map: the browser's listeners call these, and the end-to-end
 * tests call the same functions from the service worker (commands and menus cannot be pressed by a driver).
 */
const handlersOver = (packs: PackCompiler) => ({
  /** The keyboard command: highlighting on or off for the active tab's site. */
  async toggleSiteCommand(): Promise<boolean | undefined> {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const url = tab?.url ?? (tab?.id === undefined ? undefined : await reportedTabUrl(tab.id));
    const enabled = await toggleSite(url);
    if (enabled === false && tab?.id !== undefined) await setEntityBadge(tab.id, 0);
    return enabled;
  },
  /** The context-menu entry on selected text. */
  lookUp: (selection: string, tabId?: number) => lookUpSelection(selection, tabId),
  /** A card's "open full entry". */
  openEntity: (id: string, tabId?: number) => openPopupWith({ entity: id }, tabId),
  pageEntityCount: (tabId: number, count: number) => setEntityBadge(tabId, count),
  /** Compiles the enabled packs when the stored output is not theirs (called whenever the pack index changes). */
  updatePacks: () => packs.update(),
  /** A pack file being imported, kept under `key`: compiled ahead, while the options page checks it. */
  packChosen: async (key: string, confirmed: boolean, importId: string) => {
    const text = await takeChosenFile(key);
    if (text !== undefined) await packs.speculate(text, { confirmed, importId });
  },
  /**
   * The same, given the file itself: posted to the service worker (Chromium: `handToBackgroundWorker`), or in a
   * call by an options page on this page's thread (Firefox's background page: `handToBackgroundPage`). Read here
   * while the options page's worker reads and checks it. Returns at once. A file that cannot be read is compiled
   * for nothing: the options page says so and stores nothing.
   */
  packChosenFile: (file: Blob, confirmed: boolean, importId: string) =>
    file.text().then(
      (text) => packs.speculate(text, { confirmed, importId }),
      () => undefined,
    ),
  /** The import stored nothing: what was compiled ahead for it goes. */
  packNotImported: () => packs.discardSpeculation(),
});

export type BackgroundHandlers = ReturnType<typeof handlersOver>;

export default defineBackground(() => {
  // The background lives as long as the extension: nothing it starts is ever stopped.
  const forever = new AbortController().signal;
  // The compiled output the background reads: a compile is used from memory while it is being stored.
  const compiled = createCurrentCompiled(forever);
  const packStore = createPackStore(bundledPack);
  const handlers = handlersOver(createPackCompiler(packStore, compiled));
  (globalThis as unknown as { newsContext: BackgroundHandlers }).newsContext = handlers;
  const cards = createCardSource(compiledEntitiesText, compiled, forever);
  // Pages send their text here to be matched: they carry no matcher of their own.
  const matching = createPageMatching({ snapshot: matcherSnapshot, marking: compiledMarking }, compiled, forever);
  // Pages follow the packs and the settings through the background: they carry neither storage nor schema.
  // Told after the matcher hears of new output (listeners run in order), so that pages asking get the new one;
  // the compiler stores the output once the pages that scan again have had their text matched (or a while).
  const pagesFirst = createPagesFirst();
  compiled.watch(async () => {
    const told = await tellPages('datasetChanged', undefined);
    await pagesFirst.wait(
      told.filter(({ answer }) => answer === true).map(({ tabId }) => tabId),
      PAGES_FIRST_MAX_MS,
    );
  }, forever);
  watchSettings((settings) => void tellPages('settingsChanged', { settings }), forever);
  contentToBackground.onMessage('pageStart', async ({ data }) => {
    const settings = await loadSettings();
    if (!isSiteEnabled(settings, data.hostname)) return { settings };
    const rules = await matching.rules();
    return data.texts ? { settings, rules, found: await matching.match(decodeTexts(data.texts)) } : { settings, rules };
  });
  contentToBackground.onMessage('pageLook', async ({ data }) => {
    const settings = await loadSettings();
    return isSiteEnabled(settings, data.hostname) ? { style: settings.style, colours: settings.colours } : null;
  });
  packStore.watch(() => void handlers.updatePacks(), forever);
  // Not awaited: the options page goes on to check the file meanwhile, and waits for no answer.
  optionsToBackground.onMessage(
    'packChosen',
    ({ data }) => void handlers.packChosen(data.key, data.confirmed, data.importId),
  );
  optionsToBackground.onMessage('packNotImported', () => handlers.packNotImported());
  // Chromium: the options page posts a chosen file to the service worker; only the extension's own pages can (a
  // page or a content script cannot reach this worker).
  if (!import.meta.env.FIREFOX)
    globalThis.addEventListener('message', (event) => {
      const { origin, data } = event as MessageEvent<unknown>;
      if (origin === location.origin && isChosenFileMessage(data))
        void handlers.packChosenFile(data.file, data.confirmed, data.importId);
    });
  // A change made while the background slept (or an update of the bundled pack) is compiled on waking.
  void handlers.updatePacks();

  browser.runtime.onInstalled.addListener(() => registerLookupMenu(translate('menuLookUp')));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === LOOKUP_MENU_ID && info.selectionText) void handlers.lookUp(info.selectionText, tab?.id);
  });
  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-site') void handlers.toggleSiteCommand();
  });
  contentToBackground.onMessage('pageEntityCount', ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    // Only the top frame speaks for the tab: frames report their own counts and URLs.
    if (sender.frameId === 0 && sender.url) void rememberTabUrl(tabId, sender.url);
    if (sender.frameId === 0) void handlers.pageEntityCount(tabId, data.count);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  contentToBackground.onMessage('cardData', ({ data }) => cards.cardData(data.id));
  contentToBackground.onMessage('pageRules', () => matching.rules());
  contentToBackground.onMessage('matchTexts', async ({ data, sender }) => {
    const reply = await matching.match(decodeTexts(data));
    if (sender.tab?.id !== undefined) pagesFirst.matched(sender.tab.id);
    return reply;
  });
  // Firefox: the content script asks for the card's UI (Chromium's imports it as a module itself).
  if (import.meta.env.FIREFOX)
    contentToBackground.onMessage('showCardUi', async ({ sender }) => {
      if (sender.tab?.id === undefined) return false;
      try {
        await runCardUiScript(sender.tab.id, sender.frameId ?? 0);
        return true;
      } catch (error) {
        console.debug('News Context: the card UI cannot run in this frame', error);
        return false;
      }
    });
  contentToBackground.onMessage('openEntity', ({ data, sender }) => {
    void handlers.openEntity(data.id, sender.tab?.id);
  });
});
