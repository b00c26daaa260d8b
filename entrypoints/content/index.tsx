import './highlights.css';
import type { Entity, EntityKind, Source } from '../../src/core/dataset-schema.ts';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { findMatches, loadMatcher } from '../../src/core/matcher/find-matches.ts';
import { isSiteEnabled, type Settings } from '../../src/core/settings-schema.ts';
import compiledEntities from '../../src/data/compiled/entities.json';
import compiledMatcher from '../../src/data/compiled/matcher.json';
import { translate } from '../../src/ext/i18n.ts';
import { contentToBackground } from '../../src/ext/messages/content-to-background.ts';
import { loadSettings, watchSettings } from '../../src/ext/settings-storage.ts';
import { CardController } from './card-controller.tsx';
import { HighlightSession } from './highlight-session.ts';
import { answerPopup } from './page-messages.ts';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Same-origin iframes (comment widgets, embedded live blogs) get their own highlights and card.
  allFrames: true,
  async main(ctx) {
    const entities = new Map((compiledEntities.entities as Entity[]).map((e) => [e.id, e]));
    const sources = new Map((compiledEntities.sources as Source[]).map((s) => [s.id, s]));
    const names = new Map([...entities.values()].map((e) => [e.id, e.name]));
    const matcher = loadMatcher(compiledMatcher as MatcherTables);
    const isTop = window === window.top;

    const card = new CardController(ctx, {
      data: { entities, sources, names },
      translate,
      onOpenFull: (id) => void contentToBackground.sendMessage('openEntity', { id }).catch(() => {}),
      onCloseRequest: () => session.closeCard(),
    });
    const session = new HighlightSession(ctx, {
      card,
      match: (text) => findMatches(text, matcher),
      kindOf: (id): EntityKind | undefined => entities.get(id)?.kind,
      debug: document.documentElement.hasAttribute('data-news-context-debug'),
      onCount: (count) => {
        if (isTop) void contentToBackground.sendMessage('pageEntityCount', { count }).catch(() => {});
      },
    });

    const apply = (settings: Settings) => session.apply(settings, isSiteEnabled(settings, location.hostname));
    apply(await loadSettings());
    watchSettings(apply, ctx.signal);
    if (isTop) answerPopup(session, ctx.signal);
  },
});
