import type { CardDataMessage } from '../../src/core/card-data.ts';
import { decodeCandidates } from '../../src/core/matcher/match-wire.ts';
import { isSiteEnabled, type Settings } from '../../src/core/settings-schema.ts';
import { answerPopup } from '../../src/ext/answer-popup.ts';
import { backgroundToContent } from '../../src/ext/messages/background-to-content.ts';
import { contentToBackground } from '../../src/ext/messages/content-to-background.ts';
import { loadSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { HighlightSession } from '../../src/page/highlight-session.ts';
import { LazyCard } from '../../src/page/lazy-card.ts';
import { createPageNames } from '../../src/page/page-names.ts';
import { measure } from '../../src/page/perf-marks.ts';

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
  // The page carries only what it needs to walk its text and draw: the background matches the text and holds
  // the dataset, and the card's UI is another script, run in the page the first time a card may be wanted.
  async main(ctx) {
    const started = performance.now();
    const isTop = window === window.top;
    const names = createPageNames();
    const card = new LazyCard<CardDataMessage>({
      hostTag: names.hostTag,
      injectUi: async () => {
        if (!(await contentToBackground.sendMessage('showCardUi', undefined))) throw new Error('no card UI here');
      },
      load: (id) => contentToBackground.sendMessage('cardData', { id }),
      onOpenFull: (id) => void contentToBackground.sendMessage('openEntity', { id }).catch(() => {}),
      onCloseRequest: () => session.closeCard(),
    });
    ctx.onInvalidated(() => card.remove());
    const session = new HighlightSession(ctx.signal, {
      card,
      names,
      find: async (texts) =>
        decodeCandidates(await contentToBackground.sendMessage('matchTexts', { texts: [...texts] }), texts.length),
      onCount: (count) => {
        if (isTop) void contentToBackground.sendMessage('pageEntityCount', { count }).catch(() => {});
      },
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => session.navigated());

    // The dataset's rules are asked for only where highlighting is on, and again when the reader's packs change.
    let rules: Promise<void> | undefined;
    const loadRules = () =>
      contentToBackground.sendMessage('pageRules', undefined).then(
        (answer) => session.useRules(answer),
        (error: unknown) => console.debug('News Context: no rules from the background', error),
      );
    const apply = (settings: Settings) => {
      const enabled = isSiteEnabled(settings, location.hostname);
      session.apply(settings, enabled);
      if (enabled) rules ??= loadRules();
    };
    const removeListener = backgroundToContent.onMessage('datasetChanged', () => {
      if (rules) rules = loadRules();
    });
    ctx.onInvalidated(removeListener);
    apply(await loadSettings());
    measure('news-context-start-main', started);
    watchSettings(apply, ctx.signal);
    if (isTop) answerPopup(session, ctx.signal);
  },
});
