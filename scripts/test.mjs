#!/usr/bin/env node
// `npm test`: every check in order, stopping at the first failure. The end-to-end step needs the two builds,
// so the order is fixed: types, lint, unit tests, builds, Firefox lint, end-to-end tests in real browsers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, 'artifacts', 'test-reports');
mkdirSync(reports, { recursive: true });

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['biome', 'check', '.']],
  [
    'unit tests',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'unit.json')}`],
  ],
  ['build (Chrome MV3)', 'npm', ['run', '--silent', 'build']],
  ['build (Firefox)', 'npm', ['run', '--silent', 'build:firefox']],
  ['Firefox add-on lint', 'npx', ['addons-linter', '--self-hosted', '.output/firefox-mv2']],
  [
    'end-to-end tests',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'e2e.json')}`,
    ],
  ],
];

const counts = { passed: 0, failed: 0 };
const tally = (file) => {
  try {
    const report = JSON.parse(readFileSync(join(reports, file), 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0);
  } catch {
    counts.failed += 1;
  }
};

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (name === 'unit tests') tally('unit.json');
  if (name === 'end-to-end tests') tally('e2e.json');
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s (exit ${result.status ?? result.signal})`);
    console.log(`${counts.passed} passed, ${Math.max(counts.failed, 1)} failed`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\n${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed > 0 ? 1 : 0);
