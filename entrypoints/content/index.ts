import { cardDataFromMessage } from '../../src/core/card-data.ts';
import { findCandidates } from '../../src/core/matcher/find-matches.ts';
import { PageContext } from '../../src/core/matcher/page-context.ts';
import { type CompiledMarking, loadMarking } from '../../src/core/mention-policy.ts';
import { isSiteEnabled, type Settings } from '../../src/core/settings-schema.ts';
// The matcher's index as a snapshot (JSON text: a string costs the engine next to nothing to load), read only
// where highlighting is on. The cards' data is not bundled: the background answers for one entity when the
// pointer rests on it.
import compiledMarking from '../../src/data/compiled/marking.json';
import matcherSnapshot from '../../src/data/compiled/matcher-snapshot.json?raw';
import { answerPopup } from '../../src/ext/answer-popup.ts';
import { pageTables } from '../../src/ext/compiled-source.ts';
import { translate } from '../../src/ext/i18n.ts';
import { contentToBackground } from '../../src/ext/messages/content-to-background.ts';
import { loadSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { CardHost } from '../../src/page/card-host.ts';
import { HighlightSession } from '../../src/page/highlight-session.ts';
import { createPageNames } from '../../src/page/page-names.ts';
import { pageLookAt } from '../../src/page/page-theme.ts';
import { measure } from '../../src/page/perf-marks.ts';
import { type PreparedMatcher, prepareMatcher } from '../../src/page/prepare-matcher.ts';
import cardCss from '../../src/ui/card.css?inline';
import { HoverCard } from '../../src/ui/hover-card.tsx';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Every frame the page shows text in: same-origin frames, and frames the page writes itself (about:blank,
  // srcdoc), which have no URL of their own to match.
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // WXT's start message by window.postMessage is seen by every script of the page; its DOM event suffices.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const started = performance.now();
    const isTop = window === window.top;
    // The bundled tables, or those the background compiled for the reader's packs when others are on; read
    // from storage together with the settings.
    const [tables, settings] = await Promise.all([
      pageTables({ marking: compiledMarking as CompiledMarking, matcher: matcherSnapshot }),
      loadSettings(),
    ]);
    const names = createPageNames();
    const host = new CardHost(document, { tag: names.hostTag, css: cardCss });
    ctx.onInvalidated(() => host.remove());
    const card = new HoverCard({
      host,
      load: async (id) => {
        const message = await contentToBackground.sendMessage('cardData', { id });
        return message ? cardDataFromMessage(message) : undefined;
      },
      translate,
      pageLook: pageLookAt,
      onOpenFull: (id) => void contentToBackground.sendMessage('openEntity', { id }).catch(() => {}),
      onCloseRequest: () => session.closeCard(),
    });
    let matcher: PreparedMatcher | undefined;
    const session = new HighlightSession(ctx.signal, {
      card,
      names,
      policy: loadMarking(tables.marking),
      find: (text) => (matcher ? findCandidates(text, matcher.index) : []),
      newContext: () => new PageContext((matcher as PreparedMatcher).index),
      kindOf: (id) => matcher?.kinds.get(id),
      onCount: (count) => {
        if (isTop) void contentToBackground.sendMessage('pageEntityCount', { count }).catch(() => {});
      },
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => session.navigated());

    // Start-up is split into short tasks: evaluation, then wiring once the stored settings and tables are read;
    // only where highlighting is on, the matcher (a snapshot, read back in one short step), then the session.
    let latest: Settings | undefined;
    let preparing: Promise<void> | undefined;
    const apply = (settings: Settings) => {
      latest = settings;
      const enabled = isSiteEnabled(settings, location.hostname);
      if (!enabled || matcher) {
        session.apply(settings, enabled);
        return;
      }
      preparing ??= tables
        .matcher()
        .then(prepareMatcher)
        .then((prepared) => {
          matcher = prepared;
        });
      void preparing.then(() => {
        if (latest === settings) session.apply(settings, enabled);
      });
    };
    measure('news-context-start-main', started);
    apply(settings);
    watchSettings(apply, ctx.signal);
    if (isTop) answerPopup(session, ctx.signal);
  },
});
