/**
 * A pack import as a reader makes it, timed in Debian's Chromium: a generated 10,000-entity pack handed to the
 * options page's file input of a fresh profile, until the options page lists it, until an article open in
 * another tab since before the import shows a mark of a person only the new pack has (the page is not
 * reloaded: the background tells it the packs changed and it matches its text again), and until the background
 * has stored the tables compiled for it (the stored meta names the pack, polled every 50 ms). The article comes
 * from this bench's own local HTTP server; both pages stamp their times on the same clock
 * (`performance.timeOrigin + performance.now()`), the article checking its highlights every 10 ms. The file's
 * text is put in the page before the clock starts (the driver's transfer of 12.5 MB is not the reader's cost).
 * Given several builds (for example `main`'s and a branch's `.output/chrome-mv3`), it alternates them round by
 * round, so that the machine's load falls on each alike; prints each import and the medians per build.
 * Run: node --import tsx bench/pack-import-browser.bench.ts [ROUNDS] [BUILD_DIR...] (default: 3, .output/chrome-mv3)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
const pack = JSON.parse(text) as { manifest: { id: string }; entities: { kind: string; name: string }[] };
const id = pack.manifest.id;
/** A person only the new pack has (checked on the page before each import: unmarked until then). */
const newName = pack.entities.find((entity) => entity.kind === 'person')?.name ?? '';
/** A person of the bundled pack: marked on the article from the start, so the page is known to be scanned. */
const BUNDLED_NAME = 'Steve Witkoff';
const times = new Map<string, Times[]>(builds.map((dir) => [dir, []]));

interface Times {
  listed: number;
  marked: number;
  stored: number;
}

const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council news</title></head>
<body><article><h1>Talks resume after the weekend</h1>
<p>${newName} told reporters on Tuesday that the council would meet again after the weekend. ${BUNDLED_NAME}
was not expected at the meeting.</p></article></body></html>`;
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const articleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article`;

/** In the article page: now, on the clock pages share, if one of our highlights holds `name`; else 0. */
function markedAt(name: string): number {
  for (const [, highlight] of CSS.highlights)
    for (const range of highlight as unknown as Iterable<Range>)
      if (range.toString().includes(name)) return performance.timeOrigin + performance.now();
  return 0;
}

/**
 * In the options page: hands it the file kept in `window.__packText`, resolves with both times since and the
 * moment it started, on the clock pages share.
 */
function timeImport(packId: string) {
  type Local = { get(key: string): Promise<{ compiledMeta?: { setKey?: string } }> };
  const page = window as unknown as { __packText: string; chrome: { storage: { local: Local } } };
  return new Promise<{ listed: number; stored: number; startedAt: number }>((done) => {
    let listed = 0;
    const start = performance.now();
    const startedAt = performance.timeOrigin + start;
    new MutationObserver(() => {
      if (!listed && document.querySelector(`[data-pack="${packId}"]`)) listed = performance.now() - start;
    }).observe(document.body, { childList: true, subtree: true });
    // Polled, one small key: a change event would carry every stored table to this page first.
    const poll = setInterval(async () => {
      const { compiledMeta } = await page.chrome.storage.local.get('compiledMeta');
      if (!compiledMeta?.setKey?.includes(packId)) return;
      clearInterval(poll);
      done({ listed, stored: performance.now() - start, startedAt });
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
      // The reader's article, open before the import: its bundled mark shows the page was scanned.
      const reading = await context.newPage();
      await reading.goto(articleUrl);
      await reading.waitForFunction(markedAt, BUNDLED_NAME);
      if (await reading.evaluate(markedAt, newName)) throw new Error(`${newName} is marked before the import`);
      // Checked in the page every 10 ms from before the file is chosen; its first stamp is the answer.
      const marked = reading.waitForFunction(markedAt, newName, { polling: 10, timeout: 60_000 });
      const page = await context.newPage();
      await page.goto(`${extensionBaseUrl}/options.html`);
      await page.waitForSelector('.nc-datasets [data-pack]');
      await page.evaluate((packText) => {
        (window as unknown as { __packText: string }).__packText = packText;
      }, text);
      const [load] = loadavg();
      const { listed, stored, startedAt } = await page.evaluate(timeImport, id);
      const time = { listed, marked: (await (await marked).jsonValue()) - startedAt, stored };
      times.get(dir)?.push(time);
      console.log(
        `round ${round + 1} ${dir}: listed after ${listed.toFixed(0)} ms, page marked after ${time.marked.toFixed(0)} ms, tables stored after ${stored.toFixed(0)} ms (load average ${load?.toFixed(1)})`,
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
    `  ${dir}: listed ${median(list.map((t) => t.listed)).toFixed(0)} ms, page marked ${median(list.map((t) => t.marked)).toFixed(0)} ms, tables stored ${median(list.map((t) => t.stored)).toFixed(0)} ms`,
  );
}
server.close();
