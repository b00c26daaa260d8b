/**
 * Helpers for the popup, options and background suite, over the drivers' shared interface so the same tests run
 * in Chromium and Firefox: the extension's own pages opened in tabs, their elements read and used as a reader
 * would (real mouse clicks and key presses), and the background asked what it knows (tab ids, badge text).
 */
import type { Driver, DriverPage } from '../../scripts/browsers.ts';
import { waitFor } from './harness.ts';

/** The slice of the background's storage API the helpers read (`chrome` in Chromium, `browser` in Firefox). */
interface SessionStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: object): Promise<void>;
}

/** Waits until `selector` matches an element in the page. */
export async function waitForSelector(page: DriverPage, selector: string): Promise<void> {
  await waitFor(() => page.evaluate((s) => document.querySelector(s) !== null, selector), `"${selector}" to appear`);
}

/** The text of the first element matching `selector`, or null when there is none. */
export function textOf(page: DriverPage, selector: string): Promise<string | null> {
  return page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
}

/** The texts of every element matching `selector`. */
export function textsOf(page: DriverPage, selector: string): Promise<string[]> {
  return page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);
}

/** How many elements match `selector`. */
export function countOf(page: DriverPage, selector: string): Promise<number> {
  return page.evaluate((s) => document.querySelectorAll(s).length, selector);
}

/** Whether the checkbox or radio button matching `selector` is checked. */
export function isChecked(page: DriverPage, selector: string): Promise<boolean> {
  return page.evaluate((s) => (document.querySelector(s) as HTMLInputElement | null)?.checked ?? false, selector);
}

/** The class name of the focused element. */
export function focusedClass(page: DriverPage): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.className);
}

/**
 * Clicks the first element matching `selector` (or, with `text`, the first of them whose text is `text`) with the
 * mouse, at its centre, after scrolling it into view: the way a reader clicks, so whatever covers it gets the click.
 */
export async function clickOn(page: DriverPage, selector: string, text?: string): Promise<void> {
  const point = await waitFor(
    () =>
      page.evaluate(
        ([s, t]) => {
          const element = [...document.querySelectorAll(s)].find((e) => t === null || e.textContent?.trim() === t);
          if (!element) return null;
          element.scrollIntoView({ block: 'center', inline: 'center' });
          const r = element.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        },
        [selector, text ?? null] as const,
      ),
    `"${selector}"${text ? ` with the text "${text}"` : ''} to click`,
  );
  await page.click(point.x, point.y);
}

/** Replaces the value of the text field `selector` by typing `text` into it, key by key. */
export async function fill(page: DriverPage, selector: string, text: string): Promise<void> {
  await page.evaluate((s) => {
    const input = document.querySelector(s) as HTMLInputElement;
    input.focus();
    input.select();
  }, selector);
  await page.press('Backspace');
  await page.type(text);
}

/** The extension's storage.session in the background: `chrome` in Chromium's worker, `browser` in Firefox. */
function sessionStorage<T>(driver: Driver, read: string): Promise<T> {
  return driver.evaluateInBackground(async (key, background) => {
    const api = background.browser ?? background.chrome;
    return ((await (api.storage.session as SessionStorageArea).get(key)) as Record<string, unknown>)[key] as T;
  }, read);
}

/**
 * The extension's tab id of a page, from the URLs content scripts report to the background (without the
 * "tabs" permission the extension cannot read other tabs' URLs itself). Waits for the report.
 */
export async function tabIdOf(driver: Driver, page: DriverPage): Promise<number> {
  const url = await page.url();
  return waitFor(async () => {
    const tabUrls = (await sessionStorage<Record<string, string> | undefined>(driver, 'tabUrls')) ?? {};
    return Number(Object.entries(tabUrls).find(([, reported]) => reported === url)?.[0] ?? 0);
  }, `the tab id of ${url}`);
}

/** The toolbar button's badge text for a tab (Chromium's `action`, Firefox's MV2 `browserAction`). */
export function badgeText(driver: Driver, tabId: number): Promise<string> {
  return driver.evaluateInBackground((id, background) => {
    const api = background.browser ?? background.chrome;
    return (api.action ?? api.browserAction).getBadgeText({ tabId: id });
  }, tabId);
}

/** Opens the popup page in a tab of its own, about the tab `tabId` (the test-only `?tab=` parameter). */
export async function openPopup(
  driver: Driver,
  {
    tabId,
    hash = '',
    size = { width: 400, height: 600 },
  }: { tabId?: number; hash?: string; size?: { width: number; height: number } } = {},
): Promise<DriverPage> {
  const popup = await driver.newPage();
  await popup.setViewport(size.width, size.height);
  await popup.goto(`${driver.extensionBaseUrl}/popup.html${tabId ? `?tab=${tabId}` : ''}${hash}`);
  await waitForSelector(popup, '.nc-popup');
  return popup;
}

/** The rendered list rows of the popup: entity id and visible text. */
export function popupRows(popup: DriverPage): Promise<{ id: string; text: string }[]> {
  return popup.evaluate(() =>
    [...document.querySelectorAll('[role="option"]')].map((row) => ({
      id: row.getAttribute('data-entity') ?? '',
      text: row.textContent ?? '',
    })),
  );
}

/**
 * The popup page a background request opened. Where the browser lets `action.openPopup()` open the toolbar
 * popup (headless Chromium does), the driver cannot reach that popup's page: so check that a popup context is
 * open and that it took the request waiting in session storage, then replay the request into a popup page the
 * test can read (opened the way the toolbar opens it, no parameters, picking the request up the same way).
 * Where `openPopup()` fails, the request opened the popup page in a tab instead: that tab is returned.
 */
export async function popupOpenedBy(driver: Driver, how: 'popup' | 'tab', request: object): Promise<DriverPage> {
  if (how === 'tab') {
    return waitFor(async () => {
      for (const page of await driver.pages()) {
        if ((await page.url()).startsWith(`${driver.extensionBaseUrl}/popup.html#`)) return page;
      }
      return undefined;
    }, 'the popup tab');
  }
  await waitFor(
    () =>
      driver.evaluateInBackground(async (_, background) => {
        const api = background.browser ?? background.chrome;
        const popups: { documentUrl?: string }[] = await api.runtime.getContexts({ contextTypes: ['POPUP'] });
        const { pendingPopup } = await (api.storage.session as SessionStorageArea).get('pendingPopup');
        return popups.some((context) => context.documentUrl?.includes('/popup.html')) && !pendingPopup;
      }),
    'the toolbar popup to open and take the request',
  );
  await driver.evaluateInBackground(async (pending, background) => {
    const api = background.browser ?? background.chrome;
    await (api.storage.session as SessionStorageArea).set({ pendingPopup: pending });
  }, request);
  return openPopup(driver);
}
