/**
 * Finds and launches the browsers that load the built extension: Chromium through playwright-core and
 * Firefox through its Marionette protocol (scripts/firefox-driver.ts). Both are wrapped in one small driver
 * interface, so `npm start`, the benchmarks and the end-to-end tests drive either browser with the same code.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefox } from './firefox-driver.ts';

export type BrowserName = 'chromium' | 'firefox';

/** The slice of a page both drivers offer. */
export interface DriverPage {
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  reload(): Promise<void>;
  /** Runs `fn` in the page (its own globals visible) and returns its JSON-serialisable result. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  mouseMove(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** A finger's tap at a point (touch pointer events, then the click a tap makes). */
  tap(x: number, y: number): Promise<void>;
  /** A key or a combination (`Escape`, `ArrowDown`, `Shift+Tab`), with the names of KeyboardEvent.key. */
  press(key: string): Promise<void>;
  /** Types text into whatever has focus, one key at a time. */
  type(text: string): Promise<void>;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** What `prefers-color-scheme` reports to this page from now on. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Makes this page's tab the active one (the tab keyboard commands and the toolbar act on). */
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs in the extension's background (Chromium's service worker, Firefox's background page) with `background`
 * its global object; not a closure: it is sent to the browser as source text.
 */
// biome-ignore lint/suspicious/noExplicitAny: the background's globals differ by browser (chrome.action, browser.browserAction).
export type BackgroundFunction<T, A> = (arg: A, background: any) => T | Promise<T>;

export interface Driver {
  name: BrowserName;
  /** The base URL of the extension's pages (`chrome-extension://<id>`, `moz-extension://<uuid>`). */
  extensionBaseUrl: string;
  newPage(options?: { colorScheme?: 'light' | 'dark' }): Promise<DriverPage>;
  /** The open tabs, those the extension opened included. */
  pages(): Promise<DriverPage[]>;
  evaluateInBackground<T, A = undefined>(fn: BackgroundFunction<T, A>, arg?: A): Promise<T>;
  /** Quits and starts again on the same profile (settings and storage kept); pages opened before are gone. */
  restart(): Promise<void>;
  /** Quits and removes the profile. */
  close(): Promise<void>;
}

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
];
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'];

/** Chromium from CHROME_PATH, then the usual places. Branded Chrome 137+ ignores --load-extension. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

/** Firefox from FIREFOX_PATH, then the usual places. */
export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return FIREFOX_CANDIDATES.find((path) => existsSync(path));
}

export const INSTALL_HINT: Readonly<Record<BrowserName, string>> = Object.freeze({
  chromium: 'No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH.',
  firefox: 'No Firefox found: install it (Debian: sudo apt-get install firefox-esr) or set FIREFOX_PATH.',
});

/**
 * Chromium's flags for loading an unpacked extension headless on a closed network: without the
 * background-networking flags it keeps trying to reach Google's hosts.
 */
function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}

/** The extension's base URL (`chrome-extension://<id>`) from its service worker's script URL. */
function extensionOrigin(workerUrl: string): string {
  return workerUrl.split('/').slice(0, 3).join('/');
}

function wrapPlaywrightPage(page: import('playwright-core').Page): DriverPage {
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    url: async () => page.url(),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    async tap(x, y) {
      // A touch screen for this page (the context was not made with one), then a real touch sequence.
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        const point = [{ x: Math.round(x), y: Math.round(y) }];
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      } finally {
        await cdp.detach();
      }
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    screenshot: async (path, { fullPage = false } = {}) => void (await page.screenshot({ path, fullPage })),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    setColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

/** Chromium with the extension loaded: the playwright context, the extension's service worker and base URL. */
export interface ChromiumWithExtension {
  context: import('playwright-core').BrowserContext;
  worker: import('playwright-core').Worker;
  /** `chrome-extension://<id>` */
  extensionBaseUrl: string;
}

/**
 * Starts Chromium on `userDataDir` with the unpacked extension in `extensionDir` loaded, and waits for the
 * extension's service worker. The one place that knows how to launch it; drivers, suites and benches share it.
 */
export async function launchChromiumContext(
  extensionDir: string,
  userDataDir: string,
  {
    headless = true,
    colorScheme = 'light' as 'light' | 'dark',
    reducedMotion = false,
  }: { headless?: boolean; colorScheme?: 'light' | 'dark'; reducedMotion?: boolean } = {},
): Promise<ChromiumWithExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT.chromium);
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    colorScheme,
    viewport: { width: 1280, height: 900 },
    reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
    args: chromiumArgs(extensionDir),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return { context, worker, extensionBaseUrl: extensionOrigin(worker.url()) };
}

/**
 * Launches Chromium with the unpacked extension in `extensionDir` loaded, on a fresh profile that `restart()`
 * keeps and `close()` removes.
 */
export async function launchChromium(
  extensionDir: string,
  { headless = true, colorScheme: launchScheme = 'light', reducedMotion = false }: LaunchOptions = {},
): Promise<Driver> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'news-context-chromium-'));
  const startChromium = () =>
    launchChromiumContext(extensionDir, userDataDir, { headless, colorScheme: launchScheme, reducedMotion });
  let running = await startChromium();
  const wrapped = new WeakMap<import('playwright-core').Page, DriverPage>();
  const wrap = (page: import('playwright-core').Page) => {
    const known = wrapped.get(page) ?? wrapPlaywrightPage(page);
    wrapped.set(page, known);
    return known;
  };
  return {
    name: 'chromium',
    extensionBaseUrl: running.extensionBaseUrl,
    async newPage({ colorScheme = launchScheme } = {}) {
      const page = await running.context.newPage();
      await page.emulateMedia({ colorScheme });
      return wrap(page);
    },
    pages: async () => running.context.pages().map(wrap),
    // A string expression: the worker's CSP forbids building a function from text, CDP's evaluation does not.
    evaluateInBackground: (fn, arg) =>
      running.worker.evaluate(`(${fn.toString()})(${JSON.stringify(arg ?? null)}, globalThis)`) as never,
    async restart() {
      await running.context.close();
      running = await startChromium();
    },
    async close() {
      await running.context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** How a browser is launched: with a window or headless, and the reader preferences it reports to pages. */
export interface LaunchOptions {
  headless?: boolean;
  colorScheme?: 'light' | 'dark';
  reducedMotion?: boolean;
}

/** Launches the named browser with the matching build from `.output/`. */
export function launch(name: BrowserName, root: string, options?: LaunchOptions): Promise<Driver> {
  if (name === 'chromium') return launchChromium(join(root, '.output', 'chrome-mv3'), options);
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(INSTALL_HINT.firefox);
  return launchFirefox(executablePath, join(root, '.output', 'firefox-mv2'), options);
}
