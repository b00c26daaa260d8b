/**
 * Shared set-up for the end-to-end suites: which browsers to run and the one helper that launches them
 * (`describeInBrowsers`), a DOM observer the page registers before the content script runs, and helpers that
 * read our highlights from the page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  type BrowserName,
  type Driver,
  type DriverPage,
  findChromium,
  findFirefox,
  INSTALL_HINT,
  type LaunchOptions,
  launch,
} from '../../scripts/browsers.ts';
import { SETTINGS_VERSION, type Settings } from '../../src/core/settings-schema.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
mkdirSync(ARTIFACTS, { recursive: true });

/**
 * The browsers to run. `E2E_BROWSERS=chromium,firefox` (set by CI) makes a missing browser a failure;
 * without it, every supported browser found on the machine runs, and none found is a failure too.
 */
export function browsersToRun(): { name: BrowserName; missing?: string }[] {
  const found: Record<BrowserName, boolean> = { chromium: Boolean(findChromium()), firefox: Boolean(findFirefox()) };
  const requested = process.env.E2E_BROWSERS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) as BrowserName[] | undefined;
  if (requested?.length) {
    return requested.map((name) => ({ name, missing: found[name] ? undefined : INSTALL_HINT[name] }));
  }
  const available = (Object.keys(found) as BrowserName[]).filter((name) => found[name]);
  if (available.length === 0) {
    throw new Error(
      'No browser for the end-to-end tests: install Chromium (apt-get install chromium) or Firefox (apt-get install firefox-esr).',
    );
  }
  return available.map((name) => ({ name }));
}

/** One browser a suite runs in: its name, and its driver once launched. */
export interface BrowserUnderTest {
  readonly name: BrowserName;
  readonly driver: Driver;
}

/**
 * One describe block per browser to run (browsersToRun()), titled `${title} in ${name}`: the browser is launched
 * with the built extension in beforeAll (failing with the install hint when it is missing) and closed in afterAll.
 * `browser.driver` throws if used before the launch (at collection time, outside a hook or test).
 */
export function describeInBrowsers(
  title: string,
  body: (browser: BrowserUnderTest) => void,
  options?: { launch?: Pick<LaunchOptions, 'colorScheme' | 'reducedMotion'> },
): void {
  for (const { name, missing } of browsersToRun()) {
    let driver: Driver | undefined;
    const browser: BrowserUnderTest = {
      name,
      get driver(): Driver {
        if (!driver) throw new Error(`${name} is not launched yet: use browser.driver inside a hook or a test`);
        return driver;
      },
    };
    describe(`${title} in ${name}`, () => {
      beforeAll(async () => {
        if (missing) throw new Error(missing);
        driver = await launch(name, ROOT, options?.launch);
      });
      afterAll(async () => {
        await driver?.close();
        driver = undefined;
      });
      body(browser);
    });
  }
}

/**
 * Injected into test pages' <head>: records every DOM mutation from the moment the page is parsed,
 * before any content script runs, so a test can prove the page was left as it was.
 */
export const OBSERVER_SCRIPT = `<script>
  window.__mutations = [];
  const record = (records) => {
    for (const r of records) {
      window.__mutations.push({
        type: r.type,
        target: r.target.nodeName,
        attribute: r.attributeName,
        added: [...r.addedNodes].map((n) => n.nodeName),
        removed: [...r.removedNodes].map((n) => n.nodeName),
      });
    }
  };
  const observer = new MutationObserver(record);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Until the DOM is parsed, the records are the parser's own insertions: drop them. Our content script starts
  // before (document_start) but changes no node until the page is parsed (its style sheet is adopted, not
  // inserted), so everything it does to the DOM is recorded.
  document.addEventListener('DOMContentLoaded', () => {
    observer.takeRecords();
    window.__mutations.length = 0;
  }, { once: true });
</script>`;

