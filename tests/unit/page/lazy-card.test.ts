// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CardAnchor } from '../../../src/page/highlight-session.ts';
import { type CardUiOptions, LazyCard, type LoadedCard, offerCardUi } from '../../../src/page/lazy-card.ts';

/** A card UI the test runs as the background would run the UI script: it records what it was asked. */
function cardUi() {
  const log: string[] = [];
  let made = 0;
  let options: CardUiOptions<string> | undefined;
  const factory = (given: CardUiOptions<string>): LoadedCard => {
    made++;
    options = given;
    let open: string | undefined;
    return {
      get isOpen() {
        return open !== undefined;
      },
      contains: () => false,
      prefetch: (id) => log.push(`prefetch ${id}`),
      open: async (anchor) => {
        open = `${anchor.id}: ${await given.load(anchor.id)}`;
        log.push(`open ${open}`);
      },
      close: () => {
        open = undefined;
        log.push('close');
      },
      remove: () => log.push('remove'),
    };
  };
  return { log, factory, made: () => made, options: () => options };
}

const anchor = (id: string): CardAnchor => ({ id, range: document.createRange() });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__newsContextCardUi;
});

describe('LazyCard', () => {
  it('runs the card UI only when a card is first wanted, once, and fetches the data meanwhile', async () => {
    const ui = cardUi();
    const injected: string[] = [];
    const loads: string[] = [];
    const card = new LazyCard<string>({
      hostTag: 'x-host',
      injectUi: async () => {
        injected.push('ui');
        offerCardUi(ui.factory);
      },
      load: async (id) => {
        loads.push(id);
        return `data of ${id}`;
      },
      onOpenFull: () => {},
      onCloseRequest: () => {},
    });
    expect(injected).toEqual([]);
    expect(card.isOpen).toBe(false);
    card.prefetch('person/a');
    await card.open(anchor('person/a'));
    await card.open(anchor('person/b'));
    expect(injected).toEqual(['ui']);
    expect(ui.made()).toBe(1);
    expect(ui.options()?.hostTag).toBe('x-host');
    // The data of a prefetched entity is fetched once, by whoever asks first.
    expect(loads).toEqual(['person/a', 'person/b']);
    expect(ui.log).toEqual(['prefetch person/a', 'open person/a: data of person/a', 'open person/b: data of person/b']);
    expect(card.isOpen).toBe(true);
  });

  it('does not open a card closed, or replaced by another, while its UI was loading', async () => {
    const ui = cardUi();
    let finish: () => void = () => {};
    const card = new LazyCard<string>({
      hostTag: 'x-host',
      injectUi: () =>
        new Promise<void>((resolve) => {
          finish = () => {
            offerCardUi(ui.factory);
            resolve();
          };
        }),
      load: async (id) => id,
      onOpenFull: () => {},
      onCloseRequest: () => {},
    });
    const first = card.open(anchor('person/a'));
    card.close();
    const second = card.open(anchor('person/b'));
    const third = card.open(anchor('person/c'));
    finish();
    await Promise.all([first, second, third]);
    expect(ui.log.filter((entry) => entry.startsWith('open'))).toEqual(['open person/c: person/c']);
  });

  it('stays closed when the UI cannot run, and tries again on the next hover', async () => {
    const ui = cardUi();
    let attempts = 0;
    const card = new LazyCard<string>({
      hostTag: 'x-host',
      injectUi: async () => {
        attempts++;
        if (attempts === 1) throw new Error('the frame cannot be scripted');
        offerCardUi(ui.factory);
      },
      load: async (id) => id,
      onOpenFull: () => {},
      onCloseRequest: () => {},
    });
    await card.open(anchor('person/a'));
    expect(card.isOpen).toBe(false);
    await tick();
    await card.open(anchor('person/a'));
    expect(attempts).toBe(2);
    expect(card.isOpen).toBe(true);
  });
});
