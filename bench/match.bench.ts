/**
 * Matcher benchmark: `npm run bench:match`. Prints figures; asserts nothing.
 * - Throughput of `findMatches` over ≥ 10 MB of news-like text against the baseline a user would reach for,
 *   one RegExp alternation of all aliases with Unicode word boundaries (mark.js-style), at 5,000 aliases.
 * - Dictionary scaling at 100, 1,000, 10,000 and 50,000 aliases: build time, size of the tables, memory of
 *   the loaded index and throughput. Every size is timed the same way on the same text (one drawn from the
 *   largest dictionary, so the big dictionaries find their names all over it), the sizes interleaved chunk by
 *   chunk so that machine noise falls on all of them alike (see `interleavedBest`). Throughput on each size's
 *   own text (mentions of its own names only) is printed too, for comparison.
 * - A last line states both targets, the ratios and whether each is met.
 */
import { gzipSync } from 'node:zlib';
import { compileMatcher } from '../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../src/core/matcher/find-matches.ts';
import { loadMatcher, type MatcherIndex } from '../src/core/matcher/load-matcher.ts';
import { newsLikeText, syntheticEntities } from './news-like-text.ts';

const MB = 1024 * 1024;
const TEXT_BYTES = 10 * MB;
const BASELINE_BYTES = MB / 2;
const SIZES = [100, 1_000, 10_000, 50_000];
/** Timed passes over the text per measurement; the median is reported. */
const REPEATS = 5;
/** Rounds over the text in the scaling run, the first untimed (JIT, caches). */
const SCALING_ROUNDS = 8;
/** Bytes of text per chunk in the scaling run. */
const CHUNK_BYTES = MB / 2;
const TARGET_VS_REGEXP = 5;
const TARGET_SCALING = 1.5;
/** Texts are matched a block at a time, as the content script does: paragraphs. */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function paragraphs(text: string): string[] {
  return text.split('\n\n');
}

function timeMatcher(blocks: readonly string[], index: MatcherIndex): { seconds: number; matches: number } {
  let matches = 0;
  const t0 = performance.now();
  for (const block of blocks) matches += findMatches(block, index).length;
  return { seconds: (performance.now() - t0) / 1000, matches };
}

/** One untimed pass (JIT, caches), then the median of `repeats` timed passes. */
function medianMatcher(
  blocks: readonly string[],
  index: MatcherIndex,
  repeats = REPEATS,
): { seconds: number; matches: number } {
  const first = timeMatcher(blocks, index);
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) times.push(timeMatcher(blocks, index).seconds);
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)] as number, matches: first.matches };
}

