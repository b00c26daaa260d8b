/**
 * Chromium with the built extension for the popup, options and background suites: launched as
 * scripts/browsers.ts does, but with a user-data-dir the caller may keep across a restart, and direct access to the
 * playwright context and the extension's service worker (commands and menus are invoked through it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchChromiumContext } from '../../scripts/browsers.ts';
import { ROOT, waitFor } from './harness.ts';

/** The slice of the service worker's `chrome` global that tests evaluate there (not a global in Node). */
export interface ServiceWorkerChrome {
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { getContexts(filter: { contextTypes: string[] }): Promise<{ documentUrl?: string }[]> };
}
declare global {
  var chrome: ServiceWorkerChrome;
}

export const CHROME_EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

export interface ExtensionChromium {
  context: BrowserContext;
  /** `chrome-extension://<id>` */
  base: string;
  worker: Worker;
  userDataDir: string;
  /** Closes the browser; the profile stays unless `removeProfile`. */
  close(options?: { removeProfile?: boolean }): Promise<void>;
}

/** A fresh profile directory for `launchExtensionChromium`. */
export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'news-context-popup-'));
}

/** Launches Chromium with the extension on `userDataDir` (a fresh one by default). */
export async function launchExtensionChromium(
  userDataDir = newProfileDir(),
  { colorScheme = 'light' as 'light' | 'dark' } = {},
): Promise<ExtensionChromium> {
  const {
    context,
    worker,
    extensionBaseUrl: base,
  } = await launchChromiumContext(CHROME_EXTENSION_DIR, userDataDir, {
    colorScheme,
  });
  return {
    context,
    base,
    worker,
    userDataDir,
    async close({ removeProfile = false } = {}) {
      await context.close();
      if (removeProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The extension's tab id of a page, from the URLs content scripts report to the background (without the
 * "tabs" permission the extension cannot read other tabs' URLs itself). Waits for the report.
 */
export async function tabIdOf(browser: ExtensionChromium, page: Page): Promise<number> {
  const url = page.url();
  return waitFor(
    () =>
      browser.worker.evaluate(async (wanted) => {
        const { tabUrls = {} } = (await chrome.storage.session.get('tabUrls')) as { tabUrls?: Record<string, string> };
        return Number(Object.entries(tabUrls).find(([, reported]) => reported === wanted)?.[0] ?? 0);
      }, url),
    `the tab id of ${url}`,
  );
}

/** Opens the popup page in a tab of its own, about the tab `tabId` (the test-only `?tab=` parameter). */
export async function openPopup(
  browser: ExtensionChromium,
  {
    tabId,
    hash = '',
    size = { width: 400, height: 600 },
  }: { tabId?: number; hash?: string; size?: { width: number; height: number } } = {},
): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize(size);
  await popup.goto(`${browser.base}/popup.html${tabId ? `?tab=${tabId}` : ''}${hash}`);
  await popup.waitForSelector('.nc-popup');
  return popup;
}

/** The rendered list rows of the popup: entity id and visible text. */
export function popupRows(popup: Page): Promise<{ id: string; text: string }[]> {
  return popup.$$eval('[role="option"]', (rows) =>
    rows.map((row) => ({ id: row.getAttribute('data-entity') ?? '', text: row.textContent ?? '' })),
  );
}

/**
 * The popup page a background request opened. `action.openPopup()` works in headless Chromium, but the
 * driver cannot reach the toolbar popup's page: so check that a popup context is open and that it took the
 * request waiting in session storage, then replay the request into a popup page the test can read (the
 * popup opened the way the toolbar opens it, no parameters, picking the request up the same way).
 * Where `openPopup()` fails, the request opened the popup page in a tab instead.
 */
export async function popupOpenedBy(browser: ExtensionChromium, how: 'popup' | 'tab', request: object): Promise<Page> {
  if (how === 'tab') {
    return waitFor(
      async () => browser.context.pages().find((page) => page.url().startsWith(`${browser.base}/popup.html#`)),
      'the popup tab',
    );
  }
  await waitFor(
    () =>
      browser.worker.evaluate(async () => {
        const popups = await chrome.runtime.getContexts({ contextTypes: ['POPUP'] });
        const { pendingPopup } = await chrome.storage.session.get('pendingPopup');
        return popups.some((context) => context.documentUrl?.includes('/popup.html')) && !pendingPopup;
      }),
    'the toolbar popup to open and take the request',
  );
  await browser.worker.evaluate((pending) => chrome.storage.session.set({ pendingPopup: pending }), request);
  return openPopup(browser);
}
