import './highlights.css';
import type { EntityKind } from '../../src/core/dataset-schema.ts';
import { findMatches } from '../../src/core/matcher/find-matches.ts';
import type { MatcherIndex } from '../../src/core/matcher/load-matcher.ts';
import { isSiteEnabled, type Settings } from '../../src/core/settings-schema.ts';
// As JSON text, parsed when needed (see page-data.ts): not object literals evaluated on every page.
import compiledEntities from '../../src/data/compiled/entities.json?raw';
import compiledMatcher from '../../src/data/compiled/matcher.json?raw';
import { translate } from '../../src/ext/i18n.ts';
import { contentToBackground } from '../../src/ext/messages/content-to-background.ts';
import { loadSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { CardController, type CardData } from './card-controller.tsx';
import { HighlightSession } from './highlight-session.ts';
import { parseCardData, prepareMatcher } from './page-data.ts';
import { answerPopup } from './page-messages.ts';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Same-origin iframes (comment widgets, embedded live blogs) get their own highlights and card.
  allFrames: true,
  async main(ctx) {
    const started = performance.now();
    const debug = document.documentElement.hasAttribute('data-news-context-debug');
    const measure = (name: string, start: number) => {
      if (debug) performance.measure(name, { start, end: performance.now() });
    };
    const isTop = window === window.top;

    // Start-up is split into tasks of its own, each well under 50 ms: this one (the script's evaluation and
    // wiring), then settings; only where highlighting is on, the matcher's tables (a task between two
    // yields), then the session. The cards' data is parsed when the first card opens.
    let cardData: CardData | undefined;
    let matcher: MatcherIndex | undefined;
    let kinds: ReadonlyMap<string, EntityKind> = new Map();
    const card = new CardController(ctx, {
      data: () => {
        cardData ??= parseCardData(compiledEntities);
        return cardData;
      },
      translate,
      onOpenFull: (id) => void contentToBackground.sendMessage('openEntity', { id }).catch(() => {}),
      onCloseRequest: () => session.closeCard(),
    });
    const session = new HighlightSession(ctx, {
      card,
      match: (text) => (matcher ? findMatches(text, matcher) : []),
      kindOf: (id) => kinds.get(id),
      debug,
      onCount: (count) => {
        if (isTop) void contentToBackground.sendMessage('pageEntityCount', { count }).catch(() => {});
      },
    });

    let latest: Settings | undefined;
    let preparing: Promise<void> | undefined;
    const apply = (settings: Settings) => {
      latest = settings;
      const enabled = isSiteEnabled(settings, location.hostname);
      if (!enabled || matcher) {
        session.apply(settings, enabled);
        return;
      }
      // Highlighting is on and the matcher not loaded yet: load it, then apply the latest settings.
      preparing ??= prepareMatcher(compiledMatcher, measure).then((prepared) => {
        matcher = prepared.index;
        kinds = prepared.kinds;
      });
      void preparing.then(() => {
        if (latest !== settings) return;
        const start = performance.now();
        session.apply(settings, enabled);
        measure('news-context-start-session', start);
      });
    };
    measure('news-context-start-main', started);
    apply(await loadSettings());
    watchSettings(apply, ctx.signal);
    if (isTop) answerPopup(session, ctx.signal);
  },
});
