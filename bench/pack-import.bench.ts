/**
 * Import and compile time in Node for the bundled pack plus a generated 10,000-entity pack, step by step as the
 * extension runs them when a reader imports the pack:
 * - the options page (`PackStore.importPack`): the new pack checked in full (`readPack`), the installed packs
 *   read as checked (`readCheckedPack`: the bundled pack was checked by the build) and stacked to find clashes;
 * - the background (`createPackCompiler`): the enabled packs read as checked (this version checked both), then
 *   merged, compiled and serialised to what it stores (`compilePacksForStorage`, here in its three parts).
 * Storage writes and the browser's own costs are not included. Prints the median wall and CPU time per step.
 * Run: node --import tsx bench/pack-import.bench.ts [ENTITIES] [RUNS]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { compileDataset } from '../src/core/compile-dataset.ts';
import { serialiseForStorage } from '../src/core/packs/compile-packs.ts';
import { findClashes, mergePacks } from '../src/core/packs/merge-packs.ts';
import { readCheckedPack, readPack } from '../src/core/packs/pack-file.ts';
import { generatePackText } from './generate-pack.ts';

const entities = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const bundledText = readFileSync(join(import.meta.dirname, '..', 'src/data/compiled/pack.newscontext.json'), 'utf8');

const start = performance.now();
const generatedText = generatePackText({ entities });
const generateMs = performance.now() - start;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const STEPS = [
  'import: readPack (new pack, every check)',
  'import: installed packs + clashes',
  'compile: read enabled packs',
  'compile: mergePacks',
  'compile: compileDataset',
  'compile: serialise for storage',
  'total',
] as const;
type Step = (typeof STEPS)[number];
/** Wall time and the process's CPU time per step: on a shared machine the CPU time is the steadier figure. */
const wall = new Map<Step, number[]>(STEPS.map((step) => [step, []]));
const cpu = new Map<Step, number[]>(STEPS.map((step) => [step, []]));
const now = () => {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
};
let stats = '';
for (let run = 0; run < RUNS; run++) {
  const marks = [now()];
  const mark = () => marks.push(now());
  // The options page.
  const generated = readPack(generatedText, 'generated.newscontext.json');
  if (!generated.ok) throw new Error('the generated pack did not validate');
  mark();
  const installed = { ...readCheckedPack(bundledText), imported: false };
  const clashes = findClashes([installed, { ...generated.pack, imported: true }]);
  if (clashes.length > 0) throw new Error('the generated pack clashes with the bundled one');
  mark();
  // The background.
  const layers = [
    { ...readCheckedPack(bundledText), imported: false },
    { ...readCheckedPack(generatedText), imported: true },
  ];
  mark();
  const merged = mergePacks(layers);
  mark();
  const compiled = compileDataset(merged);
  mark();
  const stored = serialiseForStorage(compiled);
  mark();
  STEPS.forEach((step, i) => {
    const [from, to] = step === 'total' ? [marks[0], marks.at(-1)] : [marks[i], marks[i + 1]];
    if (!from || !to) return;
    wall.get(step)?.push(to.wall - from.wall);
    cpu.get(step)?.push(to.cpu - from.cpu);
  });
  const mb = (text: string) => `${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`;
  stats = `${merged.entities.length} entities, ${merged.sources.length} sources; stored: entities ${mb(stored.entities)}, matcher snapshot ${mb(stored.matcherSnapshot)}, search ${mb(stored.search)}`;
}

const [load] = loadavg();
console.log(
  `generated pack: ${entities} entities, ${(Buffer.byteLength(generatedText) / 1e6).toFixed(1)} MB (generated in ${generateMs.toFixed(0)} ms)`,
);
console.log(`merged: ${stats}`);
console.log(`median of ${RUNS} runs, bundled + generated, Node ${process.version}, load average ${load?.toFixed(1)}:`);
console.log(`  ${'step'.padEnd(42)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)}`);
for (const step of STEPS) {
  const w = wall.get(step) ?? [];
  const c = cpu.get(step) ?? [];
  console.log(
    `  ${step.padEnd(42)} ${median(w).toFixed(0).padStart(5)} ms ${median(c).toFixed(0).padStart(5)} ms   (wall min ${Math.min(...w).toFixed(0)}, max ${Math.max(...w).toFixed(0)})`,
  );
}
