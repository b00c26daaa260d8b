import './highlights.css';
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import { render } from 'preact';
import type { Entity, Source } from '../../src/core/dataset-schema.ts';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { findMatches, loadMatcher } from '../../src/core/matcher/find-matches.ts';
import compiledEntities from '../../src/data/compiled/entities.json';
import compiledMatcher from '../../src/data/compiled/matcher.json';
import { collectTextNodes } from '../../src/page/collect-text-nodes.ts';
import { HighlightRegistry, type Mention } from '../../src/page/highlight-registry.ts';
import { mentionAtPoint } from '../../src/page/hit-test.ts';
import { EntityCard } from '../../src/ui/EntityCard.tsx';
import cardCss from '../../src/ui/card.css?inline';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const entities = new Map((compiledEntities.entities as Entity[]).map((e) => [e.id, e]));
    const sources = new Map((compiledEntities.sources as Source[]).map((s) => [s.id, s]));
    const names = new Map([...entities.values()].map((e) => [e.id, e.name]));
    const matcher = loadMatcher(compiledMatcher as MatcherTables);

    const registry = new HighlightRegistry();
    const mentions: Mention[] = [];
    for (const node of collectTextNodes(document.body)) {
      for (const match of findMatches(node.data, matcher)) {
        const entity = entities.get(match.id);
        if (!entity) continue;
        const range = document.createRange();
        range.setStart(node, match.start);
        range.setEnd(node, match.end);
        mentions.push({ id: match.id, kind: entity.kind, range });
      }
    }
    registry.add(mentions);
    ctx.onInvalidated(() => registry.clear());

    const ui = await createShadowRootUi(ctx, {
      name: 'news-context-card',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: cardCss,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    let open: Mention | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const close = () => {
      open = undefined;
      if (ui.mounted) render(null, ui.mounted);
    };
    const show = async (mention: Mention) => {
      const entity = entities.get(mention.id);
      if (!entity) return;
      if (!ui.mounted) ui.mount();
      const container = ui.mounted as HTMLElement;
      open = mention;
      const dark = false;
      render(
        <div class={`nc-popover${dark ? ' nc-theme-dark' : ''}`}>
          <EntityCard entity={entity} sources={sources} names={names} detail="hover" onClose={close} />
        </div>,
        container,
      );
      const floating = container.firstElementChild as HTMLElement;
      const { x, y } = await computePosition({ getBoundingClientRect: () => mention.range.getBoundingClientRect() }, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(6), flip(), shift({ padding: 8 })],
      });
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
    };

    let frame = 0;
    ctx.addEventListener(document, 'pointermove', (event: PointerEvent) => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (ui.shadowHost.contains(event.target as Node)) {
          clearTimeout(timer);
          return;
        }
        const hit = mentionAtPoint(document, registry.mentions, event.clientX, event.clientY);
        if (hit === open) return;
        clearTimeout(timer);
        timer = setTimeout(() => (hit ? show(hit) : close()), hit ? 400 : 300);
      });
    });
    ctx.addEventListener(document, 'keydown', (event: KeyboardEvent) => {
      if (event.key === 'Escape' && open) close();
    });
  },
});
