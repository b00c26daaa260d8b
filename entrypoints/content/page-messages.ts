import { popupToContent } from '../../src/ext/messages/popup-to-content.ts';
import type { HighlightSession } from './highlight-session.ts';

/** Answers the popup's questions about this page until `signal` aborts. */
export function answerPopup(session: HighlightSession, signal: AbortSignal): void {
  const removers = [
    popupToContent.onMessage('getPageEntities', () => ({ enabled: session.enabled, entities: session.entityCounts() })),
    popupToContent.onMessage('revealEntity', ({ data }) => session.reveal(data.id)),
  ];
  signal.addEventListener(
    'abort',
    () => {
      for (const remove of removers) remove();
    },
    { once: true },
  );
}
