/**
 * Firefox with the built extension, driven through Marionette (Firefox's own WebDriver-classic server).
 * WebDriver BiDi (puppeteer) cannot reach the extension's pages: Firefox's BiDi leaves extension browsing contexts
 * out (its `isBrowsingContextCompatible`), and only one WebDriver session may exist, so BiDi and Marionette cannot
 * share a browser. Marionette drives every page, web and extension alike: the pref `extensions.webextensions.uuids`
 * fixes the `moz-extension://` base URL, and `--remote-allow-system-access` lets it navigate there (without it,
 * Marionette and BiDi both refuse any scheme but http, https, file, blob and about:blank).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver, DriverPage, LaunchOptions } from './browsers.ts';
import { connectMarionette, type MarionetteClient } from './marionette-client.ts';

/** The add-on id of the Firefox build (wxt.config.ts, browser_specific_settings.gecko.id). */
const ADDON_ID = 'news-context@news-context.org';
const VIEWPORT = { width: 1280, height: 900 };
/** Headless Firefox clamps windows to a virtual screen: make it larger than any viewport a test asks for. */
const HEADLESS_SCREEN = { width: 2000, height: 2000 };

/** WebDriver's code points for the keys the tests press (https://w3c.github.io/webdriver/#keyboard-actions). */
const KEYS: Readonly<Record<string, string>> = Object.freeze({
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Meta: '\uE03D',
});

