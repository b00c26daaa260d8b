import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/cli/read-dataset.ts';
import { runCli } from './run-cli.ts';

const FORMAT = join(PROJECT_ROOT, 'tests', 'fixtures', 'devset-format');

const run = (...argv: string[]) => runCli(argv);

describe('news-context eval --gold DIR', () => {
  it('scores a directory in the dev-set format: names strictly, events leniently, context read page-wide', async () => {
    const { code, out } = await run('eval', '--gold', FORMAT);
    expect(code).toBe(0);
    expect(out).toMatch(/\| person\s+\| 1\.000 \| 1\.000 \| 1\.000 \|\s+3 \|\s+0 \|\s+0 \|/);
    expect(out).toMatch(/\| event\/topic\s+\| 1\.000 \| 1\.000 \| 1\.000 \|\s+2 \|\s+0 \|\s+0 \|/);
    // Washington is not among the ids the directory scores; the dateline "Kyiv, Ukraine" is neutral.
    expect(out).toMatch(/Marks of ids this gold set does not score: place\/washington 1$/m);
    expect(out).not.toMatch(/place\/kyiv|place\/ukraine/);
  });

  it('counts a miss and a false mark against the gold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-context-gold-'));
    cpSync(FORMAT, dir, { recursive: true });
    writeFileSync(
      join(dir, 'gold', '01.json'),
      JSON.stringify([
        { id: 'person/steve-witkoff', surface: 'Steve Witkoff', occurrence: 0 },
        { id: 'person/steve-witkoff', surface: 'Putin', occurrence: 1 },
      ]),
    );
    const { out } = await run('eval', '--gold', dir);
    expect(out).toMatch(/Misses \(1\):\n\s+01@\d+\s+person\/steve-witkoff\s+"Putin"/);
    expect(out).toMatch(/False marks \(4\):/);
  });

  it('names the file and the entry it cannot place, and a directory that is not in the format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-context-gold-'));
    cpSync(FORMAT, dir, { recursive: true });
    writeFileSync(join(dir, 'gold', '01.json'), JSON.stringify([{ id: 'person/x', surface: 'Obama', occurrence: 0 }]));
    const missing = await run('eval', '--gold', dir);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain(`${join(dir, 'gold', '01.json')}: entry 0 "Obama" occurrence 0 is not in the text`);
    const notFormat = await run('eval', '--gold', PROJECT_ROOT);
    expect(notFormat.err).toMatch(/expected articles\/NN\.txt and gold\/NN\.json/);
  });
});
