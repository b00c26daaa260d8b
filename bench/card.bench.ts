/**
 * How soon a card opens once the hover delay has passed (issue 11: within 50 ms, the first hover of a page
 * included, whose card data comes from the background on demand). Loads a demo article in a fresh tab of the
 * built extension (`npm run build` / `npm run build:firefox` first), rests the pointer on one mention, then on a
 * mention of another entity, and times from the page's own `pointermove` on the mention (the event's time) to the
 * moment the card has been drawn (see `watchForCard`), less the hover delay in the settings; and the longest task the page
 * saw meanwhile (Chromium reports long tasks to pages; Firefox does not).
 *
 *   npm run bench:card                      10 rounds in Chromium and in Firefox
 *   npm run bench:card -- --rounds 20 --browsers chromium
 *   npm run bench:card -- --root . --root ../other-checkout     the two builds alternating, round by round
 */
import { join, resolve } from 'node:path';
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
    /** Project folders whose `.output` builds alternate, round by round (default: this one). */
    root: { type: 'string', multiple: true },
  },
});
const roots = options.root?.length ? options.root.map((root) => resolve(root)) : [ROOT];
const rounds = Number(options.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number of at least 1');
const browsers = options.browsers.split(',') as BrowserName[];

/**
 * Starts watching for our card to be shown; `window.__cardOpenedAfterMove` then holds ms from the last move.
 * Shown is the card's popover opening (its `beforetoggle` event, in the capture phase at our shadow root, or the
 * popover found open when the host appears: a card may be in the shadow root before, rendered hidden during the
 * hover delay), and the time taken is until the frame that shows it has been drawn.
 */
function watchForCard(page: DriverPage): Promise<void> {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const state = window as unknown as {
      __lastMove: number;
      __cardOpenedAfterMove: number | null;
      __longestTask: number | null;
    };
    state.__lastMove = 0;
    state.__cardOpenedAfterMove = null;
    // The longest task from here on, as the page sees it (Chromium's long-task entries; null elsewhere).
    state.__longestTask = null;
    if (PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
      state.__longestTask = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.__longestTask = Math.max(state.__longestTask ?? 0, entry.duration);
      }).observe({ type: 'longtask' });
    }
    // When the move happened (its event's time), not when the page's listener ran: an event can wait in the queue.
    document.addEventListener('pointermove', (event) => (state.__lastMove = event.timeStamp), { capture: true });
    const watched = new WeakSet<ShadowRoot>();
    // The card is drawn once the frame it is shown in has been rendered: a task queued from that frame's
    // animation callbacks runs after its style, layout and paint.
    const drawn = [
      () =>
        requestAnimationFrame(() =>
          setTimeout(() => {
            state.__cardOpenedAfterMove ??= performance.now() - state.__lastMove;
          }, 0),
        ),
    ];
    // In a list, not a named constant: the page has no helper for the names tsx gives functions.
    const watchRoots = [
      () => {
        for (const element of document.documentElement.children) {
          const root = element.shadowRoot;
          if (!root || watched.has(root)) continue;
          watched.add(root);
          root.addEventListener(
            'beforetoggle',
            (event) => {
              if ((event as ToggleEvent).newState === 'open') drawn[0]?.();
            },
            { capture: true },
          );
          // A host made and shown in one task (the first card, unless rendered hidden before): open already.
          if (root.querySelector(':popover-open')) drawn[0]?.();
        }
      },
    ];
    // The host is made with the first card (or its hidden render): watch its shadow root from then on.
    new MutationObserver(() => watchRoots[0]?.()).observe(document.documentElement, { childList: true });
    watchRoots[0]?.();
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
    // One browser per build, each with its own profile; the builds take turns round by round.
    const drivers = await Promise.all(roots.map((root) => launch(name, root)));
    const first = roots.map((): number[] => []);
    const later = roots.map((): number[] => []);
    try {
      for (let round = 0; round < rounds; round++) {
        for (const [b, driver] of drivers.entries()) {
          const page = await driver.newPage();
          await page.goto(`${url}/article/trump-and-putin-to-meet`);
          const [one, other] = await twoMentions(page);
          await watchForCard(page);
          await page.mouseMove(2, 2);
          first[b]?.push(await timeHover(page, one));
          await page.mouseMove(2, 2);
          // Let the first card close before the second hover.
          await waitFor(
            () =>
              page.evaluate(
                () => ![...document.documentElement.children].some((e) => e.shadowRoot?.querySelector(':popover-open')),
              ),
            'the first card to close',
          );
          later[b]?.push(await timeHover(page, other));
          const longest = await page.evaluate(
            () => (window as unknown as { __longestTask: number | null }).__longestTask,
          );
          const label = roots.length > 1 ? `${name} ${roots[b]}` : name;
          console.log(
            `${label} round ${round + 1}: first hover ${fmt(first[b]?.at(-1) as number)}, later hover ${fmt(later[b]?.at(-1) as number)}, longest task over 50 ms the page saw meanwhile: ${longest === null ? 'not reported by this browser' : longest ? fmt(longest) : 'none'}`,
          );
          await page.close();
        }
      }
    } finally {
      await Promise.all(drivers.map((driver) => driver.close()));
    }
    for (const [b, root] of roots.entries()) {
      const label = roots.length > 1 ? `${name} ${root}` : name;
      const f = first[b] ?? [];
      const l = later[b] ?? [];
      rows.push(
        `| ${label.padEnd(8)} | ${fmt(median(f)).padStart(10)} | ${fmt(Math.max(...f)).padStart(10)} | ${fmt(median(l)).padStart(10)} | ${fmt(Math.max(...l)).padStart(10)} |`,
      );
    }
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
