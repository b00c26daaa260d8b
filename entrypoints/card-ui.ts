import { type CardDataMessage, cardDataReader } from '../src/core/card-data.ts';
import { translate } from '../src/ext/i18n.ts';
import { CardHost } from '../src/page/card-host.ts';
import { offerCardUi } from '../src/page/lazy-card.ts';
import { pageLookAt } from '../src/page/page-theme.ts';
import cardCss from '../src/ui/card.css?inline';
import { HoverCard } from '../src/ui/hover-card.tsx';

// The hover card's UI, run by the background in a page's frame the first time a card may be wanted there
// (see src/page/lazy-card.ts): it hands the content script a factory and does nothing else.
export default defineUnlistedScript(() => {
  offerCardUi<CardDataMessage>(({ hostTag, load, onOpenFull, onCloseRequest }) => {
    const host = new CardHost(document, { tag: hostTag, css: cardCss });
    const read = cardDataReader();
    const card = new HoverCard({
      host,
      load: async (id) => {
        const message = await load(id);
        return message ? read(message) : undefined;
      },
      translate,
      pageLook: pageLookAt,
      onOpenFull,
      onCloseRequest,
    });
    return {
      get isOpen() {
        return card.isOpen;
      },
      contains: (target) => card.contains(target),
      prefetch: (id) => card.prefetch(id),
      open: (anchor, options) => card.open(anchor, options),
      close: () => card.close(),
      remove: () => {
        card.close();
        host.remove();
      },
    };
  });
});
