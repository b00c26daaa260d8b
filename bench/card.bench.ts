/**
 * How soon a card opens once the hover delay has passed (issue 11: within 50 ms, the first hover of a page
 * included, whose card data comes from the background on demand). Loads a demo article in a fresh tab of the
 * built extension (`npm run build` / `npm run build:firefox` first), rests the pointer on one mention, then on a
 * mention of another entity, and times from the page's own `pointermove` on the mention to the moment the card's
 * dialog is in our shadow root (a MutationObserver in the page sees it), less the hover delay in the settings.
 *
 *   npm run bench:card                      10 rounds in Chromium and in Firefox
 *   npm run bench:card -- --rounds 20 --browsers chromium
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BrowserName, type DriverPage, launch } from '../scripts/browsers.ts';
import { startDemoSite } from '../scripts/demo-site.ts';
import { type PageHighlight, readHighlights, waitFor } from '../scripts/page-probes.ts';
import { DEFAULT_SETTINGS } from '../src/core/settings-schema.ts';
import { freshMemoryLine } from './fresh-memory.ts';

const ROOT = join(import.meta.dirname, '..');
const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    browsers: { type: 'string', default: 'chromium,firefox' },
  },
});
const rounds = Number(options.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number of at least 1');
const browsers = options.browsers.split(',') as BrowserName[];

/** Starts watching for our card's dialog; `window.__cardOpenedAfterMove` then holds ms from the last move. */
function watchForCard(page: DriverPage): Promise<void> {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const state = window as unknown as { __lastMove: number; __cardOpenedAfterMove: number | null };
    state.__lastMove = 0;
    state.__cardOpenedAfterMove = null;
    document.addEventListener('pointermove', () => (state.__lastMove = performance.now()), { capture: true });
    const watch = new MutationObserver(() => {
      if (state.__cardOpenedAfterMove !== null) return;
      if ([...document.documentElement.children].some((e) => e.shadowRoot?.querySelector('[role="dialog"]')))
        state.__cardOpenedAfterMove = performance.now() - state.__lastMove;
    });
    // The host is made with the first card: watch its shadow root from then on, and look at once.
    const hosts = new MutationObserver(() => {
      for (const element of document.documentElement.children)
        if (element.shadowRoot) watch.observe(element.shadowRoot, { childList: true, subtree: true });
      if (state.__cardOpenedAfterMove !== null) return;
      if ([...document.documentElement.children].some((e) => e.shadowRoot?.querySelector('[role="dialog"]')))
        state.__cardOpenedAfterMove = performance.now() - state.__lastMove;
    });
    hosts.observe(document.documentElement, { childList: true });
    for (const element of document.documentElement.children)
      if (element.shadowRoot) watch.observe(element.shadowRoot, { childList: true, subtree: true });
  });
}

/** Rests the pointer on `target` and returns how long after that move the card opened, less the delay. */
async function timeHover(page: DriverPage, target: PageHighlight): Promise<number> {
  await page.evaluate(() => {
    (window as unknown as { __cardOpenedAfterMove: number | null }).__cardOpenedAfterMove = null;
  });
  await page.mouseMove(target.x, target.y);
  const after = await waitFor(
    () => page.evaluate(() => (window as unknown as { __cardOpenedAfterMove: number | null }).__cardOpenedAfterMove),
    'the card to open',
  );
  return after - DEFAULT_SETTINGS.hoverDelayMs;
}

/** Two highlights on screen of different entities (by text), the first near the top. */
async function twoMentions(page: DriverPage): Promise<[PageHighlight, PageHighlight]> {
  const onScreen = await waitFor(async () => {
    const list = (await readHighlights(page)).filter((h) => h.y > 40 && h.y < 860 && h.x > 0);
    const second = list.find((h) => h.text !== list[0]?.text);
    return list[0] && second ? ([list[0], second] as [PageHighlight, PageHighlight]) : null;
  }, 'two highlights on screen');
  return onScreen;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const { server, url } = await startDemoSite();
try {
  const rows: string[] = [];
  for (const name of browsers) {
    const driver = await launch(name, ROOT);
    const first: number[] = [];
    const later: number[] = [];
    try {
      for (let round = 0; round < rounds; round++) {
        const page = await driver.newPage();
        await page.goto(`${url}/article/trump-and-putin-to-meet`);
        const [a, b] = await twoMentions(page);
        await watchForCard(page);
        await page.mouseMove(2, 2);
        first.push(await timeHover(page, a));
        await page.mouseMove(2, 2);
        // Let the first card close before the second hover.
        await waitFor(
          () =>
            page.evaluate(
              () => ![...document.documentElement.children].some((e) => e.shadowRoot?.querySelector('[role="dialog"]')),
            ),
          'the first card to close',
        );
        later.push(await timeHover(page, b));
        console.log(
          `${name} round ${round + 1}: first hover ${fmt(first.at(-1) as number)}, later hover ${fmt(later.at(-1) as number)}`,
        );
        await page.close();
      }
    } finally {
      await driver.close();
    }
    rows.push(
      `| ${name.padEnd(8)} | ${fmt(median(first)).padStart(10)} | ${fmt(Math.max(...first)).padStart(10)} | ${fmt(median(later)).padStart(10)} | ${fmt(Math.max(...later)).padStart(10)} |`,
    );
  }
  console.log(freshMemoryLine());
  console.log(
    `\nCard opened after the hover delay (${DEFAULT_SETTINGS.hoverDelayMs} ms) ended, ${rounds} fresh tabs each (target: within 50 ms):`,
  );
  console.log('| browser  | first, median | first, max | later, median | later, max |');
  console.log('|----------|------------|------------|------------|------------|');
  for (const row of rows) console.log(row);
} finally {
  server.close();
}
