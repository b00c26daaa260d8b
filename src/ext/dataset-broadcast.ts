import { browser } from '#imports';
import { backgroundToContent } from './messages/background-to-content.ts';

/**
 * Tells the pages open in every tab that the enabled packs changed, so they mark by the new ones without a
 * reload. A tab without our content script (a browser page, a site never scanned) just does not answer.
 */
export async function tellPagesDatasetChanged(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : backgroundToContent.sendMessage('datasetChanged', undefined, tab.id).catch(() => undefined),
    ),
  );
}
