import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import { startDemoSite } from '../../scripts/demo-site.ts';
import { waitForCardToSettle } from '../../scripts/page-probes.ts';
import {
  ARTIFACTS,
  describeInBrowsers,
  hover,
  mutationsSinceLoad,
  OBSERVER_SCRIPT,
  OUR_HIGHLIGHT,
  OUR_MARK,
  readCard,
  readHighlights,
  scrollToHighlight,
  waitFor,
} from './harness.ts';

const site = await startDemoSite(0, OBSERVER_SCRIPT);
afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

/** Each highlight's text and the region it sits in: the page chrome's element, or the article. */
function marksByRegion(page: DriverPage): Promise<{ text: string; region: string }[]> {
  return page.evaluate((pattern) => {
    const ours = new RegExp(pattern);
    const out: { text: string; region: string }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!ours.test(name)) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        const element = range.startContainer.parentElement;
        const chrome = element?.closest('nav, footer, button, aside');
        const region = chrome ? chrome.tagName.toLowerCase() : element?.closest('article') ? 'article' : 'elsewhere';
        out.push({ text: range.toString(), region });
      }
    }
    return out;
  }, OUR_HIGHLIGHT);
}

/** Waits until the number of highlights holds still (the scan has reached the footer). */
async function settled(page: DriverPage): Promise<void> {
  let last = -1;
  await waitFor(async () => {
    const count = (await readHighlights(page)).length;
    const still = count === last;
    last = count;
    if (!still) await new Promise((resolve) => setTimeout(resolve, 400));
    return still;
  }, 'the highlights to settle');
}

/**
 * Marks per 100 words of the article as a reader scrolling it sees them: the page is scrolled a screen at a time
 * and every drawn mark met on the way is counted once (only blocks near the viewport are drawn at any moment).
 */
async function drawnDensity(page: DriverPage): Promise<{ marks: number; words: number }> {
  const seen = new Set<string>();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let top = 0; top < height; top += 450) {
    await page.evaluate((y) => window.scrollTo(0, y), top);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const marks = await page.evaluate((pattern) => {
      const ours = new RegExp(pattern);
      const out: string[] = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!ours.test(name)) continue;
        for (const range of highlight as unknown as Iterable<Range>) {
          const rect = range.getBoundingClientRect();
          if (range.startContainer.parentElement?.closest('article'))
            out.push(`${range.toString()}@${Math.round(rect.top + scrollY)}:${Math.round(rect.left)}`);
        }
      }
      return out;
    }, OUR_MARK);
    for (const mark of marks) seen.add(mark);
  }
  const words = await page.evaluate(
    () => (document.querySelector('article')?.textContent ?? '').split(/\s+/).filter(Boolean).length,
  );
  return { marks: seen.size, words };
}

describeInBrowsers('the extension', (browser) => {
  const { name } = browser;
  let page: DriverPage;

  beforeAll(async () => {
    page = await browser.driver.newPage();
  });

  it('marks Witkoff and the Alaska summit on the demo site', async () => {
    // The demo page renders "<b>Steve</b> Witkoff": the full name is one mention across the markup.
    await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    expect(witkoff).toMatchObject({ kind: 'person', text: 'Steve Witkoff' });
    await page.goto(`${site.url}/article/trump-begins-effort-to-broker-talks`);
    const summit = await scrollToHighlight(page, 'Alaska summit');
    expect(summit.kind).toBe('event');
  });

  it('marks "US" and "Europe" in the article, not in the navigation, share bar or footer', async () => {
    await page.goto(`${site.url}/article/trump-moves-to-arrange-summit`);
    await scrollToHighlight(page, 'Europe');
    await settled(page);
    // The chrome does name them: the section links, the share bar's "Follow US", the footer's editions.
    const chrome = await page.evaluate(() =>
      ['nav', '.share', 'footer'].map((selector) => document.querySelector(selector)?.textContent ?? ''),
    );
    for (const text of chrome) expect(text).toMatch(/\b(US|Europe)\b/);
    const marks = await marksByRegion(page);
    expect(marks.filter((m) => m.region !== 'article')).toEqual([]);
    expect(marks.filter((m) => m.text === 'US').map((m) => m.region)).toEqual(['article']);
    expect(marks.filter((m) => m.text === 'Europe').map((m) => m.region)).toEqual(['article']);
  });

  it('opens a card named after the entity on hover, and Escape closes it', async () => {
    await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    const card = await waitFor(() => readCard(page), 'the card to open');
    expect(card.name).toBe('Steve Witkoff');
    expect(card.text).toMatch(/special envoy/i);
    await waitForCardToSettle(page);
    await page.screenshot(`${ARTIFACTS}/${name}-demo-site-card.png`);

    await page.press('Escape');
    await waitFor(async () => (await readCard(page)) === null, 'the card to close');
  });

  it('marks quietly by default: each name once per screen and section, at most 10 marks per 100 words', async () => {
    await page.setViewport(800, 900);
    await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
    await scrollToHighlight(page, 'Witkoff');
    const { marks, words } = await drawnDensity(page);
    const density = (100 * marks) / words;
    console.log(`${name}: ${marks} marks drawn over ${words} words (${density.toFixed(1)} per 100 words)`);
    expect(marks).toBeGreaterThan(10);
    expect(density).toBeLessThanOrEqual(10);
    await page.setViewport(1280, 900);
  });

  it('leaves the page DOM as it was, apart from the one host element of the card', async () => {
    await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    await waitFor(() => readCard(page), 'the card to open');
    const { hostTag, ours, others } = await mutationsSinceLoad(page);
    // The host's tag is random per page and names nothing (no "news-context" for the page to find).
    expect(hostTag).toMatch(/^[A-Z][A-Z0-9]{4}-[A-Z][A-Z0-9]{4}$/);
    expect(ours).toEqual([{ type: 'childList', target: 'HTML', attribute: null, added: [hostTag], removed: [] }]);
    expect(others, JSON.stringify(others.slice(0, 5))).toEqual([]);
  });
});
