/**
 * Import and compile time in Node for the bundled pack plus a generated 10,000-entity pack: the steps the
 * background runs when a reader imports a pack (readPack, then mergePacks and compileDataset over the
 * enabled packs). Prints the median wall and CPU time of several runs per step, and the sizes.
 * Run: node --import tsx bench/pack-import.bench.ts [ENTITIES]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { compileDataset, serialiseCompiledFiles } from '../src/core/compile-dataset.ts';
import { mergePacks } from '../src/core/packs/merge-packs.ts';
import { readPack } from '../src/core/packs/pack-file.ts';
import { generatePackText } from './generate-pack.ts';

const RUNS = 5;
const entities = Number(process.argv[2] ?? 10_000);
const bundledText = readFileSync(join(import.meta.dirname, '..', 'src/data/compiled/pack.newscontext.json'), 'utf8');

const start = performance.now();
const generatedText = generatePackText({ entities });
const generateMs = performance.now() - start;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const STEPS = ['readPack', 'mergePacks', 'compileDataset', 'serialise', 'total'] as const;
/** Wall time and the process's CPU time per step: on a shared machine the CPU time is the steadier figure. */
const wall: Record<string, number[]> = Object.fromEntries(STEPS.map((step) => [step, []]));
const cpu: Record<string, number[]> = Object.fromEntries(STEPS.map((step) => [step, []]));
const now = () => {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
};
const record = (step: string, from: ReturnType<typeof now>, to: ReturnType<typeof now>) => {
  wall[step]?.push(to.wall - from.wall);
  cpu[step]?.push(to.cpu - from.cpu);
};
let stats = '';
for (let run = 0; run < RUNS; run++) {
  const t0 = now();
  const bundled = readPack(bundledText, 'bundled');
  const generated = readPack(generatedText, 'generated.newscontext.json');
  if (!bundled.ok || !generated.ok) throw new Error('a pack did not validate');
  const t1 = now();
  const merged = mergePacks([
    { manifest: bundled.pack.manifest, dataset: bundled.pack.dataset, imported: false },
    { manifest: generated.pack.manifest, dataset: generated.pack.dataset, imported: true },
  ]);
  const t2 = now();
  const compiled = compileDataset(merged);
  const t3 = now();
  const sizes = Object.entries(serialiseCompiledFiles(compiled)).map(([name, text]) => [name, text.length] as const);
  const t4 = now();
  record('readPack', t0, t1);
  record('mergePacks', t1, t2);
  record('compileDataset', t2, t3);
  record('serialise', t3, t4);
  record('total', t0, t4);
  stats = `${merged.entities.length} entities, ${merged.sources.length} sources; compiled: ${sizes
    .map(([name, length]) => `${name} ${(length / 1e6).toFixed(1)} MB`)
    .join(', ')}`;
}

const [load] = loadavg();
console.log(
  `generated pack: ${entities} entities, ${(Buffer.byteLength(generatedText) / 1e6).toFixed(1)} MB (generated in ${generateMs.toFixed(0)} ms)`,
);
console.log(`merged: ${stats}`);
console.log(`median of ${RUNS} runs, bundled + generated, Node ${process.version}, load average ${load?.toFixed(1)}:`);
console.log(`  ${'step'.padEnd(16)} ${'wall'.padStart(8)} ${'CPU'.padStart(8)}`);
for (const step of STEPS) {
  const w = wall[step] ?? [];
  const c = cpu[step] ?? [];
  console.log(
    `  ${step.padEnd(16)} ${median(w).toFixed(0).padStart(5)} ms ${median(c).toFixed(0).padStart(5)} ms   (wall min ${Math.min(...w).toFixed(0)}, max ${Math.max(...w).toFixed(0)})`,
  );
}
