/**
 * A pack import as a reader makes it, timed in Debian's Chromium or Firefox: a generated 10,000-entity pack
 * handed to the options page's file input of a fresh profile, until the options page lists it, until an
 * article open in another tab since before the import shows a mark of a person only the new pack has (the page
 * is not reloaded: the background tells it the packs changed and it matches its text again), and until the
 * background has stored the tables compiled for it (the stored meta names the pack, polled every 50 ms); and
 * until the popup, opened as the reader would once the pack is listed, with a name of the new pack typed into
 * its search, lists that person ("never" when it has not within 5 s of the store: it kept what it opened with,
 * as builds before 2 December 2026 did). The popup is the toolbar's, opened by the background's
 * `action.openPopup()` as the reader's click opens it, and driven from the options page, whose process it
 * shares (`extension.getViews`); Chromium 156 and Firefox ESR 153 both open it so. Where a browser will not, it
 * is the popup page in a new tab, as every run did before 4 December 2026 (a new tab costs the browser more than
 * the popup: in Chromium the open page was marked about 0.3 s later with it). Each import says which. The
 * article comes from this bench's own local HTTP server. The pages stamp their times themselves, on the clock
 * pages share (`performance.timeOrigin + performance.now()`): the article checks its highlights every 10 ms, the
 * options page watches its list and polls the meta, the popup checks its results every 10 ms; the bench reads
 * the stamps afterwards, so the driver's round trips are not in them. The file's text reaches the page with
 * the call that starts the import, and the clock starts when the file input's change event is dispatched, as
 * when the reader picks the file: not before the page has made a `File` of the 12.5 MB text, which a file picker
 * does not do (a picked file is the disk's) and which took 0.2 to 0.3 s of the options page (printed as "file
 * made"; the clock included it before 4 December 2026).
 * Given several builds (`.output/chrome-mv3` or `.output/firefox-mv2` directories, for example `main`'s and a
 * branch's), it alternates them round by round, so that the machine's load falls on each alike; prints each
 * import and the medians per build. A build's browser is read from its manifest (version 2: Firefox).
 * `--utf8` imports the same pack also in UTF-8 (the file as `pack build` wrote it before it wrote ASCII, and as
 * a hand-made pack may be), alternating with the ASCII file; `--no-popup` opens no popup (the popup's opening
 * shares the cores with the compile, and readers do not always open it).
 * Run: node --import tsx bench/pack-import-browser.bench.ts [--utf8] [--no-popup] [ROUNDS] [BUILD_DIR...]
 * (default: 3 rounds, .output/chrome-mv3)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Driver, type DriverPage, findFirefox, INSTALL_HINT, launchChromium } from '../scripts/browsers.ts';
import { launchFirefox } from '../scripts/firefox-driver.ts';
import { freshMemoryLine } from './fresh-memory.ts';
import { generatePackText } from './generate-pack.ts';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { utf8: { type: 'boolean', default: false }, 'no-popup': { type: 'boolean', default: false } },
});
const [roundsArg, ...dirArgs] = positionals;
const rounds = Number(roundsArg ?? 3);
const builds =
  dirArgs.length > 0 ? dirArgs.map((dir) => resolve(dir)) : [join(import.meta.dirname, '..', '.output', 'chrome-mv3')];
const withPopup = !flags['no-popup'];
const ENTITIES = 10_000;
const TIMEOUT_MS = 120_000;
const text = generatePackText({ entities: ENTITIES });
/** The same pack as UTF-8: the canonical JSON with its few accented letters as they are, not escaped. */
const utf8Text = `${JSON.stringify(JSON.parse(text))}\n`;
const forms = flags.utf8 ? (['ascii', 'utf8'] as const) : (['ascii'] as const);
type Form = (typeof forms)[number];
const fileText = (form: Form) => (form === 'utf8' ? utf8Text : text);
/** What one import runs: a build, and the pack's file in one form. */
const configurations = builds.flatMap((dir) => forms.map((form) => ({ dir, form })));
type Configuration = (typeof configurations)[number];
const labelOf = ({ dir, form }: Configuration) => (flags.utf8 ? `${dir} (${form} file)` : dir);
const pack = JSON.parse(text) as { manifest: { id: string }; entities: { kind: string; name: string }[] };
const id = pack.manifest.id;
/** A person only the new pack has (checked on the page before each import: unmarked until then). */
const newName = pack.entities.find((entity) => entity.kind === 'person')?.name ?? '';
/** A person of the bundled pack: marked on the article from the start, so the page is known to be scanned. */
const BUNDLED_NAME = 'Steve Witkoff';
const times = new Map<string, Times[]>(configurations.map((configuration) => [labelOf(configuration), []]));

interface Times {
  listed: number;
  marked: number;
  stored: number;
  /** When the popup, opened as soon as the pack was listed, first listed the new person for its name; NaN: never. */
  popup: number;
  /** How long the options page took to make a `File` of the text before the change event (not counted above). */
  fileMade: number;
  /** Which popup the reader opened: the toolbar's, the popup page in a tab, or none (`--no-popup`). */
  popupKind: 'toolbar' | 'tab' | 'none';
}

