/**
 * Finds and launches the browsers that load the built extension: Chromium through playwright-core and
 * Firefox through puppeteer-core (WebDriver BiDi). Both are wrapped in one small driver interface, so
 * `npm start` and the end-to-end tests drive either browser with the same code.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BrowserName = 'chromium' | 'firefox';

/** The slice of a page both drivers offer. */
export interface DriverPage {
  goto(url: string): Promise<void>;
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  mouseMove(x: number, y: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  name: BrowserName;
  /** The base URL of the extension's pages (`chrome-extension://<id>`), when known. */
  extensionBaseUrl?: string;
  newPage(options?: { colorScheme?: 'light' | 'dark' }): Promise<DriverPage>;
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
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    screenshot: async (path) => void (await page.screenshot({ path })),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

function wrapPuppeteerPage(page: import('puppeteer-core').Page): DriverPage {
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    mouseMove: (x, y) => page.mouse.move(x, y),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as never),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    setViewport: (width, height) => page.setViewport({ width, height }),
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

/** Launches Chromium with the unpacked extension in `extensionDir` loaded. */
export async function launchChromium(
  extensionDir: string,
  { headless = true, colorScheme: launchScheme = 'light', reducedMotion = false }: LaunchOptions = {},
): Promise<Driver> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'news-context-chromium-'));
  const { context, extensionBaseUrl } = await launchChromiumContext(extensionDir, userDataDir, {
    headless,
    colorScheme: launchScheme,
    reducedMotion,
  });
  return {
    name: 'chromium',
    extensionBaseUrl,
    async newPage({ colorScheme = launchScheme } = {}) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      return wrapPlaywrightPage(page);
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Launches Firefox and installs the unpacked extension in `extensionDir` as a temporary add-on. */
export async function launchFirefox(
  extensionDir: string,
  { headless = true, colorScheme = 'light' as 'light' | 'dark', reducedMotion = false } = {},
): Promise<Driver> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(INSTALL_HINT.firefox);
  const puppeteer = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      // Keep a closed network quiet: no update, telemetry or safe-browsing requests.
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'extensions.update.enabled': false,
      'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
      'ui.prefersReducedMotion': reducedMotion ? 1 : 0,
    },
  });
  await browser.installExtension(extensionDir);
  return {
    name: 'firefox',
    // No extensionBaseUrl: Firefox's WebDriver BiDi refuses to navigate a tab to moz-extension:// pages.
    // Firefox over WebDriver BiDi cannot emulate media features per page; the colour scheme is set at launch.
    async newPage() {
      return wrapPuppeteerPage(await browser.newPage());
    },
    close: () => browser.close(),
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
  return name === 'chromium'
    ? launchChromium(join(root, '.output', 'chrome-mv3'), options)
    : launchFirefox(join(root, '.output', 'firefox-mv2'), options);
}
