import { describe, expect, it } from 'vitest';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';
import { whenParsed } from '../../../src/page/page-parsed.ts';
import { settled } from '../settled.ts';

/** A document whose parsing the test moves on, and a window whose idle moments it runs by hand. */
function parsingPage(readyState: DocumentReadyState) {
  const doc = { readyState } as { readyState: DocumentReadyState };
  const idle: { callback: () => void; timeout: number | undefined }[] = [];
  const win = {
    requestIdleCallback(callback: () => void, options?: { timeout?: number }) {
      idle.push({ callback, timeout: options?.timeout });
      return idle.length;
    },
  };
  const runIdle = () => {
    for (const { callback } of idle.splice(0)) callback();
  };
  return { doc: doc as unknown as Document, win: win as unknown as Window, idle, runIdle, state: doc };
}

describe('whenParsed', () => {
  it('goes on at once on a page already parsed (the manifest ran it at document_idle)', async () => {
    for (const readyState of ['interactive', 'complete'] as const) {
      const { doc, win, idle } = parsingPage(readyState);
      expect(await settled(whenParsed(doc, win))).toBe(true);
      expect(idle).toEqual([]);
    }
  });

  it('waits while the page is parsed, and goes on at the first idle moment after, never sooner', async () => {
    const { doc, win, idle, runIdle, state } = parsingPage('loading');
    const parsed = whenParsed(doc, win);
    expect(await settled(parsed)).toBe(false);
    // Idle moments while the parser waits for the network: still loading, it asks for the next one.
    runIdle();
    runIdle();
    expect(await settled(parsed)).toBe(false);
    expect(idle).toHaveLength(1);
    expect(idle[0]?.timeout).toBe(PAGE_DEFAULTS.parsedIdleTimeoutMs);
    state.readyState = 'interactive';
    expect(await settled(parsed)).toBe(false);
    runIdle();
    expect(await settled(parsed)).toBe(true);
  });
});