/** How long after the tables are stored the popup may take to list the new person before it counts as never. */
const POPUP_GRACE_MS = 5_000;

const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council news</title></head>
<body><article><h1>Talks resume after the weekend</h1>
<p>${newName} told reporters on Tuesday that the council would meet again after the weekend. ${BUNDLED_NAME}
was not expected at the meeting.</p></article></body></html>`;
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const articleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article`;

/** The browser a build is for, from its manifest. */
function launchBuild(dir: string): Promise<Driver> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { manifest_version: number };
  if (manifest.manifest_version === 3) return launchChromium(dir);
  const firefox = findFirefox();
  if (!firefox) throw new Error(INSTALL_HINT.firefox);
  return launchFirefox(firefox, dir);
}

/** Polls `probe` in Node until it gives a value. */
async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** In the article page: whether one of our highlights holds `name`. */
function isMarked(name: string): boolean {
  for (const [, highlight] of CSS.highlights)
    for (const range of highlight as unknown as Iterable<Range>) if (range.toString().includes(name)) return true;
  return false;
}

/** In the article page: stamps `data-marked-at` on the root the first time a highlight holds `name`. */
function stampWhenMarked(name: string): void {
  const check = setInterval(() => {
    for (const [, highlight] of CSS.highlights)
      for (const range of highlight as unknown as Iterable<Range>)
        if (range.toString().includes(name)) {
          document.documentElement.dataset.markedAt = String(performance.timeOrigin + performance.now());
          clearInterval(check);
          return;
        }
  }, 10);
}

/** In the background: opens the toolbar popup, as the reader's click does; false where the browser will not. */
async function openToolbarPopup(_: unknown, background: typeof globalThis): Promise<boolean> {
  type Action = { openPopup(): Promise<void> };
  type Api = { action?: Action; browserAction?: Action };
  const api = (background as unknown as { browser?: Api }).browser ?? (background as unknown as { chrome: Api }).chrome;
  const action = api.action ?? api.browserAction;
  if (!action) return false;
  try {
    await action.openPopup();
    return true;
  } catch {
    return false;
  }
}

/**
 * Types `name` into the popup's search once the popup is there, and stamps `data-found-at` on the root of the
 * page it runs in (on the clock pages share) the first time a result row holds it; the popup may show the new
 * pack only once its data is replaced. Run in the popup page itself (`toolbar` false), or in the options page for
 * the toolbar's popup, which shares its process (`extension.getViews`). False while there is no popup yet.
 */
function stampWhenFound([name, toolbar]: readonly [string, boolean]): boolean {
  type Extension = { getViews(filter: { type: string }): (Window & typeof globalThis)[] };
  const api =
    (globalThis as unknown as { browser?: { extension: Extension } }).browser ??
    (globalThis as unknown as { chrome: { extension: Extension } }).chrome;
  const views = toolbar ? api.extension.getViews({ type: 'popup' }) : [window];
  const view = views.find((open) => open.document.querySelector('.nc-search'));
  if (!view) return false;
  const input = view.document.querySelector('.nc-search') as HTMLInputElement;
  input.value = name;
  input.dispatchEvent(new view.Event('input', { bubbles: true }));
  const check = setInterval(() => {
    const rows = view.document.querySelectorAll('[role="option"]');
    if ([...rows].some((row) => row.textContent?.includes(name))) {
      document.documentElement.dataset.foundAt = String(performance.timeOrigin + performance.now());
      clearInterval(check);
    }
  }, 10);
  return true;
}

/**
 * In the options page: hands it the file, and stamps on the root when it started (on the clock pages share),
 * and after how long the pack was listed and its tables stored.
 */
