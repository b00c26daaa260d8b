import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from '../../../src/page/hover-intent.ts';
import type { Mention } from '../../../src/page/mention-store.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';

const DELAY = 400;
// The intent compares mentions by identity only.
const witkoff = { id: 'steve-witkoff' } as Mention;
const putin = { id: 'vladimir-putin' } as Mention;

function intent() {
  const opened: string[] = [];
  let closed = 0;
  const hover = new HoverIntent({
    openDelayMs: () => DELAY,
    open: (mention) => opened.push(mention.id),
    close: () => closed++,
    signal: new AbortController().signal,
  });
  return { hover, opened, closes: () => closed };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HoverIntent: when a card opens and closes', () => {
  it('opens the delay after the pointer came to the mention, though its position was read a frame later', () => {
    const { hover, opened } = intent();
    const arrived = performance.now();
    vi.advanceTimersByTime(16);
    hover.update(witkoff, false, arrived);
    vi.advanceTimersByTime(DELAY - 16 - 1);
    expect(opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(opened).toEqual(['steve-witkoff']);
  });

  it('counts the whole delay from the read where the pointer’s time is far back (a paused tab) or ahead', () => {
    const { hover, opened } = intent();
    vi.advanceTimersByTime(5_000);
    hover.update(witkoff, false, performance.now() - 2_000);
    vi.advanceTimersByTime(DELAY - 1);
    expect(opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(opened).toEqual(['steve-witkoff']);

    const other = intent();
    other.hover.update(putin, false, performance.now() + 50);
    vi.advanceTimersByTime(DELAY - 1);
    expect(other.opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(other.opened).toEqual(['vladimir-putin']);
  });

  it('opens nothing where the pointer leaves before the delay, and starts again on the next mention', () => {
    const { hover, opened } = intent();
    hover.update(witkoff, false);
    vi.advanceTimersByTime(DELAY / 2);
    hover.update(undefined, false);
    vi.advanceTimersByTime(DELAY);
    expect(opened).toEqual([]);
    hover.update(putin, false);
    // Moving on the same mention does not start the delay again.
    vi.advanceTimersByTime(DELAY / 2);
    hover.update(putin, false);
    vi.advanceTimersByTime(DELAY / 2);
    expect(opened).toEqual(['vladimir-putin']);
  });

  it('keeps an open card while the pointer is on it, and closes it a moment after the pointer leaves both', () => {
    const { hover, opened, closes } = intent();
    hover.update(witkoff, false);
    vi.advanceTimersByTime(DELAY);
    expect(opened).toEqual(['steve-witkoff']);
    hover.update(undefined, true);
    vi.advanceTimersByTime(PAGE_DEFAULTS.closeDelayMs * 2);
    expect(closes()).toBe(0);
    const left = performance.now();
    vi.advanceTimersByTime(16);
    hover.update(undefined, false, left);
    vi.advanceTimersByTime(PAGE_DEFAULTS.closeDelayMs - 16 - 1);
    expect(closes()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(closes()).toBe(1);
    expect(hover.openMention).toBeUndefined();
  });

  it('keeps a pinned card whatever the pointer does, until it is closed', () => {
    const { hover, opened, closes } = intent();
    hover.pin(witkoff);
    expect(opened).toEqual(['steve-witkoff']);
    hover.update(undefined, false);
    hover.update(putin, false);
    vi.advanceTimersByTime(DELAY * 3);
    expect(opened).toEqual(['steve-witkoff']);
    expect(closes()).toBe(0);
    hover.close();
    expect(closes()).toBe(1);
    expect(hover.pinned).toBe(false);
  });
});
