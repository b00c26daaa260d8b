/**
 * Installs a pack into a measured profile the way a reader does: the options page's import picker is handed
 * the file, and the bench waits until the options page lists the pack and the background has stored the tables
 * compiled for it (the stored meta names the pack), timed from the file handed to the picker. Relies only on the options page and the stored pack index
 * and compiled meta, never on the content script's internals.
 */
import type { BrowserContext } from 'playwright-core';
import { choosePackFile, waitFor } from '../../scripts/page-probes.ts';

/** How long the background may take to compile a large pack on a busy machine. */
const COMPILE_TIMEOUT_MS = 180_000;

/** What the install cost, as the reader sees it: until the list shows the pack, then until its marks are stored. */
export interface PackInstall {
  id: string;
  listedMs: number;
  compiledMs: number;
}

/** Imports `text` (a pack file) through the options page of the extension at `extensionBaseUrl` in `context`. */
export async function installPackThroughOptions(
  context: BrowserContext,
  extensionBaseUrl: string,
  fileName: string,
  text: string,
): Promise<PackInstall> {
  const id = (JSON.parse(text) as { manifest: { id: string } }).manifest.id;
  const page = await context.newPage();
  try {
    await page.goto(`${extensionBaseUrl}/options.html`);
    await page.waitForSelector('.nc-datasets [data-pack]');
    // The file goes into the page before the clock starts: the driver's transfer of megabytes is not the
    // reader's cost. Then the same probe picks it, run on the text the page holds.
    await page.evaluate((held) => {
      (window as unknown as { __ncPackText: string }).__ncPackText = held;
    }, text);
    const start = Date.now();
    await page.evaluate(`(${choosePackFile})([${JSON.stringify(fileName)}, window.__ncPackText])`);
    await page.waitForSelector(`.nc-datasets [data-pack="${id}"]`, { timeout: COMPILE_TIMEOUT_MS });
    const listedMs = Date.now() - start;
    // Polled from here: a predicate that returns a promise would count as met at once (Playwright waits only on
    // a truthy value, and a promise is one).
    await waitFor(
      () =>
        page.evaluate(async (packId) => {
          type Local = { get(key: string): Promise<{ compiledMeta?: { setKey?: string } }> };
          const api = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome;
          const { compiledMeta } = await api.storage.local.get('compiledMeta');
          return compiledMeta?.setKey?.split(',').some((key) => key.startsWith(`${packId}@`)) ?? false;
        }, id),
      'the pack’s tables to be stored',
      COMPILE_TIMEOUT_MS,
    );
    return { id, listedMs, compiledMs: Date.now() - start };
  } finally {
    await page.close();
  }
}
