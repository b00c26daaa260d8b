/**
 * The content script's cost on real-looking pages, side by side in one run (issue 11): a generated ~1 MB
 * news live blog, a set of ordinary 2–10 KB article pages and one article that mentions nothing of the
 * dataset (what most pages cost), served from 127.0.0.1, each loaded in Debian's
 * Chromium in three configurations: none (a bare extension), ours (`.output/chrome-mv3`, `npm run build`
 * first) and mark.js (a reference extension built here from the same aliases, see bench/markjs-reference),
 * and with `--floor` a fourth, the floor (bench/floor-reference).
 * Rounds alternate the configurations (the order rotates every round) on a fresh tab each time, and the
 * tables give medians, each extension's cost paired with the bare page's load of the same round.
 *
 *   npm run bench:page                       5 rounds on the 1 MB page, 3 on every article
 *   npm run bench:page -- --quick            2 and 1
 *   npm run bench:page -- --rounds 3 --article-rounds 2 --pages live|articles --dump-trace /tmp/dir
 *   npm run bench:page -- --pack 10000       ours with a generated 10,000-entity pack imported and enabled
 *   npm run bench:page -- --ours DIR         another Chromium build (or any MV3 extension) measured as ours
 *   npm run bench:page -- --floor            a fourth configuration, the floor (bench/floor-reference): the least
 *                                            a highlighter that matches page text in its background does (one
 *                                            walk, one message, one highlight), to tell our cost on a page from
 *                                            any such extension's on this machine
 *   npm run bench:page -- --jit              also counts V8's optimising compiles (Maglev, Turbofan) in the page's
 *                                            renderer: background CPU the content script's code costs every page,
 *                                            taken from the cores the page's main thread shares (the extra trace
 *                                            category costs something itself: compare such runs with each other)
 *
 * `--pack N` imports a generated N-entity pack (bench/generate-pack.ts) into our profile through the options
 * page, as a reader would, and waits until the background has stored its compiled tables before any load.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { launchChromiumContext } from '../scripts/browsers.ts';
import { buildFloorReference } from './floor-reference/build-floor.ts';
import { freshMemoryLine } from './fresh-memory.ts';
import { generatePackText } from './generate-pack.ts';
import { buildBareExtension, buildMarkjsReference } from './markjs-reference/build-reference.ts';
import { installPackThroughOptions } from './page-bench/install-pack.ts';
import { type ConfigName, configsInUse, type LoadResult, measureLoad } from './page-bench/measure-load.ts';
import { articlePages, type BenchPage, fullSitePage, liveBlogPage, offTopicPage } from './page-bench/pages.ts';
import { type ConfigPairs, loadLine, metricsTable, type Paired, perPageTable } from './page-bench/report.ts';

const ROOT = join(import.meta.dirname, '..');

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string' },
    'article-rounds': { type: 'string' },
    quick: { type: 'boolean', default: false },
    pages: { type: 'string', default: 'live,articles' },
    'dump-trace': { type: 'string' },
    pack: { type: 'string' },
    ours: { type: 'string' },
    floor: { type: 'boolean', default: false },
    jit: { type: 'boolean', default: false },
  },
});
/** The configurations measured, in the order the rounds rotate over. */
const CONFIGS = configsInUse({ floor: options.floor });
/** The build measured as ours: `npm run build`'s, unless `--ours` names another (an older build, for an A/B). */
const OURS = options.ours ? resolve(options.ours) : join(ROOT, '.output', 'chrome-mv3');
const packSize = options.pack === undefined ? undefined : Number(options.pack);
if (packSize !== undefined && (!Number.isInteger(packSize) || packSize < 1))
  throw new Error(`--pack takes a number of entities, not "${options.pack}"`);
const rounds = Number(options.rounds ?? (options.quick ? 2 : 5));
const articleRounds = Number(options['article-rounds'] ?? (options.quick ? 1 : 3));
const kinds = new Set(options.pages.split(','));
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(articleRounds) || articleRounds < 1)
  throw new Error('--rounds and --article-rounds take a whole number of at least 1');

/** Our content scripts (from the built manifest) with their size and gzip size. */
function contentScriptSize(dir: string, files: string[]): { bytes: number; gzip: number } {
  const buffers = files.map((file) => readFileSync(join(dir, file)));
  return {
    bytes: buffers.reduce((sum, b) => sum + b.length, 0),
    gzip: buffers.reduce((sum, b) => sum + gzipSync(b).length, 0),
  };
}

