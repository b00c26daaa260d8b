/**
 * Import and compile time in Node for the bundled pack plus a generated 10,000-entity pack: the steps the
 * background runs when a reader imports a pack (readPack, then mergePacks and compileDataset over the
 * enabled packs). Prints the median of several runs per step and the pack's size.
 * Run: node --import tsx bench/pack-import.bench.ts [ENTITIES]
 */
import { readFileSync } from 'node:fs';
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
const times: Record<string, number[]> = { readPack: [], mergePacks: [], compileDataset: [], serialise: [], total: [] };
let stats = '';
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const bundled = readPack(bundledText, 'bundled');
  const generated = readPack(generatedText, 'generated.newscontext.json');
  if (!bundled.ok || !generated.ok) throw new Error('a pack did not validate');
  const t1 = performance.now();
  const merged = mergePacks([
    { manifest: bundled.pack.manifest, dataset: bundled.pack.dataset, imported: false },
    { manifest: generated.pack.manifest, dataset: generated.pack.dataset, imported: true },
  ]);
  const t2 = performance.now();
  const compiled = compileDataset(merged);
  const t3 = performance.now();
  const sizes = Object.entries(serialiseCompiledFiles(compiled)).map(([name, text]) => [name, text.length] as const);
  const t4 = performance.now();
  times.readPack?.push(t1 - t0);
  times.mergePacks?.push(t2 - t1);
  times.compileDataset?.push(t3 - t2);
  times.serialise?.push(t4 - t3);
  times.total?.push(t4 - t0);
  stats = `${merged.entities.length} entities, ${merged.sources.length} sources; compiled: ${sizes
    .map(([name, length]) => `${name} ${(length / 1e6).toFixed(1)} MB`)
    .join(', ')}`;
}

console.log(
  `generated pack: ${entities} entities, ${(Buffer.byteLength(generatedText) / 1e6).toFixed(1)} MB (generated in ${generateMs.toFixed(0)} ms)`,
);
console.log(`merged: ${stats}`);
console.log(`median of ${RUNS} runs, bundled + generated, Node ${process.version}:`);
for (const [step, values] of Object.entries(times)) {
  console.log(
    `  ${step.padEnd(16)} ${median(values).toFixed(0).padStart(6)} ms   (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`,
  );
}