/** Paragraphs grouped into chunks of about `CHUNK_BYTES`. */
function chunks(blocks: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const block of blocks) {
    current.push(block);
    size += block.length;
    if (size >= CHUNK_BYTES) {
      out.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Each index's time over all chunks: every chunk is matched by every index in turn, `rounds` times (the first
 * untimed), and the best round of each chunk counts.
 */
function interleavedBest(
  parts: readonly string[][],
  indexes: readonly MatcherIndex[],
  rounds: number,
): { seconds: number; matches: number }[] {
  const best = indexes.map(() => parts.map(() => Number.POSITIVE_INFINITY));
  const matches = indexes.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    for (const [c, part] of parts.entries()) {
      for (const [k, index] of indexes.entries()) {
        let found = 0;
        const t0 = performance.now();
        for (const block of part) found += findMatches(block, index).length;
        const ms = performance.now() - t0;
        const row = best[k] as number[];
        if (round > 0) row[c] = Math.min(row[c] as number, ms);
        else matches[k] = (matches[k] as number) + found;
      }
    }
  }
  return best.map((row, k) => ({
    seconds: row.reduce((sum, ms) => sum + ms, 0) / 1000,
    matches: matches[k] as number,
  }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function baselineRegExp(aliases: readonly string[]): RegExp {
  const sorted = [...aliases].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function timeRegExp(blocks: readonly string[], re: RegExp): { seconds: number; matches: number } {
  let matches = 0;
  const t0 = performance.now();
  for (const block of blocks) {
    re.lastIndex = 0;
    for (let m = re.exec(block); m !== null; m = re.exec(block)) matches++;
  }
  return { seconds: (performance.now() - t0) / 1000, matches };
}

/** The JavaScript heap plus the typed arrays' buffers, which live outside it (most of the matcher's tables). */
function memoryUsed(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function build(count: number) {
  const entities = syntheticEntities(count);
  const aliases = entities.flatMap((e) => e.aliases.map((a) => (typeof a === 'string' ? a : a.text)));
  const before = memoryUsed();
  const t0 = performance.now();
  const tables = compileMatcher(entities);
  const t1 = performance.now();
  const index = loadMatcher(tables);
  const t2 = performance.now();
  const memory = memoryUsed() - before;
  const json = JSON.stringify(tables);
  return { entities, aliases, tables, index, compileMs: t1 - t0, loadMs: t2 - t1, memory, json };
}

const mbps = (bytes: number, seconds: number): number => bytes / MB / seconds;
const fmt = (n: number, digits = 1): string => n.toFixed(digits);

console.log(
  `Node ${process.version}, ${TEXT_BYTES / MB} MB of news-like text per run, matched paragraph by paragraph.\n`,
);

let vsRegExp = 0;
let scaling = 0;

// 1. Against the RegExp baseline at 5,000 aliases.
{
  const { entities, aliases, index } = build(5_000);
  const text = newsLikeText(entities, TEXT_BYTES);
  const blocks = paragraphs(text);
  const bytes = text.length;
  const ours = medianMatcher(blocks, index, 3);
  const reBuild0 = performance.now();
  const re = baselineRegExp(aliases);
  timeRegExp(blocks.slice(0, 5), re);
  const reBuildMs = performance.now() - reBuild0;
  // The baseline is ~100× slower: time it on the first BASELINE_BYTES of the same text to keep the run short.
  const sample: string[] = [];
  for (let size = 0, i = 0; size < BASELINE_BYTES && i < blocks.length; i++) {
    sample.push(blocks[i] as string);
    size += (blocks[i] as string).length;
  }
  const sampleBytes = sample.reduce((sum, b) => sum + b.length, 0);
  const base = timeRegExp(sample, re);
  const oursOnSample = timeMatcher(sample, index);
  console.log('Throughput at 5,000 aliases');
  console.log('| matcher                              | MB/s   | marks   |');
  console.log('|--------------------------------------|--------|---------|');
  console.log(
    `| news-context findMatches             | ${fmt(mbps(bytes, ours.seconds)).padStart(6)} | ${String(ours.matches).padStart(7)} |`,
  );
  console.log(
    `| RegExp alternation, \\p{L} boundaries | ${fmt(mbps(sampleBytes, base.seconds), 2).padStart(6)} | ${String(base.matches).padStart(7)} |`,
  );
  const ratio = mbps(bytes, ours.seconds) / mbps(sampleBytes, base.seconds);
  vsRegExp = ratio;
  console.log(
    `\nRatio: ${fmt(ratio)}× the RegExp baseline's throughput (RegExp timed on the first ${fmt(sampleBytes / MB, 2)} MB,`,
  );
  console.log(
    `where findMatches found ${oursOnSample.matches} marks to its ${base.matches}; RegExp compile + first use ${fmt(reBuildMs, 0)} ms).`,
  );
  console.log('(The RegExp finds raw case-insensitive hits; findMatches also applies case rules, typos and gaps.)\n');
}

// 2. Dictionary scaling. All four indexes are built first; then the text is matched half a megabyte at a time,
// each chunk by every size in turn, round after round, and each size's time is the sum over chunks of its best
// round. Noise from the rest of the machine (these are shared, noisy machines) then falls on every size alike
// instead of on whichever size happened to run during it.
{
  const shared = paragraphs(newsLikeText(syntheticEntities(SIZES.at(-1) as number), TEXT_BYTES));
  const sharedBytes = shared.reduce((sum, b) => sum + b.length, 0);
  const built = SIZES.map((count) => {
    gc();
    return build(count);
  });
  const sharedRun = interleavedBest(
    chunks(shared),
    built.map((b) => b.index),
    SCALING_ROUNDS,
  );
  const own = built.map(({ entities, index }) => {
    const ownText = paragraphs(newsLikeText(entities, TEXT_BYTES));
    const ownBytes = ownText.reduce((sum, b) => sum + b.length, 0);
    const [run] = interleavedBest(chunks(ownText), [index], 3);
    return {
      rate: mbps(ownBytes, (run as { seconds: number }).seconds),
      matches: (run as { matches: number }).matches,
    };
  });
  console.log(
    `Dictionary scaling (MB/s over the same ${fmt(sharedBytes / MB)} MB text, sizes interleaved chunk by chunk, best of ` +
      `${SCALING_ROUNDS - 1} timed rounds per chunk;`,
  );
  console.log('own text: the same over a text that mentions only that dictionary’s names, 2 timed rounds)');
  console.log(
    '| aliases | compile ms | load ms | tables KB (gzip) | index memory MB | MB/s  | marks   | own text MB/s | marks   |',
  );
  console.log(
    '|---------|------------|---------|------------------|-----------------|-------|---------|---------------|---------|',
  );
  const rows = SIZES.map((count, k) => {
    const { compileMs, loadMs, memory, json } = built[k] as ReturnType<typeof build>;
    const run = sharedRun[k] as { seconds: number; matches: number };
    const ownRun = own[k] as { rate: number; matches: number };
    const rate = mbps(sharedBytes, run.seconds);
    const kb = `${fmt(json.length / 1024, 0)} (${fmt(gzipSync(json).length / 1024, 0)})`;
    console.log(
      `| ${String(count).padStart(7)} | ${fmt(compileMs, 0).padStart(10)} | ${fmt(loadMs, 0).padStart(7)} | ${kb.padStart(16)} | ${(memory < MB / 20 ? '< 0.1' : fmt(memory / MB)).padStart(15)} | ${fmt(rate).padStart(5)} | ${String(run.matches).padStart(7)} | ${fmt(ownRun.rate).padStart(13)} | ${String(ownRun.matches).padStart(7)} |`,
    );
    return { count, rate, own: ownRun.rate };
  });
  const first = rows[0];
  const last = rows.at(-1);
  if (first && last) {
    scaling = first.rate / last.rate;
    console.log(
      `\nSame text: throughput at ${last.count.toLocaleString('en')} aliases is ${fmt(scaling, 2)}× slower than at ${first.count} ` +
        `(own texts: ${fmt(first.own / last.own, 2)}×).`,
    );
  }
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
console.log(
  `\nTargets: ≥ ${TARGET_VS_REGEXP}× the RegExp baseline at 5,000 aliases: ${fmt(vsRegExp)}×, ${verdict(vsRegExp >= TARGET_VS_REGEXP)}; ` +
    `throughput at 50,000 aliases within ${TARGET_SCALING}× of that at 100: ${fmt(scaling, 2)}×, ${verdict(scaling > 0 && scaling <= TARGET_SCALING)}.`,
);
