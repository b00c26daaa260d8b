import type { CardDataMessage } from '../../src/core/card-data.ts';
import { decodeCandidates, encodeTexts } from '../../src/core/matcher/match-wire.ts';
import { answerPopup } from '../../src/ext/answer-popup.ts';
import { importCardUiScript } from '../../src/ext/card-ui-script.ts';
import { contentToBackground } from '../../src/ext/messages/content-to-background.ts';
import { HIGHLIGHTS_INHERIT, PAGE_FRAMES } from '../../src/ext/page-frames.ts';
import { followBackground } from '../../src/ext/page-link.ts';
import { HighlightSession } from '../../src/page/highlight-session.ts';
import { LazyCard } from '../../src/page/lazy-card.ts';
import { whenParsed } from '../../src/page/page-parsed.ts';
import { takePageStyle } from '../../src/page/page-style.ts';
import { measure } from '../../src/page/perf-marks.ts';
import { type StartWalk, startWalk } from '../../src/page/start-texts.ts';

export default defineContentScript({
  ...PAGE_FRAMES,
  runAt: 'document_idle',
  // The page carries only what it needs to walk its text and draw: the background matches the text and holds
  // the dataset, and the card's UI is another script, run in the page the first time a card may be wanted.
  async main(ctx) {
    // Chromium: imported before the page is parsed (modules/content-script-as-module.ts); Firefox: run at idle.
    await whenParsed(document);
    const started = performance.now();
    const isTop = window === window.top;
    // The page's names and the marks' sheet, adopted before the page was parsed (entrypoints/marks-style.content.ts).
    const { names, sheet } = takePageStyle(document);
    const card = new LazyCard<CardDataMessage>({
      hostTag: names.hostTag,
      // Chromium imports it as a module, compiled off the main thread; Firefox's background runs it in the frame.
      injectUi: import.meta.env.FIREFOX
        ? async () => {
            if (!(await contentToBackground.sendMessage('showCardUi', undefined))) throw new Error('no card UI here');
          }
        : importCardUiScript,
      load: (id) => contentToBackground.sendMessage('cardData', { id }),
      onOpenFull: (id) => void contentToBackground.sendMessage('openEntity', { id }).catch(() => {}),
      onCloseRequest: () => session.closeCard(),
    });
    ctx.onInvalidated(() => card.remove());
    const session = new HighlightSession(ctx.signal, {
      card,
      names,
      sheet,
      find: async (texts) =>
        decodeCandidates(await contentToBackground.sendMessage('matchTexts', encodeTexts(texts)), texts.length),
      onCount: (count) => {
        if (isTop) void contentToBackground.sendMessage('pageEntityCount', { count }).catch(() => {});
      },
      highlightsInherit: HIGHLIGHTS_INHERIT,
    });
    ctx.addEventListener(window, 'wxt:locationchange', () => session.navigated());

    await followBackground<StartWalk>(session, location.hostname, ctx.signal, startWalk(document, names.isOurs));
    measure('news-context-start-main', started);
    if (isTop) answerPopup(session, ctx.signal);
  },
});
