/**
 * A pack import as a reader makes it, timed in Debian's Chromium: a generated 10,000-entity pack handed to the
 * options page's file input of a fresh profile, until the options page lists it and until the background has
 * stored the tables compiled for it (the stored meta names the pack, polled every 50 ms). The file's text is put in
 * the page before the clock starts (the driver's transfer of 12.5 MB is not the reader's cost). Given several
 * builds (for example `main`'s and a branch's `.output/chrome-mv3`), it alternates them round by round, so
 * that the machine's load falls on each alike; prints each import and the medians per build.
 * Run: node --import tsx bench/pack-import-browser.bench.ts [ROUNDS] [BUILD_DIR...] (default: 3, .output/chrome-mv3)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromiumContext } from '../scripts/browsers.ts';
import { generatePackText } from './generate-pack.ts';

const [roundsArg, ...dirArgs] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const builds =
  dirArgs.length > 0 ? dirArgs.map((dir) => resolve(dir)) : [join(import.meta.dirname, '..', '.output', 'chrome-mv3')];
const ENTITIES = 10_000;
const text = generatePackText({ entities: ENTITIES });
const id = (JSON.parse(text) as { manifest: { id: string } }).manifest.id;
const times = new Map<string, { listed: number; stored: number }[]>(builds.map((dir) => [dir, []]));

/** In the options page: hands it the file kept in `window.__packText`, resolves with both times since. */
function timeImport(packId: string) {
  type Local = { get(key: string): Promise<{ compiledMeta?: { setKey?: string } }> };
  const page = window as unknown as { __packText: string; chrome: { storage: { local: Local } } };
  return new Promise<{ listed: number; stored: number }>((done) => {
    let listed = 0;
    const start = performance.now();
    new MutationObserver(() => {
      if (!listed && document.querySelector(`[data-pack="${packId}"]`)) listed = performance.now() - start;
    }).observe(document.body, { childList: true, subtree: true });
    // Polled, one small key: a change event would carry every stored table to this page first.
    const poll = setInterval(async () => {
      const { compiledMeta } = await page.chrome.storage.local.get('compiledMeta');
      if (!compiledMeta?.setKey?.includes(packId)) return;
      clearInterval(poll);
      done({ listed, stored: performance.now() - start });
    }, 50);
    const input = document.querySelector('input[type="file"][name="pack-file"]') as HTMLInputElement;
    const chosen = new DataTransfer();
    chosen.items.add(new File([page.__packText], 'generated.newscontext.json', { type: 'application/json' }));
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

for (let round = 0; round < rounds; round++) {
  // The order rotates every round.
  const order = builds.map((_, i) => builds[(i + round) % builds.length] as string);
  for (const dir of order) {
    const profile = mkdtempSync(join(tmpdir(), 'pack-import-browser-'));
    const { context, extensionBaseUrl } = await launchChromiumContext(dir, profile);
    try {
      const page = await context.newPage();
      await page.goto(`${extensionBaseUrl}/options.html`);
      await page.waitForSelector('.nc-datasets [data-pack]');
      await page.evaluate((packText) => {
        (window as unknown as { __packText: string }).__packText = packText;
      }, text);
      const [load] = loadavg();
      const time = await page.evaluate(timeImport, id);
      times.get(dir)?.push(time);
      console.log(
        `round ${round + 1} ${dir}: listed after ${time.listed.toFixed(0)} ms, tables stored after ${time.stored.toFixed(0)} ms (load average ${load?.toFixed(1)})`,
      );
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(
  `medians of ${rounds} imports of a ${ENTITIES}-entity pack (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB):`,
);
for (const [dir, list] of times) {
  console.log(
    `  ${dir}: listed ${median(list.map((t) => t.listed)).toFixed(0)} ms, tables stored ${median(list.map((t) => t.stored)).toFixed(0)} ms`,
  );
}