/**
 * Our scripts as a page gets them: the content scripts and the modules they import on every page (Chromium's
 * builds: modules/content-script-as-module.ts), and apart, what is run only when a card may be wanted (the card's
 * UI, `card-ui.js`).
 */
function oursScripts(): { everyPage: string[]; onDemand: string[] } {
  let manifest: { content_scripts?: { js?: string[] }[]; web_accessible_resources?: { resources?: string[] }[] };
  try {
    manifest = JSON.parse(readFileSync(join(OURS, 'manifest.json'), 'utf8'));
  } catch {
    throw new Error(`No built extension in ${OURS}: run \`npm run build\` first.`);
  }
  const modules = (manifest.web_accessible_resources ?? [])
    .flatMap((w) => w.resources ?? [])
    .filter((f) => f.endsWith('.js'));
  const isCardUi = (file: string) => file.startsWith('card-ui');
  return {
    everyPage: [...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? []), ...modules.filter((f) => !isCardUi(f))],
    onDemand: modules.filter(isCardUi),
  };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

const work = mkdtempSync(join(tmpdir(), 'news-context-bench-page-'));
const pages = new Map<string, BenchPage>();
const live = liveBlogPage(ROOT);
const articles = articlePages(ROOT);
const noMention = offTopicPage();
const fullSite = fullSitePage(ROOT);
for (const page of [live, ...articles, noMention, fullSite]) pages.set(page.path, page);
const server = createServer((request, response) => {
  const page = pages.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(page?.html ?? 'Not found');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const contexts = new Map<ConfigName, BrowserContext>();
try {
  const ourFiles = oursScripts();
  const reference = await buildMarkjsReference(ROOT, join(work, 'markjs-reference'));
  const bare = buildBareExtension(join(work, 'none'));
  const floor = options.floor ? await buildFloorReference(ROOT, join(work, 'floor-reference')) : undefined;
  const dirs: Record<ConfigName, string | undefined> = {
    none: bare,
    ours: OURS,
    'mark.js': reference.dir,
    floor: floor?.dir,
  };
  for (const config of CONFIGS) {
    const profile = join(work, `profile-${config.replace('.', '')}`);
    mkdirSync(profile);
    const launched = await launchChromiumContext(dirs[config] as string, profile);
    contexts.set(config, launched.context);
    if (config === 'ours' && packSize !== undefined) {
      const text = generatePackText({ entities: packSize });
      const install = await installPackThroughOptions(
        launched.context,
        launched.extensionBaseUrl,
        `generated-${packSize}.newscontext.json`,
        text,
      );
      console.log(
        `pack ${install.id} (${packSize} entities, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB) imported through the options page into ours: listed after ${install.listedMs} ms, compiled and stored after ${install.compiledMs} ms`,
      );
    }
  }
  const ourSize = contentScriptSize(OURS, ourFiles.everyPage);
  const cardSize = contentScriptSize(OURS, ourFiles.onDemand);
  const scriptSize = (script: string) => contentScriptSize(dirname(script), [basename(script)]);
  const markSize = scriptSize(reference.script);
  const floorSize = floor && scriptSize(floor.script);
  console.log(
    `Chromium ${contexts.get('none')?.browser()?.version() ?? '(version unknown)'}; content script: ours ${(ourSize.bytes / 1000).toFixed(1)} KB (gzip ${(ourSize.gzip / 1000).toFixed(1)} KB, ${ourFiles.everyPage.join(', ')}; and on a card's first need ${(cardSize.bytes / 1000).toFixed(1)} KB, ${ourFiles.onDemand.join(', ')}), mark.js reference ${(markSize.bytes / 1000).toFixed(1)} KB (gzip ${(markSize.gzip / 1000).toFixed(1)} KB)${floorSize ? `, floor ${floorSize.bytes.toLocaleString('en')} bytes (gzip ${floorSize.gzip.toLocaleString('en')})` : ''}`,
  );

  console.log(freshMemoryLine());
  let loadNumber = 0;
  const dumpDir = options['dump-trace'];
  if (dumpDir) mkdirSync(dumpDir, { recursive: true });
  const load = (config: ConfigName, page: BenchPage) => {
    loadNumber++;
    return measureLoad(contexts.get(config) as BrowserContext, config, `${base}${page.path}?load=${loadNumber}`, {
      dumpTrace: dumpDir && join(dumpDir, `${loadNumber}-${config}${page.path.replace(/\//g, '_')}.json`),
      expectMarks: page.expectsMarks !== false,
      jit: options.jit,
    });
  };

  // One untimed load per browser first: the first tab of a fresh browser pays for warming up its caches.
  const [warmUp] = articles;
  if (warmUp) for (const config of CONFIGS) await load(config, warmUp);

  /** Runs `roundCount` rounds over `set`, the configurations in a rotating order; per page, the paired loads. */
  async function runRounds(set: BenchPage[], roundCount: number): Promise<Map<BenchPage, ConfigPairs>> {
    const results = new Map(set.map((page) => [page, new Map<ConfigName, LoadResult[]>(CONFIGS.map((c) => [c, []]))]));
    for (let round = 0; round < roundCount; round++) {
      for (const [index, page] of set.entries()) {
        for (const config of rotate(CONFIGS, round + index)) {
          const result = await load(config, page);
          results.get(page)?.get(config)?.push(result);
          console.log(loadLine(page.label, round + 1, result));
        }
      }
    }
    return new Map(
      [...results].map(([page, byConfig]) => {
        const none = byConfig.get('none') as LoadResult[];
        const pairs = Object.fromEntries(
          CONFIGS.map((c) => [c, { loads: byConfig.get(c) as LoadResult[], none }]),
        ) as ConfigPairs;
        return [page, pairs];
      }),
    );
  }

  const tables: string[] = [];
  if (kinds.has('live')) {
    console.log(`\n${live.label}: ${rounds} rounds`);
    const pairs = (await runRounds([live], rounds)).get(live) as ConfigPairs;
    tables.push(`\n### ${live.label}, ${rounds} rounds\n\n${metricsTable(pairs)}`);
  }
  if (kinds.has('articles')) {
    console.log(
      `\n${articles.length} article pages, one without any mention and one in a full site page: ${articleRounds} rounds`,
    );
    const byPage = await runRounds([...articles, noMention, fullSite], articleRounds);
    const withMentions = articles.map((page) => byPage.get(page) as ConfigPairs);
    const merged = Object.fromEntries(
      CONFIGS.map((c) => [
        c,
        {
          loads: withMentions.flatMap((p) => (p[c] as Paired).loads),
          none: withMentions.flatMap((p) => (p[c] as Paired).none),
        },
      ]),
    ) as ConfigPairs;
    const sizes = articles.map((a) => a.textBytes / 1000);
    tables.push(
      `\n### ${articles.length} article pages (${Math.min(...sizes).toFixed(1)}–${Math.max(...sizes).toFixed(1)} KB of text), ${articleRounds} rounds, all loads\n\n${metricsTable(merged)}\n\n${perPageTable([...byPage].map(([page, pairs]) => ({ label: page.label, pairs })))}`,
      `\n### ${noMention.label}, ${articleRounds} rounds: what a page the dataset does not touch pays\n\n${metricsTable(byPage.get(noMention) as ConfigPairs)}`,
      `\n### ${fullSite.label}, ${articleRounds} rounds: an article in a page as heavy as big news sites make them\n\n${metricsTable(byPage.get(fullSite) as ConfigPairs)}`,
    );
  }
  console.log(tables.join('\n'));
  console.log(
    `\nContent script: ours ${ourSize.bytes.toLocaleString('en')} bytes (gzip ${ourSize.gzip.toLocaleString('en')}) on every page, and the card's UI ${cardSize.bytes.toLocaleString('en')} bytes (gzip ${cardSize.gzip.toLocaleString('en')}) once a card may be wanted; mark.js reference ${markSize.bytes.toLocaleString('en')} bytes (gzip ${markSize.gzip.toLocaleString('en')})${floorSize ? `; floor ${floorSize.bytes.toLocaleString('en')} bytes (gzip ${floorSize.gzip.toLocaleString('en')})` : ''}.`,
  );
  console.log(
    'Medians; "added" pairs each load with the bare page of the same round. Machine noise is high on a shared machine: compare ratios within one run. "CPU" is the same tasks\' thread time: what the main thread ran, less the time it waited for a core.',
  );
} finally {
  for (const context of contexts.values()) await context.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
