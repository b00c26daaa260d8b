/**
 * Pages first: once the background has told open pages of new compiled output, what it does next on its one
 * thread (making and writing the stored texts, seconds of work with a large pack) waits until each page that
 * scans again has had its first batch of text matched with the new output, so that the reader's page is marked
 * before that work and not behind it. A page that does not ask within `maxMs` is waited for no longer.
 */

/**
 * The longest the background waits for a page told of new output to ask: its requests come within tens of
 * milliseconds, or a few hundred where the background's thread is busy (Firefox's background page shares it with
 * the options page and the popup); a page that does not ask (closed, or no longer scanning) holds nothing up for
 * longer than this.
 */
export const PAGES_FIRST_MAX_MS = 1_000;

export interface PagesFirst {
  /** The background is answering a page's text of tab `tabId`. */
  matched(tabId: number): void;
  /** Resolves once each tab of `tabIds` has been `matched` since this call, or after `maxMs`. */
  wait(tabIds: Iterable<number>, maxMs: number): Promise<void>;
}

export function createPagesFirst(): PagesFirst {
  const waiting = new Set<{ tabs: Set<number>; done: () => void }>();
  return {
    matched(tabId) {
      for (const waiter of waiting) {
        waiter.tabs.delete(tabId);
        // In a later task: the answer to the page goes out with this one, before the work that waited starts
        // (in Firefox it stayed behind that work, a second and more, when the wait ended here).
        if (waiter.tabs.size === 0) setTimeout(waiter.done, 0);
      }
    },
    wait(tabIds, maxMs) {
      const tabs = new Set(tabIds);
      if (tabs.size === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const waiter = {
          tabs,
          done: () => {
            clearTimeout(timer);
            waiting.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(waiter.done, maxMs);
        waiting.add(waiter);
      });
    },
  };
}
