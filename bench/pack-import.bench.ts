/**
 * Import and compile time in Node for the bundled pack plus a generated 10,000-entity pack, as the extension
 * runs them when a reader imports the pack, two ways in each run (which goes first alternates):
 * - sequential, on one thread, step by step (how the extension ran them before they ran in parallel): the new
 *   pack checked in full (`checkPack`: `readPack`, kept to what an import needs), the installed packs read as
 *   checked (`readCheckedPack`: the bundled pack was checked by the build) and stacked to find clashes; then the
 *   background's compile (`createPackCompiler`): the enabled packs read as checked, merged, compiled for pages
 *   (the matcher's index and marking table, which pages are matched with at once) and then to the texts it
 *   stores (`compilePacksForStorage`, here in its parts);
 * - parallel, as the extension runs them now: the check in a `node:worker_threads` worker (the options page's
 *   pack-check worker) while the main thread (the background, compiling ahead) compiles the same file; then,
 *   with the worker's answer, the installed packs and clashes. Its time runs from the file handed over to the
 *   moment both the check and the compiled output are ready; "ready for pages" is when the check and the clash
 *   check have passed and the matcher for pages is made, which is when the extension marks open pages with the
 *   pack.
 * The worker is started once and kept (warm, as the main thread is); the extension starts one per import.
 * Storage writes, messages between the extension's pages and the browser's own costs are not included. Prints
 * the median wall and CPU time per step; CPU is each thread's own (`process.threadCpuUsage`), and for the
 * parallel total the whole process's (both threads).
 * Run: node --import tsx bench/pack-import.bench.ts [ENTITIES] [RUNS]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PackCheckResult } from '../src/core/packs/check-pack.ts';
import { checkPack } from '../src/core/packs/check-pack.ts';
import { compileForPages, compileStoredTexts } from '../src/core/packs/compile-packs.ts';
import { findClashes, mergePacks } from '../src/core/packs/merge-packs.ts';
import { readCheckedPack } from '../src/core/packs/pack-file.ts';
import { freshMemoryLine } from './fresh-memory.ts';
import { generatePackText } from './generate-pack.ts';

const entities = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const bundledText = readFileSync(join(import.meta.dirname, '..', 'src/data/compiled/pack.newscontext.json'), 'utf8');

const start = performance.now();
const generatedText = generatePackText({ entities });
const generateMs = performance.now() - start;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const STEPS = [
  'import: checkPack (new pack, every check)',
  'import: installed packs + clashes',
  'compile: read enabled packs',
  'compile: mergePacks',
  'compile: for pages (matcher, marking)',
  'compile: stored texts (entities, search)',
  'total, sequential (one thread)',
  'parallel: check, in the worker',
  'parallel: compile, on the main thread',
  'parallel: clashes, after',
  'parallel: ready for pages',
  'total, parallel (file → output ready)',
] as const;
type Step = (typeof STEPS)[number];
/** Wall time and CPU time per step: on a shared machine the CPU time is the steadier figure. */
const wall = new Map<Step, number[]>(STEPS.map((step) => [step, []]));
const cpu = new Map<Step, number[]>(STEPS.map((step) => [step, []]));
const record = (step: Step, wallMs: number, cpuMs: number) => {
  wall.get(step)?.push(wallMs);
  cpu.get(step)?.push(cpuMs);
};
const ms = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;
/** Now, on the wall clock and in this thread's CPU time. */
const now = () => ({ wall: performance.now(), cpu: ms(process.threadCpuUsage()) });
/** The time `work` takes, in this thread. */
const timed = <T>(step: Step, work: () => T): T => {
  const from = now();
  const result = work();
  const to = now();
  record(step, to.wall - from.wall, to.cpu - from.cpu);
  return result;
};