function startImport([packText, packId]: readonly [string, string]): void {
  type Local = { get(key: string): Promise<{ compiledMeta?: { setKey?: string } }> };
  const api =
    (globalThis as unknown as { browser?: { storage: { local: Local } } }).browser ??
    (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome;
  const stamps = document.documentElement.dataset;
  const making = performance.now();
  const input = document.querySelector('input[type="file"][name="pack-file"]') as HTMLInputElement;
  const chosen = new DataTransfer();
  chosen.items.add(new File([packText], 'generated.newscontext.json', { type: 'application/json' }));
  input.files = chosen.files;
  const start = performance.now();
  stamps.fileMade = String(start - making);
  stamps.startedAt = String(performance.timeOrigin + start);
  new MutationObserver(() => {
    if (!stamps.listed && document.querySelector(`[data-pack="${packId}"]`)) {
      stamps.listed = String(performance.now() - start);
    }
  }).observe(document.body, { childList: true, subtree: true });
  // Polled, one small key: a change event would carry every stored table to this page first.
  const poll = setInterval(async () => {
    const { compiledMeta } = await api.storage.local.get('compiledMeta');
    if (!compiledMeta?.setKey?.includes(packId)) return;
    clearInterval(poll);
    stamps.stored = String(performance.now() - start);
  }, 50);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const stampsOf = (page: DriverPage) => page.evaluate(() => ({ ...document.documentElement.dataset }));

async function importOnce(dir: string, form: Form): Promise<Times> {
  const driver = await launchBuild(dir);
  try {
    // The reader's article, open before the import: its bundled mark shows the page was scanned.
    const reading = await driver.newPage();
    await reading.goto(articleUrl);
    await until(() => reading.evaluate(isMarked, BUNDLED_NAME), 'the article to be marked');
    if (await reading.evaluate(isMarked, newName)) throw new Error(`${newName} is marked before the import`);
    await reading.evaluate(stampWhenMarked, newName);
    const options = await driver.newPage();
    await options.goto(`${driver.extensionBaseUrl}/options.html`);
    await until(() => options.evaluate(() => document.querySelector('.nc-datasets [data-pack]') !== null), 'the list');
    await options.evaluate(startImport, [fileText(form), id] as const);
    // The reader sees the pack listed, opens the popup and searches for a name of it.
    await until(() => stampsOf(options).then((found) => found.listed), 'the pack to be listed');
    // The toolbar's popup where the browser opens it on the background's word; else the popup page in a tab.
    const toolbar = withPopup && (await driver.evaluateInBackground(openToolbarPopup));
    const popup = withPopup && !toolbar ? await driver.newPage() : undefined;
    if (toolbar) await until(() => options.evaluate(stampWhenFound, [newName, true] as const), 'the toolbar popup');
    else if (popup) {
      await popup.goto(`${driver.extensionBaseUrl}/popup.html`);
      await until(() => popup.evaluate(stampWhenFound, [newName, false] as const), 'the popup');
    }
    const stamps = await until(async () => {
      const found = await stampsOf(options);
      return found.stored && found.listed ? found : null;
    }, 'the tables to be stored');
    const markedAt = await until(() => stampsOf(reading).then((found) => found.markedAt), 'the article’s new mark');
    const foundBy = Date.now() + POPUP_GRACE_MS;
    let foundAt: string | undefined;
    const popupStamps = toolbar ? options : popup;
    while (popupStamps && !foundAt && Date.now() < foundBy) {
      foundAt = (await stampsOf(popupStamps)).foundAt;
      await new Promise((done) => setTimeout(done, 100));
    }
    return {
      listed: Number(stamps.listed),
      marked: Number(markedAt) - Number(stamps.startedAt),
      stored: Number(stamps.stored),
      popup: foundAt ? Number(foundAt) - Number(stamps.startedAt) : Number.NaN,
      fileMade: Number(stamps.fileMade),
      popupKind: toolbar ? 'toolbar' : popup ? 'tab' : 'none',
    };
  } finally {
    await driver.close();
  }
}

/** A popup time as printed: "never" when the popup never listed the new person (it kept the output it opened with). */
const popupTime = (ms: number) =>
  !withPopup
    ? 'not opened'
    : Number.isNaN(ms)
      ? `never (within ${POPUP_GRACE_MS} ms of the store)`
      : `${ms.toFixed(0)} ms`;
/** The median of the popup's times, the nevers counted as the slowest. */
const popupMedian = (values: number[]) => {
  if (!withPopup) return popupTime(Number.NaN);
  const never = values.filter(Number.isNaN).length;
  const sorted = [
    ...values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b),
    ...Array(never).fill(Number.NaN),
  ];
  const middle = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `${popupTime(middle)}${never ? `; never in ${never} of ${values.length}` : ''}`;
};
console.log(`before: ${freshMemoryLine()}`);
for (let round = 0; round < rounds; round++) {
  // The order rotates every round.
  const order = configurations.map((_, i) => configurations[(i + round) % configurations.length] as Configuration);
  for (const configuration of order) {
    const [load] = loadavg();
    const time = await importOnce(configuration.dir, configuration.form);
    const label = labelOf(configuration);
    times.get(label)?.push(time);
    console.log(
      `round ${round + 1} ${label}: listed after ${time.listed.toFixed(0)} ms, page marked after ${time.marked.toFixed(0)} ms, tables stored after ${time.stored.toFixed(0)} ms, ${time.popupKind} popup found it after ${popupTime(time.popup)} (file made in ${time.fileMade.toFixed(0)} ms; load average ${load?.toFixed(1)})`,
    );
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(
  `medians of ${rounds} imports of a ${ENTITIES}-entity pack (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB${flags.utf8 ? `; ${(Buffer.byteLength(utf8Text) / 1e6).toFixed(1)} MB as UTF-8` : ''}):`,
);
for (const [dir, list] of times) {
  console.log(
    `  ${dir}: listed ${median(list.map((t) => t.listed)).toFixed(0)} ms, page marked ${median(list.map((t) => t.marked)).toFixed(0)} ms, tables stored ${median(list.map((t) => t.stored)).toFixed(0)} ms, popup found it ${popupMedian(list.map((t) => t.popup))} (file made in ${median(list.map((t) => t.fileMade)).toFixed(0)} ms)`,
  );
}
console.log(`after: ${freshMemoryLine()}`);
server.close();
