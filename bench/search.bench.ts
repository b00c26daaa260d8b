/**
 * Popup figures: time to interactive of the built popup in Chromium (navigation start to the search box
 * rendered and focused, median of several loads) and the median search latency per keystroke, typing
 * queries one character at a time, on the bundled dataset and on a synthetic 10,000-entity dataset.
 * `--pack N` adds the search the popup gets with a generated N-entity pack enabled beside the bundled one:
 * compiled through the background's path (`readCheckedPack`, `compilePacksForStorage`), read back from the
 * stored text as the popup reads it, and searched with the bundled queries and typed names of the pack.
 * Run `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from '../scripts/browsers.ts';
import { waitFor } from '../scripts/page-probes.ts';
import { compilePacksForStorage } from '../src/core/packs/compile-packs.ts';
import { readCheckedPack } from '../src/core/packs/pack-file.ts';
import type { CompiledSearch, EntitySearch } from '../src/core/search/search-entities.ts';
import { compileSearchRecords, loadSearch, searchEntities } from '../src/core/search/search-entities.ts';
import compiled from '../src/data/compiled/search.json' with { type: 'json' };
import { syntheticRecords } from '../tests/unit/core/search/synthetic-records.ts';
import { generatePackText } from './generate-pack.ts';

const { values: options } = parseArgs({ options: { pack: { type: 'string' } } });

const ROOT = join(import.meta.dirname, '..');
const QUERIES = ['witkof', 'zelenski', 'alaska sumit', 'ushakof', 'minerals', 'european commission', 'putin'];
const SYNTHETIC_SIZE = 10_000;
const POPUP_LOADS = 7;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Per-keystroke latencies in ms: every prefix of every query, after one warm-up pass. */
function keystrokeLatencies(search: EntitySearch, queries: readonly string[] = QUERIES): number[] {
  const times: number[] = [];
  for (const pass of [0, 1]) {
    for (const query of queries) {
      for (let end = 1; end <= query.length; end++) {
        const start = performance.now();
        searchEntities(search, query.slice(0, end), 12);
        if (pass) times.push(performance.now() - start);
      }
    }
  }
  return times;
}

/** The real records and synthetic ones up to `size`, compiled as the build does. */
function syntheticSearch(size: number): EntitySearch {
  return loadSearch(compileSearchRecords(syntheticRecords((compiled as CompiledSearch).records, size)));
}

/**
 * The search the popup loads with the bundled pack and a generated `size`-entity pack enabled, as the background
 * compiles and stores it; the time the popup spends reading it (parse and `loadSearch`); queries for the pack:
 * names of its people, places and organisations as a reader might type them (lower case, one letter dropped).
 */
function packSearch(size: number): { search: EntitySearch; loadMs: number; queries: string[]; megabytes: number } {
  const bundledPack = readFileSync(join(ROOT, 'src/data/compiled/pack.newscontext.json'), 'utf8');
  const generated = generatePackText({ entities: size });
  const stored = compilePacksForStorage([
    { ...readCheckedPack(bundledPack), imported: false },
    { ...readCheckedPack(generated), imported: true },
  ]);
  // Made on first read (`compilePacksForStorage`): made here, so that the clock times the popup's read alone.
  const text = stored.search;
  const start = performance.now();
  const search = loadSearch(JSON.parse(text) as CompiledSearch);
  const loadMs = performance.now() - start;
  const named = search.records.filter((record) => record.id.startsWith('person/') || record.id.startsWith('place/'));
  const queries = [0.1, 0.3, 0.5, 0.7, 0.9].map((at) => {
    const name = (named[Math.floor(at * named.length)]?.name ?? 'nobody').toLowerCase();
    const drop = Math.floor(name.length / 2);
    return `${name.slice(0, drop)}${name.slice(drop + 1)}`;
  });
  return { search, loadMs, queries, megabytes: text.length / 1e6 };
}

async function popupTimeToInteractive(): Promise<number[]> {
  const driver = await launch('chromium', ROOT);
  try {
    const page = await driver.newPage();
    const times: number[] = [];
    for (let i = 0; i < POPUP_LOADS; i++) {
      await page.goto(`${driver.extensionBaseUrl}/popup.html`);
      const [mark, focused] = await waitFor(
        () =>
          page.evaluate(() => {
            const entry = performance.getEntriesByName('nc-interactive')[0];
            return entry
              ? ([entry.startTime, document.activeElement?.classList.contains('nc-search') ?? false] as const)
              : null;
          }),
        'the popup to become interactive',
      );
      if (!focused) throw new Error('The search box was not focused');
      times.push(mark);
    }
    return times;
  } finally {
    await driver.close();
  }
}

const bundled = loadSearch(compiled as CompiledSearch);
const bundledTimes = keystrokeLatencies(bundled);
const synthetic = syntheticSearch(SYNTHETIC_SIZE);
const syntheticTimes = keystrokeLatencies(synthetic);
console.log(
  `search per keystroke, bundled (${(compiled as CompiledSearch).records.length} entities): median ${median(bundledTimes).toFixed(2)} ms, max ${Math.max(...bundledTimes).toFixed(2)} ms over ${bundledTimes.length} keystrokes`,
);
console.log(
  `search per keystroke, synthetic (${SYNTHETIC_SIZE} entities): median ${median(syntheticTimes).toFixed(2)} ms, max ${Math.max(...syntheticTimes).toFixed(2)} ms over ${syntheticTimes.length} keystrokes`,
);
if (options.pack !== undefined) {
  const size = Number(options.pack);
  if (!Number.isInteger(size) || size <= 0) throw new Error(`--pack needs a number of entities, not "${options.pack}"`);
  const { search, loadMs, queries, megabytes } = packSearch(size);
  const times = keystrokeLatencies(search, [...QUERIES, ...queries]);
  console.log(
    `search per keystroke, bundled + generated ${size}-entity pack (${search.records.length} entities, compiled as the background stores it, ${megabytes.toFixed(1)} MB): median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms over ${times.length} keystrokes (queries: ${[...QUERIES, ...queries].join(', ')}); reading it in the popup (JSON.parse + loadSearch) ${loadMs.toFixed(0)} ms`,
  );
}
const tti = await popupTimeToInteractive();
console.log(
  `popup time to interactive in Chromium (navigation start to focused search box): median ${median(tti).toFixed(1)} ms over ${tti.length} loads (${tti.map((t) => t.toFixed(0)).join(', ')})`,
);
