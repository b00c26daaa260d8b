/**
 * Only the text near the viewport is drawn, and every mention stays reachable: a long article whose last
 * paragraph, far below the fold, names someone the rest never does. Hover, the popup's "On this page" and the
 * keyboard shortcut must all reach it; the ranges registered must stay near the screen.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import {
  describeInBrowsers,
  hover,
  OUR_MARK,
  readCard,
  readHighlights,
  scrollToHighlight,
  storeSettings,
  waitFor,
} from './harness.ts';
import { clickOn, openPopup, tabIdOf, waitForSelector } from './popup-harness.ts';

const PARAGRAPHS = 240;
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long article</title>
<style>body { font: 18px/1.6 Georgia, serif; max-width: 680px; margin: 24px auto; }</style></head>
<body><main><article><h1>A long day of talks</h1>
${Array.from(
  { length: PARAGRAPHS },
  (_, i) =>
    `<p>${i + 1}. Steve Witkoff and Vladimir Putin spoke again, and aides on both sides said the talks went on for hours without a break.</p>`,
).join('\n')}
<p id="last">In the end, the talks were summed up by Keir Starmer</p>
</article></main></body></html>`;

let url = '';
const server = createServer((_, response) =>
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/long`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** How far (in viewport heights) the farthest registered range is from the viewport. */
function farthestRange(page: DriverPage): Promise<number> {
  return page.evaluate((pattern) => {
    const ours = new RegExp(pattern);
    let farthest = 0;
    for (const [name, highlight] of CSS.highlights) {
      if (!ours.test(name)) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        const rect = range.getBoundingClientRect();
        const distance = rect.top > innerHeight ? rect.top - innerHeight : rect.bottom < 0 ? -rect.bottom : 0;
        farthest = Math.max(farthest, distance / innerHeight);
      }
    }
    return farthest;
  }, OUR_MARK);
}

describeInBrowsers('drawing near the viewport', (browser) => {
  let page: DriverPage;

  // These pages test what is found and drawn near the reader, not the marking policy: every mention is drawn.
  beforeAll(() => storeSettings(browser.driver, { marking: 'every' }));

  beforeEach(async () => {
    await page?.close().catch(() => {});
    page = await browser.driver.newPage();
    await page.setViewport(1280, 800);
    await page.goto(url);
    await scrollToHighlight(page, 'Witkoff');
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('registers ranges only near the viewport, while the popup counts every mention', async () => {
    const tabId = await tabIdOf(browser.driver, page);
    const popup = await openPopup(browser.driver, { tabId });
    await waitForSelector(popup, '.nc-onpage [data-entity="person/keir-starmer"]');
    const counts = await popup.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('.nc-onpage [role="option"]')].map((item) => [
          item.getAttribute('data-entity'),
          Number(/(\d+) ×/.exec(item.textContent ?? '')?.[1]),
        ]),
      ),
    );
    await popup.close();
    expect(counts).toMatchObject({
      'person/steve-witkoff': PARAGRAPHS,
      'person/vladimir-putin': PARAGRAPHS,
      'person/keir-starmer': 1,
    });
    const drawn = await readHighlights(page);
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(PARAGRAPHS);
    expect(drawn.some((h) => h.text === 'Keir Starmer')).toBe(false);
    // Two screens above and below (the window's margin), and a little for the block a range sits in.
    expect(await farthestRange(page)).toBeLessThan(2.5);
  });

  it('keeps ranges near the reader while they scroll the whole page down and back up, step by step', async () => {
    for (const direction of [1, -1]) {
      await page.evaluate(async (step) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
        const end = () =>
          step > 0 ? innerHeight + scrollY >= document.documentElement.scrollHeight - 2 : scrollY <= 0;
        while (!end()) {
          window.scrollBy(0, (step * innerHeight) / 2);
          await frame();
        }
      }, direction);
      // The window follows the observer's reports; the drawing follows in a task after.
      await waitFor(async () => (await farthestRange(page)) < 2.5 || null, 'the ranges to follow the reader');
      const drawn = await readHighlights(page);
      expect(drawn.length).toBeGreaterThan(10);
      expect(drawn.length).toBeLessThan(PARAGRAPHS);
    }
  });

  it('changes the drawn ranges once every few screens while the reader scrolls, not at every step', async () => {
    // The browser repaints the whole page after any change to the registered ranges: counted here frame by frame
    // (from the page's side, which sees the same ranges) while the reader scrolls down a quarter screen at a time.
    const { steps, changes } = await page.evaluate(async (pattern) => {
      const ours = new RegExp(pattern);
      const ids = new WeakMap<Node, number>();
      let nodes = 0;
      const drawn = () => {
        const keys: string[] = [];
        for (const [name, highlight] of CSS.highlights) {
          if (!ours.test(name)) continue;
          for (const range of highlight as unknown as Iterable<Range>) {
            if (!ids.has(range.startContainer)) ids.set(range.startContainer, ++nodes);
            keys.push(`${ids.get(range.startContainer)}:${range.startOffset}`);
          }
        }
        return keys.sort().join(' ');
      };
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      let last = drawn();
      let changes = 0;
      let steps = 0;
      const count = () => {
        const now = drawn();
        if (now !== last) changes++;
        last = now;
      };
      while (innerHeight + scrollY < document.documentElement.scrollHeight - 2) {
        window.scrollBy(0, innerHeight / 4);
        steps++;
        for (let f = 0; f < 3; f++) {
          await frame();
          count();
        }
      }
      return { steps, changes };
    }, OUR_MARK);
    expect(steps).toBeGreaterThan(40);
    expect(changes).toBeGreaterThan(0);
    // It draws ahead of the reader, so a change comes once every few screens: here about 22 screens scrolled, a
    // quarter at a time, and at most one change per three screens (drawing only what was near, the build before
    // made 14 changes in these 88 steps).
    expect(changes).toBeLessThan(steps / 12);
    // Once the reader stops, the drawing comes back to the ranges near the viewport.
    await waitFor(async () => (await farthestRange(page)) < 2.5 || null, 'the ranges to follow the reader');
  });

  it('draws and opens the card of a mention far below the fold once the reader scrolls to it', async () => {
    await page.evaluate(() => document.getElementById('last')?.scrollIntoView({ block: 'center' }));
    const starmer = await waitFor(
      async () => (await readHighlights(page)).find((h) => h.text === 'Keir Starmer'),
      'the last mention to be drawn',
    );
    await hover(page, starmer);
    expect((await waitFor(() => readCard(page), 'its card')).name).toBe('Keir Starmer');
    expect(await farthestRange(page)).toBeLessThan(2.5);
  });

  it('jumps to an off-screen mention from the popup\'s "On this page"', async () => {
    const tabId = await tabIdOf(browser.driver, page);
    const popup = await openPopup(browser.driver, { tabId });
    await clickOn(popup, '.nc-onpage [data-entity="person/keir-starmer"]');
    const card = await waitFor(() => readCard(page), 'the card of the revealed entity');
    expect(card.name).toBe('Keir Starmer');
    const lastOnScreen = await page.evaluate(() => {
      const rect = document.getElementById('last')?.getBoundingClientRect();
      return Boolean(rect && rect.top >= 0 && rect.bottom <= innerHeight);
    });
    expect(lastOnScreen).toBe(true);
    await popup.close();
  });

  it('reaches the last mention from the keyboard (previous from the top wraps to it)', async () => {
    await page.click(5, 5);
    await page.press('Alt+Shift+P');
    const card = await waitFor(() => readCard(page), 'the card of the last mention');
    expect(card.name).toBe('Keir Starmer');
    await waitFor(
      async () => (await readHighlights(page)).some((h) => h.text === 'Keir Starmer'),
      'the last mention drawn after the jump',
    );
  });
});

