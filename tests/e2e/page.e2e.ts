import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import { startDemoSite } from '../../scripts/demo-site.ts';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../src/core/matcher/load-matcher.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings-schema.ts';
import compiledMatcher from '../../src/data/compiled/matcher.json' with { type: 'json' };
import {
  ARTIFACTS,
  countByEntity,
  describeInBrowsers,
  highlightsInSkippedRegions,
  hover,
  inspectCard,
  mutationsSinceLoad,
  OBSERVER_SCRIPT,
  OUR_HIGHLIGHT,
  type PageExpectations,
  ROOT,
  readCard,
  readHighlights,
  scrollToHighlight,
  storeSettings,
  waitFor,
} from './harness.ts';

const site = await startDemoSite(0, OBSERVER_SCRIPT);
afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

const expected: PageExpectations = JSON.parse(
  readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', 'article.expected.json'), 'utf8'),
);
const matcher = loadMatcher(compiledMatcher as MatcherTables);
const identify = (text: string) => findMatches(text, matcher)[0]?.id;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than the close delay (300 ms): a card still open after this is being kept open on purpose. */
const PAST_CLOSE_DELAY = 800;
/** Lets the card's short fade-in finish before a screenshot. */
const SETTLE = 300;

/** A viewport screenshot's pixels (RGB) and the CSS-to-device pixel ratio they were taken at. */
async function viewportPixels(page: DriverPage, path: string) {
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  await page.screenshot(path);
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, ratio };
}

/** The share of pixels in a box (CSS pixels) that are mostly red: a red tint over white, not black text. */
function redShare(shot: Awaited<ReturnType<typeof viewportPixels>>, box: DOMRectLike): number {
  const { data, width, height, ratio } = shot;
  let red = 0;
  let all = 0;
  for (let y = Math.ceil(box.top * ratio); y < Math.min(height, Math.floor(box.bottom * ratio)); y++)
    for (let x = Math.ceil(box.left * ratio); x < Math.min(width, Math.floor(box.right * ratio)); x++) {
      const at = (y * width + x) * 3;
      const [r, g, b] = [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0];
      all++;
      if (r > 200 && r - g > 25 && r - b > 25) red++;
    }
  return all ? red / all : 0;
}

interface DOMRectLike {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

async function counts(page: DriverPage): Promise<Record<string, number>> {
  return countByEntity(await readHighlights(page), identify);
}

describeInBrowsers('the content script', (browser) => {
  const { name } = browser;
  let page: DriverPage;

  beforeAll(async () => {
    // The fixture's expectations count every mention: the marking policy is the demo site suite's business.
    await storeSettings(browser.driver, { marking: 'every' });
    page = await browser.driver.newPage();
  });

  it('marks the expected entities, split names included, and nothing in skipped regions', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    await scrollToHighlight(page, 'Rubio');
    const found = await counts(page);
    for (const [id, count] of Object.entries(expected.marked))
      expect(found[id], `${id} in ${JSON.stringify(found)}`).toBe(count);
    for (const id of expected.notMarked) expect(found[id], id).toBeUndefined();
    const texts = (await readHighlights(page)).map((h) => h.text);
    expect(texts).toContain('Steve Witkoff');
    expect(await highlightsInSkippedRegions(page)).toEqual([]);
  });

  it('marks a same-origin iframe in its own document', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    const inFrame = await waitFor(async () => {
      const texts = await page.evaluate((pattern) => {
        const ours = new RegExp(pattern);
        const frame = document.getElementById('frame') as HTMLIFrameElement;
        const out: string[] = [];
        const frameCss = (frame.contentWindow as (Window & { CSS: typeof CSS }) | null)?.CSS;
        for (const [key, highlight] of frameCss?.highlights ?? []) {
          if (ours.test(key)) for (const r of highlight as unknown as Iterable<Range>) out.push(r.toString());
        }
        return out;
      }, OUR_HIGHLIGHT);
      return texts.length >= Object.keys(expected.iframe ?? {}).length ? texts : undefined;
    }, 'highlights in the iframe');
    expect(
      await countByEntity(
        inFrame.map((text) => ({ text })),
        identify,
      ),
    ).toEqual(expected.iframe);
  });

