/**
 * Popup figures: time to interactive of the built popup in Chromium (navigation start to the search box
 * rendered and focused, median of several loads) and the median search latency per keystroke, typing
 * queries one character at a time, on the bundled dataset and on a synthetic 10,000-entity dataset.
 * Run `npm run build` first.
 */
import { join } from 'node:path';
import { launch } from '../scripts/browsers.ts';
import { waitFor } from '../scripts/page-probes.ts';
import type { CompiledSearch, EntitySearch } from '../src/core/search/search-entities.ts';
import { compileSearchRecords, loadSearch, searchEntities } from '../src/core/search/search-entities.ts';
import compiled from '../src/data/compiled/search.json' with { type: 'json' };
import { syntheticRecords } from '../tests/unit/core/search/synthetic-records.ts';

const ROOT = join(import.meta.dirname, '..');
const QUERIES = ['witkof', 'zelenski', 'alaska sumit', 'ushakof', 'minerals', 'european commission', 'putin'];
const SYNTHETIC_SIZE = 10_000;
const POPUP_LOADS = 7;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Per-keystroke latencies in ms: every prefix of every query, after one warm-up pass. */
function keystrokeLatencies(search: EntitySearch): number[] {
  const times: number[] = [];
  for (const pass of [0, 1]) {
    for (const query of QUERIES) {
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
const tti = await popupTimeToInteractive();
console.log(
  `popup time to interactive in Chromium (navigation start to focused search box): median ${median(tti).toFixed(1)} ms over ${tti.length} loads (${tti.map((t) => t.toFixed(0)).join(', ')})`,
);
