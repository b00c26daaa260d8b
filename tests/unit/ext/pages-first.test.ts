import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPagesFirst } from '../../../src/ext/pages-first.ts';
import { settled } from '../settled.ts';

describe('pages first: the background waits for the pages it told', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes on once every page that scans again has had its text matched, in any order', async () => {
    const pages = createPagesFirst();
    const waited = pages.wait([3, 7], 1_000);
    pages.matched(7);
    expect(await settled(waited)).toBe(false);
    // Another tab, or the same one again, changes nothing.
    pages.matched(9);
    pages.matched(7);
    expect(await settled(waited)).toBe(false);
    pages.matched(3);
    // In a later task, after the answer to the page has gone out.
    expect(await settled(waited)).toBe(false);
    vi.advanceTimersByTime(0);
    expect(await settled(waited)).toBe(true);
  });

  it('waits no longer than its limit for a page that never asks', async () => {
    const pages = createPagesFirst();
    const waited = pages.wait([3], 1_000);
    vi.advanceTimersByTime(999);
    expect(await settled(waited)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(waited)).toBe(true);
  });

  it('does not wait when no page scans again, and counts only what is matched after it starts waiting', async () => {
    const pages = createPagesFirst();
    expect(await settled(pages.wait([], 1_000))).toBe(true);
    pages.matched(4);
    const waited = pages.wait([4], 1_000);
    expect(await settled(waited)).toBe(false);
    pages.matched(4);
    vi.advanceTimersByTime(0);
    expect(await settled(waited)).toBe(true);
  });

  it('lets two waits go on each by their own pages', async () => {
    const pages = createPagesFirst();
    const first = pages.wait([1, 2], 1_000);
    const second = pages.wait([2], 1_000);
    pages.matched(2);
    vi.advanceTimersByTime(0);
    expect(await settled(second)).toBe(true);
    expect(await settled(first)).toBe(false);
    pages.matched(1);
    vi.advanceTimersByTime(0);
    expect(await settled(first)).toBe(true);
  });
});