  it('opens the card of a mention inside an open shadow root', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    const rubio = await scrollToHighlight(page, 'Rubio');
    await hover(page, rubio);
    const card = await waitFor(() => readCard(page), 'the card of the name in the shadow root');
    expect(card.name).toBe('Marco Rubio');
    await page.press('Escape');
    await waitFor(async () => (await readCard(page)) === null, 'the card to close');
  });

  it('opens a card on hover with a citation, keeps it open over the card, and Escape closes it', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    const card = await waitFor(() => readCard(page), 'the card to open');
    expect(card.name).toBe('Steve Witkoff');
    const details = await inspectCard(page);
    expect(details?.citations.length).toBeGreaterThan(0);
    expect(details?.dark).toBe(false);
    // The card sits next to the line, not over it.
    expect(details && (details.rect.top >= witkoff.y || details.rect.bottom <= witkoff.y)).toBe(true);
    await pause(SETTLE);
    await page.screenshot(`${ARTIFACTS}/${name}-card-light.png`);

    const box = details?.rect ?? { left: 0, top: 0, right: 0, bottom: 0 };
    await page.mouseMove(witkoff.x, (witkoff.y + box.top + 20) / 2);
    await page.mouseMove((box.left + box.right) / 2, box.top + 30);
    await pause(PAST_CLOSE_DELAY);
    expect((await readCard(page))?.name).toBe('Steve Witkoff');

    await page.press('Escape');
    await waitFor(async () => (await readCard(page)) === null, 'the card to close');
  });

  it('prepares the first card out of sight while the pointer rests: nothing of it shows before the delay ends', async () => {
    // A long delay, so that the card is seen prepared and not yet shown.
    await storeSettings(browser.driver, { hoverDelayMs: 2000 });
    try {
      await page.goto(`${site.url}/fixtures/${expected.page}`);
      const witkoff = await scrollToHighlight(page, 'Witkoff');
      // Every element put into our shadow root beside the card's container while the delay runs (the copy of the
      // card painted unseen), as it is when put there, and whether it is still there.
      await page.evaluate(() => {
        const seen: object[] = [];
        (window as unknown as { __copies: object[] }).__copies = seen;
        const watch = new MutationObserver(() => {
          for (const element of document.documentElement.children) {
            const root = element.shadowRoot;
            if (!root || (root as unknown as { __watched?: boolean }).__watched) continue;
            (root as unknown as { __watched?: boolean }).__watched = true;
            new MutationObserver((records) => {
              for (const record of records)
                for (const node of record.addedNodes) {
                  if (!(node instanceof HTMLElement) || !node.matches('.nc-popover')) continue;
                  const style = getComputedStyle(node);
                  const box = node.getBoundingClientRect();
                  const hit = document.elementFromPoint(
                    box.left + box.width / 2,
                    box.top + Math.min(box.height, 40) / 2,
                  );
                  seen.push({
                    popover: node.hasAttribute('popover'),
                    hidden: node.getAttribute('aria-hidden'),
                    inert: node.inert,
                    opacity: style.opacity,
                    pointer: style.pointerEvents,
                    hitsOurs: hit === element,
                    node,
                  });
                }
            }).observe(root, { childList: true });
          }
        });
        watch.observe(document.documentElement, { childList: true });
      });
      await hover(page, witkoff);
      const prepared = await waitFor(
        () =>
          page.evaluate(() => {
            const host = [...document.documentElement.children].find((e) =>
              e.shadowRoot?.querySelector('.nc-popover [role="dialog"]'),
            );
            const popover = host?.shadowRoot?.querySelector('.nc-popover') as HTMLElement | null | undefined;
            if (!popover) return null;
            const box = popover.getBoundingClientRect();
            return {
              name: popover.querySelector('.nc-card__name')?.textContent,
              shown: popover.matches(':popover-open'),
              visible: popover.checkVisibility(),
              size: box.width * box.height,
            };
          }),
        'the first card prepared during the hover delay',
        1_900,
      );
      expect(prepared).toEqual({ name: 'Steve Witkoff', shown: false, visible: false, size: 0 });
      // Its copy, painted once to warm the card's first paint, was transparent, inert, hidden from assistive
      // technology and not under the pointer, and is gone again.
      const copies = await waitFor(
        () =>
          page.evaluate(() => {
            const seen = (window as unknown as { __copies: { node?: Node }[] }).__copies;
            if (!seen.length || seen.some((copy) => copy.node?.isConnected)) return null;
            return seen.map(({ node, ...copy }) => ({ ...copy, gone: !node?.isConnected }));
          }),
        'the unseen copy of the first card painted and taken off',
        1_900,
      );
      expect(copies).toEqual([
        { popover: false, hidden: 'true', inert: true, opacity: '0', pointer: 'none', hitsOurs: false, gone: true },
      ]);
      expect(await readCard(page)).toBeNull();
      expect((await waitFor(() => readCard(page), 'the card once the delay is over')).name).toBe('Steve Witkoff');
    } finally {
      await storeSettings(browser.driver, { hoverDelayMs: DEFAULT_SETTINGS.hoverDelayMs });
    }
  });

  it('closes after the pointer leaves, and a click pins the card', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    const putin = await scrollToHighlight(page, 'Vladimir Putin');
    await hover(page, putin);
    await waitFor(() => readCard(page), 'the card to open');
    await page.mouseMove(5, 5);
    await waitFor(async () => (await readCard(page)) === null, 'the card to close after the pointer left');

    await page.click(putin.x, putin.y);
    await waitFor(() => readCard(page), 'the pinned card');
    await page.mouseMove(5, 5);
    await pause(PAST_CLOSE_DELAY);
    expect((await readCard(page))?.name).toBe('Vladimir Putin');
    await page.press('Escape');
    await waitFor(async () => (await readCard(page)) === null, 'Escape to close the pinned card');
  });

  it('reaches mentions from the keyboard: shortcut opens the next card with focus, Tab moves in it, Escape returns', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    await scrollToHighlight(page, 'Witkoff');
    const shortcut = () =>
      page.evaluate(() =>
        document.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'N', code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }),
        ),
      );
    await shortcut();
    const first = await waitFor(() => readCard(page), 'the first card from the keyboard');
    await waitFor(async () => (await inspectCard(page))?.focusInCard, 'focus in the card');
    await shortcut();
    const second = await waitFor(
      async () => ((await readCard(page))?.name !== first.name ? readCard(page) : null),
      'the next card',
    );
    expect(second?.name).not.toBe(first.name);
    await page.press('Tab');
    const focused = await page.evaluate(
      () =>
        [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'))?.shadowRoot
          ?.activeElement?.tagName ?? '',
    );
    expect(focused).toBe('BUTTON');
    await page.press('Escape');
    await waitFor(async () => (await readCard(page)) === null, 'Escape to close');
  });

  it('picks up appended text, an SPA navigation, and highlights a page cleared', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    await scrollToHighlight(page, 'Witkoff');
    await page.evaluate(() => (window as unknown as { appendMore: () => void }).appendMore());
    await waitFor(async () => (await counts(page))[expected.appended as string], 'the appended mention');
    await page.evaluate(() => (window as unknown as { clearHighlights: () => void }).clearHighlights());
    await waitFor(async () => (await readHighlights(page)).length > 0, 'the highlights to come back');
    await page.evaluate(() => (window as unknown as { navigateSpa: () => void }).navigateSpa());
    await waitFor(async () => (await counts(page))[expected.afterNavigation as string], 'the mention after navigation');
    const after = await counts(page);
    // The replaced article's mentions are gone (their ranges collapsed), the new one is there.
    expect(after['person/steve-witkoff']).toBeUndefined();
  });

  it('leaves the page DOM as it was, apart from the one host element of the card', async () => {
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    await waitFor(() => readCard(page), 'the card to open');
    await page.press('Escape');
    await hover(page, witkoff);
    await waitFor(() => readCard(page), 'the card to open again');
    const { hostTag, ours, others } = await mutationsSinceLoad(page);
    // The host's tag is random per page and names nothing (no "news-context" for the page to find).
    expect(hostTag).toMatch(/^[A-Z][A-Z0-9]{4}-[A-Z][A-Z0-9]{4}$/);
    expect(ours).toEqual([{ type: 'childList', target: 'HTML', attribute: null, added: [hostTag], removed: [] }]);
    expect(others, JSON.stringify(others.slice(0, 5))).toEqual([]);
  });

  it('follows a dark page and a right-to-left page', async () => {
    await page.goto(`${site.url}/fixtures/article-dark.html`);
    const dark = await scrollToHighlight(page, 'Witkoff');
    await hover(page, dark);
    await waitFor(() => readCard(page), 'the card on the dark page');
    expect((await inspectCard(page))?.dark).toBe(true);
    await pause(SETTLE);
    await page.screenshot(`${ARTIFACTS}/${name}-card-dark.png`);

    await page.goto(`${site.url}/fixtures/article-rtl.html`);
    const rtl = await scrollToHighlight(page, 'Witkoff');
    await hover(page, rtl);
    const card = await waitFor(() => readCard(page), 'the card on the RTL page');
    expect(card.name).toBe('Steve Witkoff');
    const details = await inspectCard(page);
    expect(details?.dir).toBe('rtl');
    await pause(SETTLE);
    await page.screenshot(`${ARTIFACTS}/${name}-card-rtl.png`);
  });

  it('draws each mark in the reader’s colour behind the name, and nothing once switched off (pixels)', async () => {
    const tint = { style: 'tint' as const, colours: { ...DEFAULT_SETTINGS.colours, person: '#ff0000' } };
    await storeSettings(browser.driver, tint);
    try {
      await page.goto(`${site.url}/fixtures/${expected.page}`);
      await scrollToHighlight(page, 'Witkoff');
      // The box of the first marked "Witkoff" (a person, so red) and of the same line's width just below it.
      const box = await page.evaluate((pattern) => {
        const ours = new RegExp(pattern);
        for (const [name, highlight] of CSS.highlights) {
          if (!ours.test(name) || !name.endsWith('-person')) continue;
          for (const range of highlight as unknown as Iterable<Range>) {
            if (!range.toString().includes('Witkoff')) continue;
            const { top, bottom, left, right } = range.getClientRects()[0] as DOMRect;
            return { top, bottom, left, right };
          }
        }
        return undefined;
      }, OUR_HIGHLIGHT);
      if (!box) throw new Error('no person mark of "Witkoff" in view');
      const marked = redShare(await viewportPixels(page, `${ARTIFACTS}/${name}-mark-tint.png`), box);
      // Tinted behind the letters: most of the box but the glyphs' own dark pixels.
      expect(marked, `red share of the mark's box ${JSON.stringify(box)}`).toBeGreaterThan(0.4);

      await storeSettings(browser.driver, { enabledByDefault: false, sites: {} });
      await waitFor(async () => (await readHighlights(page)).length === 0, 'the highlights to clear');
      const cleared = redShare(await viewportPixels(page, `${ARTIFACTS}/${name}-mark-off.png`), box);
      expect(cleared).toBe(0);
    } finally {
      await storeSettings(browser.driver, {
        style: DEFAULT_SETTINGS.style,
        colours: DEFAULT_SETTINGS.colours,
        enabledByDefault: true,
        sites: {},
      });
    }
  });

  it('clears every highlight at once when switched off, and marks again when switched on', async () => {
    // The marks' rules in the document's constructed sheets (ours is adopted before the page is parsed).
    const highlightRules = () =>
      page.evaluate(
        () =>
          document.adoptedStyleSheets.flatMap((sheet) =>
            [...sheet.cssRules].filter((rule) => rule.cssText.includes('::highlight(')),
          ).length,
      );
    await page.goto(`${site.url}/fixtures/${expected.page}`);
    await scrollToHighlight(page, 'Witkoff');
    expect(await highlightRules()).toBeGreaterThan(0);
    await storeSettings(browser.driver, { enabledByDefault: false, sites: {} });
    await waitFor(async () => (await readHighlights(page)).length === 0, 'the highlights to clear');
    await waitFor(async () => (await highlightRules()) === 0, 'the marks’ style sheet to go');
    // A page loaded while highlighting is off keeps no sheet at all (the one adopted with the default look before
    // the page had an element is taken away again).
    await page.reload();
    await pause(1_000);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await storeSettings(browser.driver, { enabledByDefault: true, sites: {} });
    await waitFor(async () => (await readHighlights(page)).length > 0, 'the highlights to return');
    expect(await highlightRules()).toBeGreaterThan(0);
  });
});