/**
 * The screens (tops divided by the viewport's height) of the drawn "Steve Witkoff" ranges, and of the first
 * mention of the name on each screen of the page, as the layout places them now.
 */
function witkoffScreens(page: DriverPage): Promise<{ drawn: number[]; firstOnScreen: Record<number, number> }> {
  return page.evaluate((pattern) => {
    const ours = new RegExp(pattern);
    const screenOf = (range: Range) => Math.floor((range.getBoundingClientRect().top + scrollY) / innerHeight);
    const drawn: number[] = [];
    for (const [name, highlight] of CSS.highlights)
      if (ours.test(name))
        for (const range of highlight as unknown as Iterable<Range>)
          if (range.toString() === 'Steve Witkoff') drawn.push(range.getBoundingClientRect().top + scrollY);
    const firstOnScreen: Record<number, number> = {};
    for (const paragraph of document.querySelectorAll('article p')) {
      const text = paragraph.firstChild as Text;
      const at = text.data.indexOf('Steve Witkoff');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + 'Steve Witkoff'.length);
      firstOnScreen[screenOf(range)] ??= range.getBoundingClientRect().top + scrollY;
    }
    return { drawn: drawn.sort((a, b) => a - b), firstOnScreen };
  }, OUR_MARK);
}

describeInBrowsers('the default marking policy on a long section', (browser) => {
  it('marks a name again at its first mention on each new screen, as the layout places it', async () => {
    await storeSettings(browser.driver, { marking: 'first-per-screen' });
    const page = await browser.driver.newPage();
    await page.setViewport(1280, 800);
    await page.goto(url);
    const { drawn, firstOnScreen } = await waitFor(async () => {
      const screens = await witkoffScreens(page);
      return screens.drawn.length >= 3 ? screens : null;
    }, 'the name drawn on three screens');
    const height = await page.evaluate(() => innerHeight);
    // One mark per screen near the reader (the viewport and two screens below), each the screen's first mention.
    const screens = drawn.map((top) => Math.floor(top / height));
    expect(new Set(screens).size).toBe(screens.length);
    expect(screens.slice(0, 3)).toEqual([0, 1, 2]);
    for (const [i, top] of drawn.entries()) expect(top).toBe(firstOnScreen[screens[i] as number]);
    // Far down the page, after a scroll: the same, on the screens around the reader.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    const middle = await page.evaluate(() => Math.floor(scrollY / innerHeight));
    const after = await waitFor(async () => {
      const screens = await witkoffScreens(page);
      return screens.drawn.some((top) => Math.floor(top / height) === middle + 2) ? screens : null;
    }, 'the name drawn around the middle of the page');
    const afterScreens = after.drawn.map((top) => Math.floor(top / height));
    expect(new Set(afterScreens).size).toBe(afterScreens.length);
    // The screens wholly inside the window (two screens above and below the viewport, which starts inside
    // screen `middle`); the one the window's top edge cuts counts only the mentions of the blocks it reaches.
    for (const screen of [middle - 1, middle, middle + 1, middle + 2]) {
      const index = afterScreens.indexOf(screen);
      expect(index, `screen ${screen} of ${JSON.stringify(afterScreens)}`).toBeGreaterThanOrEqual(0);
      expect(after.drawn[index]).toBe(after.firstOnScreen[screen]);
    }
    await page.close();
  });
});