const fileName = 'generated.newscontext.json';
/** The options page's half once the file passed: the installed packs read as checked and the clash check. */
function clashCheck(checked: PackCheckResult) {
  if (!checked.ok) throw new Error('the generated pack did not validate');
  const installed = { ...readCheckedPack(bundledText), imported: false };
  const clashes = findClashes([
    installed,
    { manifest: checked.pack.manifest, dataset: { entities: checked.pack.entities } },
  ]);
  if (clashes.length > 0) throw new Error('the generated pack clashes with the bundled one');
}
let stats = '';
/** The background's half: the enabled packs read as checked, merged, compiled and serialised. */
/** Runs the compile; returns when (`performance.now()`) the matcher for pages was made. */
function compile(steps: boolean): number {
  const step = <T>(name: Step, work: () => T) => (steps ? timed(name, work) : work());
  const layers = step('compile: read enabled packs', () => [
    { ...readCheckedPack(bundledText), imported: false },
    { ...readCheckedPack(generatedText), imported: true },
  ]);
  const merged = step('compile: mergePacks', () => mergePacks(layers));
  const forPages = step('compile: for pages (matcher, marking)', () => compileForPages(merged));
  const forPagesAt = performance.now();
  const stored = step('compile: stored texts (entities, search)', () => compileStoredTexts(merged, forPages.matcher));
  const mb = (text: string) => `${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`;
  stats = `${merged.entities.length} entities, ${merged.sources.length} sources; stored: entities ${mb(stored.entities)}, matcher snapshot ${mb(stored.matcherSnapshot)}, search ${mb(stored.search)}`;
  return forPagesAt;
}

function sequential() {
  const from = now();
  const checked = timed(STEPS[0], () => checkPack(generatedText, fileName));
  timed(STEPS[1], () => clashCheck(checked));
  compile(true);
  const to = now();
  record('total, sequential (one thread)', to.wall - from.wall, to.cpu - from.cpu);
}

type Answer = { result: PackCheckResult; wallMs: number; cpuMs: number };
const worker = new Worker(new URL('./pack-check-thread.ts', import.meta.url));
const checkInWorker = (text: string) =>
  new Promise<Answer>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage({ text, fileName });
  });

/** `work`'s wall and thread CPU time, for work that awaits. */
const timedAsync = async (step: Step, work: () => Promise<unknown>) => {
  const from = now();
  await work();
  const to = now();
  record(step, to.wall - from.wall, to.cpu - from.cpu);
};

async function parallel() {
  const process0 = ms(process.cpuUsage());
  const start = performance.now();
  const answer = checkInWorker(generatedText);
  let forPagesAt = 0;
  await timedAsync('parallel: compile, on the main thread', async () => {
    forPagesAt = compile(false);
  });
  const { result, wallMs, cpuMs } = await answer;
  record('parallel: check, in the worker', wallMs, cpuMs);
  // The options page, once the check passed: clashes.
  const clashesFrom = performance.now();
  await timedAsync('parallel: clashes, after', async () => {
    clashCheck(result);
  });
  // Pages can be marked once the import is stored (the check passed, clashes found none) and the matcher is
  // made: the later of the two. The check's end is read from its own clock (the worker started with the run);
  // its answer waits here until the main thread is free.
  const clashesMs = performance.now() - clashesFrom;
  record('parallel: ready for pages', Math.max(forPagesAt - start, wallMs + clashesMs), Number.NaN);
  record('total, parallel (file → output ready)', performance.now() - start, ms(process.cpuUsage()) - process0);
}

// The worker's first check loads its modules: not counted.
await checkInWorker(bundledText);
for (let run = 0; run < RUNS; run++) {
  if (run % 2 === 0) {
    sequential();
    await parallel();
  } else {
    await parallel();
    sequential();
  }
}
await worker.terminate();

const [load] = loadavg();
console.log(
  `generated pack: ${entities} entities, ${(Buffer.byteLength(generatedText) / 1e6).toFixed(1)} MB (generated in ${generateMs.toFixed(0)} ms)`,
);
console.log(`merged: ${stats}`);
console.log(freshMemoryLine());
console.log(`median of ${RUNS} runs, bundled + generated, Node ${process.version}, load average ${load?.toFixed(1)}:`);
console.log(`  ${'step'.padEnd(44)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)}`);
for (const step of STEPS) {
  const w = wall.get(step) ?? [];
  const c = cpu.get(step) ?? [];
  if (step === 'parallel: check, in the worker')
    console.log('  parallel: the check in a worker thread while the main thread compiles');
  console.log(
    `  ${step.padEnd(44)} ${median(w).toFixed(0).padStart(5)} ms ${Number.isNaN(median(c)) ? '    –   ' : `${median(c).toFixed(0).padStart(5)} ms`}   (wall min ${Math.min(...w).toFixed(0)}, max ${Math.max(...w).toFixed(0)})`,
  );
}