export {
  hover,
  OUR_HIGHLIGHT,
  OUR_MARK,
  type PageHighlight,
  readCard,
  readHighlights,
  scrollToHighlight,
  waitFor,
} from '../../scripts/page-probes.ts';

import { OUR_HIGHLIGHT } from '../../scripts/page-probes.ts';

export interface PageExpectations {
  page: string;
  marked: Record<string, number>;
  notMarked: string[];
  iframe?: Record<string, number>;
  appended?: string;
  afterNavigation?: string;
}

/** Highlights counted by entity id: each highlight's text is matched again with the same matcher. */
export async function countByEntity(
  highlights: readonly { text: string }[],
  identify: (text: string) => string | undefined,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { text } of highlights) {
    const id = identify(text) ?? `?${text}`;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/** Highlights whose text sits in a region the content script must skip (form fields, code, hidden…). */
export function highlightsInSkippedRegions(page: DriverPage): Promise<string[]> {
  return page.evaluate((pattern) => {
    const ours = new RegExp(pattern);
    const skipped =
      'script,style,noscript,template,textarea,input,select,code,pre,kbd,[contenteditable],[aria-hidden="true"],[hidden]';
    const bad: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!ours.test(name)) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        const element = range.startContainer.parentElement;
        if (
          !element ||
          element.closest(skipped) ||
          getComputedStyle(element).display === 'none' ||
          !element.checkVisibility()
        ) {
          bad.push(range.toString());
        }
      }
    }
    return bad;
  }, OUR_HIGHLIGHT);
}

/** The open card's details beyond its name: theme, direction, citation lines, box, focus. */
export function inspectCard(page: DriverPage): Promise<{
  dark: boolean;
  dir: string;
  citations: string[];
  rect: { left: number; top: number; right: number; bottom: number };
  focusInCard: boolean;
} | null> {
  return page.evaluate(() => {
    const host = [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'));
    const popover = host?.shadowRoot?.querySelector('.nc-popover:popover-open') as HTMLElement | null | undefined;
    if (!popover || !host?.shadowRoot) return null;
    const r = popover.getBoundingClientRect();
    return {
      dark: popover.classList.contains('nc-theme-dark'),
      dir: popover.getAttribute('dir') ?? '',
      citations: [...popover.querySelectorAll('.nc-cite summary')].map((s) => s.textContent ?? ''),
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      focusInCard: document.activeElement === host && host.shadowRoot.activeElement !== null,
    };
  });
}

/**
 * The page's DOM mutations since DOMContentLoaded (recorded by OBSERVER_SCRIPT), split into the insertion of
 * our card's host and everything else, with the host's tag (random per page).
 */
export async function mutationsSinceLoad(page: DriverPage): Promise<{
  hostTag: string;
  ours: { type: string; target: string; added: string[]; removed: string[] }[];
  others: { type: string; target: string; added: string[]; removed: string[] }[];
}> {
  const { mutations, hostTag } = await page.evaluate(() => ({
    mutations: (
      window as unknown as { __mutations: { type: string; target: string; added: string[]; removed: string[] }[] }
    ).__mutations,
    hostTag:
      [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'))?.tagName ?? '',
  }));
  return {
    hostTag,
    ours: mutations.filter((m) => hostTag && m.added.includes(hostTag)),
    others: mutations.filter((m) => !hostTag || !m.added.includes(hostTag)),
  };
}

/**
 * Stores settings for every page of the browser, as the options page would (the versioned `settings` item in
 * sync storage, with its version so no migration touches it): `change` is merged over what is stored.
 */
export async function storeSettings(driver: Driver, change: Partial<Settings>): Promise<void> {
  await driver.evaluateInBackground(
    async ({ change, version }, background) => {
      const api = background.browser ?? background.chrome;
      const stored = ((await api.storage.sync.get('settings')).settings as object | undefined) ?? {};
      await api.storage.sync.set({ settings: { ...stored, ...change }, settings$: { v: version } });
    },
    { change, version: SETTINGS_VERSION },
  );
}
