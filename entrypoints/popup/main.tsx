import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { isSiteEnabled, siteAccess } from '../../src/core/settings-schema.ts';
// As JSON text: JSON.parse is much cheaper for the engine than evaluating the same data as a literal.
import compiledEntitiesText from '../../src/data/compiled/entities.json?raw';
import compiledSearchText from '../../src/data/compiled/search.json?raw';
import { resolveTargetTab } from '../../src/ext/active-tab.ts';
import { translate } from '../../src/ext/i18n.ts';
import { type PopupRequest, parsePopupHash, takePendingPopupRequest } from '../../src/ext/open-popup.ts';
import { fetchPageEntities, revealOnPage } from '../../src/ext/page-messages.ts';
import {
  type BundledPopupTexts,
  followPopupDataset,
  loadPopupDataset,
  type PopupDataset,
} from '../../src/ext/popup-dataset.ts';
import { loadSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { toggleSite } from '../../src/ext/site-toggle.ts';
import { I18nContext } from '../../src/ui/i18n.ts';
import { type PageState, Popup } from '../../src/ui/Popup.tsx';
import '../../src/ui/card.css';
import '../../src/ui/popup.css';

/** The popup's bundled files, used while only the bundled pack is on. */
const BUNDLED: BundledPopupTexts = { 'entities.json': compiledEntitiesText, 'search.json': compiledSearchText };

/** Opened as a tab by a test (or the fallback of "open full entry"), not as the toolbar popup. */
const inTab = new URLSearchParams(location.search).has('tab') || location.hash.length > 1;

/** Wires the popup to the browser: the target tab, its content script and the settings. */
function PopupApp({ request, data }: { request?: PopupRequest; data: PopupDataset }) {
  const [page, setPage] = useState<PageState>({ kind: 'loading' });
  const [tab, setTab] = useState<{ id: number; url?: string }>();

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const target = await resolveTargetTab(location.search);
      setTab(target);
      const access = siteAccess(target?.url);
      if (!target || access.kind !== 'site') {
        setPage({ kind: 'restricted', reason: access.kind === 'restricted' ? access.reason : 'unknown' });
        return;
      }
      const refresh = async () => {
        const settings = await loadSettings();
        const enabled = isSiteEnabled(settings, access.hostname);
        const reply = await fetchPageEntities(target.id);
        setPage({ kind: 'site', site: access.site, enabled, entities: reply?.entities ?? null });
      };
      await refresh();
      watchSettings(() => void refresh(), controller.signal);
    })();
    return () => controller.abort();
  }, []);

  return (
    <Popup
      fuse={data.search}
      view={data.view}
      packs={data.packs}
      page={page}
      initialQuery={request && 'query' in request ? request.query : undefined}
      initialEntity={request && 'entity' in request ? request.entity : undefined}
      onToggleSite={(enabled) => void toggleSite(tab?.url, enabled)}
      onReveal={async (id) => {
        if (tab && (await revealOnPage(tab.id, id)) && !inTab) window.close();
      }}
      onClose={() => window.close()}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

/** Renders the popup; the same tree is rendered again, under a new key, when a waiting request arrives. */
function show(data: PopupDataset, request?: PopupRequest) {
  render(
    <I18nContext.Provider value={translate}>
      <PopupApp key={request ? JSON.stringify(request) : 'plain'} request={request} data={data} />
    </I18nContext.Provider>,
    document.getElementById('app') as HTMLElement,
  );
}

async function main() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const fromHash = parsePopupHash(location.hash);
  let data = await loadPopupDataset(BUNDLED);
  let request = fromHash;
  // Interactive first: a request left in storage by the background (context menu, "open full entry")
  // is read after the first render, not before it.
  show(data, request);
  performance.mark('nc-interactive');
  // Packs imported, switched on or off while the popup is open: their stored output replaces what it opened with.
  followPopupDataset(
    BUNDLED,
    data,
    (newer) => {
      data = newer;
      show(data, request);
    },
    new AbortController().signal,
  );
  if (fromHash) return;
  const pending = await takePendingPopupRequest();
  if (pending) {
    request = pending;
    show(data, request);
  }
}

void main();