function userPrefs({ colorScheme = 'light', reducedMotion = false }: LaunchOptions, uuid: string): string {
  const prefs: Record<string, string | number | boolean> = {
    // Marionette on a free port, written to <profile>/MarionetteActivePort.
    'marionette.port': 0,
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
    // The temporary add-on is removed when Firefox quits: keep its storage for a restart on the same profile.
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    // Keep a closed network quiet: no update, telemetry or safe-browsing requests.
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'extensions.update.enabled': false,
    'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
    'ui.prefersReducedMotion': reducedMotion ? 1 : 0,
  };
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

/** A script for `WebDriver:ExecuteAsyncScript` that calls `source` with the argument and reports its result. */
function callScript(source: string, extraArgument = ''): string {
  return `const [arg, done] = [arguments[0], arguments[arguments.length - 1]];
const __name = (f) => f;
(async () => (${source})(arg${extraArgument}))().then(
  (value) => done({ value: value === undefined ? null : value, undefined: value === undefined }),
  (error) => done({ error: String(error && error.message ? error.message + '\\n' + (error.stack ?? '') : error) }),
);`;
}

interface Running {
  process: ChildProcess;
  client: MarionetteClient;
  /** The window handle Marionette commands go to now. */
  current: string;
  /** The first window: kept open (Firefox quits with its last window), later the extension's control page. */
  controlHandle: string;
  controlReady: boolean;
}

/**
 * Starts Firefox with Marionette on a fresh profile, installs the unpacked extension in `extensionDir` as a
 * temporary add-on and returns the driver. `restart()` quits and starts again on the same profile, so settings
 * survive as they do for a reader; `close()` removes the profile.
 */
export async function launchFirefox(
  executablePath: string,
  extensionDir: string,
  options: LaunchOptions = {},
): Promise<Driver> {
  const profileDir = mkdtempSync(join(tmpdir(), 'news-context-firefox-'));
  const uuid = randomUUID();
  writeFileSync(join(profileDir, 'user.js'), userPrefs(options, uuid));
  const extensionBaseUrl = `moz-extension://${uuid}`;
  const headless = options.headless ?? true;
  const pages = new Map<string, DriverPage>();
  let running: Running;
  try {
    running = await start(executablePath, extensionDir, profileDir, headless);
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }

  // Marionette sends commands to one current window: a switch and the commands after it run as one step, in
  // turn, so two pages used at once cannot interleave.
  let queue: Promise<unknown> = Promise.resolve();
  function inTurn<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  }
  const command = <T>(name: string, params?: object) => running.client.send<T>(name, params);
  async function use(handle: string, focus = false): Promise<void> {
    if (running.current === handle && !focus) return;
    await command('WebDriver:SwitchToWindow', { handle, focus });
    running.current = handle;
  }
  /** One command to the window `handle`. */
  const on = <T>(handle: string, name: string, params?: object) =>
    inTurn(async () => {
      await use(handle);
      return command<T>(name, params);
    });
  async function evaluateIn<T>(handle: string, script: string, arg: unknown): Promise<T> {
    const { value } = await on<{ value: { value: T; undefined?: boolean; error?: string } }>(
      handle,
      'WebDriver:ExecuteAsyncScript',
      { script, args: [arg ?? null] },
    );
    if (value.error) throw new Error(`Evaluation failed in Firefox: ${value.error}`);
    return (value.undefined ? undefined : value.value) as T;
  }
  /** Runs a script in the privileged context of the browser window that holds the tab `handle`. */
  const inChrome = (handle: string, script: string, args: unknown[]) =>
    inTurn(async () => {
      await use(handle);
      await command('Marionette:SetContext', { value: 'chrome' });
      try {
        await command('WebDriver:ExecuteScript', { script, args });
      } finally {
        await command('Marionette:SetContext', { value: 'content' });
      }
    });
  const actions = (handle: string, list: object[]) => on(handle, 'WebDriver:PerformActions', { actions: list });
  const mouse = (steps: object[]) => ({
    type: 'pointer',
    id: 'mouse',
    parameters: { pointerType: 'mouse' },
    actions: steps,
  });
  const move = (x: number, y: number) => ({
    type: 'pointerMove',
    x: Math.round(x),
    y: Math.round(y),
    origin: 'viewport',
    duration: 0,
  });
  const keys = (steps: { type: 'keyDown' | 'keyUp'; value: string }[]) => ({
    type: 'key',
    id: 'keyboard',
    actions: steps,
  });

  function wrap(handle: string): DriverPage {
    const known = pages.get(handle);
    if (known) return known;
    const page: DriverPage = {
      goto: async (url) => void (await on(handle, 'WebDriver:Navigate', { url })),
      url: async () => (await on<{ value: string }>(handle, 'WebDriver:GetCurrentURL')).value,
      reload: async () => void (await on(handle, 'WebDriver:Refresh')),
      evaluate: (fn, arg) => evaluateIn(handle, callScript(fn.toString()), arg),
      mouseMove: async (x, y) => void (await actions(handle, [mouse([move(x, y)])])),
      click: async (x, y) =>
        void (await actions(handle, [
          mouse([move(x, y), { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }]),
        ])),
      tap: async (x, y) =>
        void (await actions(handle, [
          {
            type: 'pointer',
            id: 'finger',
            parameters: { pointerType: 'touch' },
            actions: [move(x, y), { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
          },
        ])),
      async press(combination) {
        const sequence = combination.split('+').map((key) => KEYS[key] ?? key);
        await actions(handle, [
          keys([
            ...sequence.map((value) => ({ type: 'keyDown' as const, value })),
            ...sequence.toReversed().map((value) => ({ type: 'keyUp' as const, value })),
          ]),
        ]);
      },
      async type(text) {
        await actions(handle, [
          keys(
            [...text].flatMap((value) => [
              { type: 'keyDown' as const, value },
              { type: 'keyUp' as const, value },
            ]),
          ),
        ]);
      },
      async screenshot(path, { fullPage = false } = {}) {
        const { value } = await on<{ value: string }>(handle, 'WebDriver:TakeScreenshot', {
          full: fullPage,
          hash: false,
          scroll: false,
        });
        writeFileSync(path, Buffer.from(value, 'base64'));
      },
      async setViewport(width, height) {
        // As WebDriver BiDi's browsingContext.setViewport does: size the tab's <browser> element, in a window
        // large enough to hold it (a window cannot be narrower than about 450 px; a toolbar popup can).
        const [innerWidth, innerHeight, outerWidth, outerHeight] = await page.evaluate(() => [
          window.innerWidth,
          window.innerHeight,
          window.outerWidth,
          window.outerHeight,
        ]);
        if (innerWidth === width && innerHeight === height) return;
        const chromeWidth = outerWidth - innerWidth;
        const chromeHeight = outerHeight - innerHeight;
        if (outerWidth < width + chromeWidth || outerHeight < height + chromeHeight) {
          await on(handle, 'WebDriver:SetWindowRect', {
            width: Math.max(outerWidth, width + chromeWidth),
            height: Math.max(outerHeight, height + chromeHeight),
          });
        }
        await inChrome(
          handle,
          `const [width, height] = arguments;
           const browser = window.gBrowser.selectedBrowser;
           browser.style.setProperty('width', width + 'px');
           browser.style.setProperty('height', height + 'px');
           browser.ownerDocument.synchronouslyUpdateRemoteBrowserDimensions(true);`,
          [width, height],
        );
        const deadline = Date.now() + 5_000;
        while (Date.now() < deadline) {
          const [w, h] = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
          if (w === width && h === height) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`Firefox did not resize the viewport to ${width} × ${height}`);
      },
      // Per tab, as the developer tools' simulation does: the tab's browsing context overrides the preference.
      setColorScheme: (scheme) =>
        inChrome(handle, 'window.gBrowser.selectedBrowser.browsingContext.prefersColorSchemeOverride = arguments[0];', [
          scheme,
        ]),
      bringToFront: () => inTurn(() => use(handle, true)),
      close: () =>
        inTurn(async () => {
          await use(handle);
          await command('WebDriver:CloseWindow');
          pages.delete(handle);
          running.current = '';
          await use(running.controlHandle);
        }),
    };
    pages.set(handle, page);
    return page;
  }

  /** The first window, on the options page: the extension context that reaches the background page. */
  async function controlPage(): Promise<string> {
    if (!running.controlReady) {
      await on(running.controlHandle, 'WebDriver:Navigate', { url: `${extensionBaseUrl}/options.html` });
      running.controlReady = true;
    }
    return running.controlHandle;
  }

  return {
    name: 'firefox',
    extensionBaseUrl,
    async newPage({ colorScheme } = {}) {
      const { handle } = await inTurn(() =>
        command<{ handle: string }>('WebDriver:NewWindow', { type: 'window', focus: false }),
      );
      const page = wrap(handle);
      await page.setViewport(VIEWPORT.width, VIEWPORT.height);
      if (colorScheme) await page.setColorScheme(colorScheme);
      return page;
    },
    async pages() {
      const handles = await inTurn(() => command<string[]>('WebDriver:GetWindowHandles'));
      return handles.filter((handle) => handle !== running.controlHandle).map(wrap);
    },
    async evaluateInBackground(fn, arg) {
      // The background page is not a window Marionette can reach; the options page holds it through
      // runtime.getBackgroundPage(), in the same process.
      const handle = await controlPage();
      const source = `async (arg) => (${fn.toString()})(arg, await browser.runtime.getBackgroundPage())`;
      return evaluateIn(handle, callScript(source), arg);
    },
    restart: () =>
      inTurn(async () => {
        await stop(running);
        pages.clear();
        running = await start(executablePath, extensionDir, profileDir, headless);
      }),
    close: () =>
      inTurn(async () => {
        await stop(running);
        rmSync(profileDir, { recursive: true, force: true });
      }),
  };
}

async function start(
  executablePath: string,
  extensionDir: string,
  profileDir: string,
  headless: boolean,
): Promise<Running> {
  const portFile = join(profileDir, 'MarionetteActivePort');
  rmSync(portFile, { force: true });
  const args = ['--marionette', '--remote-allow-system-access', '--no-remote', '--profile', profileDir];
  const child = spawn(executablePath, headless ? [...args, '--headless'] : args, {
    stdio: 'ignore',
    env: {
      ...process.env,
      MOZ_HEADLESS_WIDTH: String(HEADLESS_SCREEN.width),
      MOZ_HEADLESS_HEIGHT: String(HEADLESS_SCREEN.height),
    },
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Firefox exited during start-up (code ${code})`))),
  );
  exited.catch(() => undefined);
  const port = await Promise.race([waitForPortFile(portFile), exited]);
  const client = await Promise.race([connectMarionette(port), exited]);
  await client.send('WebDriver:NewSession', {
    capabilities: { alwaysMatch: { timeouts: { script: 90_000, pageLoad: 60_000, implicit: 0 } } },
  });
  await client.send('Addon:Install', { path: extensionDir, temporary: true });
  const controlHandle = await client.send<{ value: string }>('WebDriver:GetWindowHandle');
  return {
    process: child,
    client,
    current: controlHandle.value,
    controlHandle: controlHandle.value,
    controlReady: false,
  };
}

async function waitForPortFile(path: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const port = Number(readFileSync(path, 'utf8').trim());
      if (port > 0) return port;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Firefox did not start Marionette (no ${path})`);
}

async function stop(running: Running): Promise<void> {
  const exited = new Promise((resolve) => {
    if (running.process.exitCode !== null) resolve(undefined);
    else running.process.once('exit', resolve);
  });
  await running.client.send('Marionette:Quit', { flags: ['eAttemptQuit'] }).catch(() => undefined);
  running.client.close();
  const timer = setTimeout(() => running.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
