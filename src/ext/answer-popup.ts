import type { PageEntity } from './messages/popup-to-content.ts';
import { popupToContent } from './messages/popup-to-content.ts';

/** What the popup asks a page about. */
export interface PageAnswers {
  readonly enabled: boolean;
  entityCounts(): PageEntity[];
  reveal(id: string): boolean;
}

/** Answers the popup's questions about this page until `signal` aborts. */
export function answerPopup(page: PageAnswers, signal: AbortSignal): void {
  const removers = [
    popupToContent.onMessage('getPageEntities', () => ({ enabled: page.enabled, entities: page.entityCounts() })),
    popupToContent.onMessage('revealEntity', ({ data }) => page.reveal(data.id)),
  ];
  signal.addEventListener(
    'abort',
    () => {
      for (const remove of removers) remove();
    },
    { once: true },
  );
}
