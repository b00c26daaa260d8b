import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_DIR, PROJECT_ROOT } from '../../../src/cli/read-dataset.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'news-context-pack-'));

const run = (...argv: string[]) => runCli(argv);

const MANIFEST = {
  id: 'northport-fixture',
  title: 'Northport (fixture)',
  version: '0.2.0',
  asOf: '2025-03-05',
  publisher: 'News Context tests',
  license: 'MIT',
  description: 'A small pack about a summit in a made-up city.',
};

/** A copy of the validator's valid fixture folder, with a manifest, that a test may change. */
function datasetFolder(name: string, manifest: unknown = MANIFEST): string {
  // null: no pack.json at all.
  const folder = join(dir, name);
  cpSync(join(PROJECT_ROOT, 'tests/fixtures/datasets/valid'), folder, { recursive: true });
  if (manifest !== null) writeFileSync(join(folder, 'pack.json'), JSON.stringify(manifest));
  return folder;
}

describe('news-context pack build', () => {
  it('writes the bundled pack from src/data by default: the same bytes npm run compile writes', async () => {
    const file = join(dir, 'bundled.newscontext.json');
    const { code, out } = await run('pack', 'build', '-o', file);
    expect(code).toBe(0);
    expect(out).toMatch(/aug-2025-ukraine-talks 1\.0\.0 \(as of 2025-08-19\), \d+ entities, 5 sources/);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(COMPILED_DIR, 'pack.newscontext.json'), 'utf8'));
  });

  it('builds a pack from another dataset folder that pack verify then accepts', async () => {
    const file = join(dir, 'northport.newscontext.json');
    const built = await run('pack', 'build', datasetFolder('northport'), '--output', file);
    expect(built.code).toBe(0);
    const verified = await run('pack', 'verify', file);
    expect(verified.code).toBe(0);
    expect(verified.err).toBe('');
    expect(verified.out).toContain('Pack northport-fixture 0.2.0: Northport (fixture)');
    expect(verified.out).toContain('as of:         2025-03-05');
    expect(verified.out).toMatch(/entities:\s+5/);
  });

  it('refuses a folder without a manifest, or with a bad one, and writes nothing', async () => {
    const file = join(dir, 'none.newscontext.json');
    const missing = await run('pack', 'build', datasetFolder('no-manifest', null), '-o', file);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no-manifest\/pack\.json: \(file\): is missing: a pack needs a manifest/);
    const bad = await run('pack', 'build', datasetFolder('bad-manifest', { ...MANIFEST, version: 'v1' }), '-o', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad-manifest\/pack\.json: version: must be a version like "1\.2\.0"/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an invalid dataset, naming file, entity and field, and writes nothing', async () => {
    const folder = datasetFolder('broken');
    const ada = join(folder, 'entities/person/ada-lovett.json');
    writeFileSync(ada, readFileSync(ada, 'utf8').replace('"role": "Special envoy"', '"role": ""'));
    const file = join(dir, 'broken.newscontext.json');
    const { code, err } = await run('pack', 'build', folder, '-o', file);
    expect(code).toBe(1);
    expect(err).toMatch(/entities\/person\/ada-lovett\.json: person\/ada-lovett role: must not be empty/);
    expect(err).toMatch(/the pack has 1 error\(s\); nothing written/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('news-context pack verify', () => {
  it('prints each problem by entity and field and exits 1', async () => {
    const file = join(dir, 'quote.newscontext.json');
    await run('pack', 'build', datasetFolder('quote'), '-o', file);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('met both presidents in Northport', 'met both presidents in Eastport'),
    );
    const { code, err } = await run('pack', 'verify', file);
    expect(code).toBe(1);
    expect(err.split('\n')).toEqual([
      'quote.newscontext.json: person/ada-lovett › facts.0.citations.0.quote: is not found verbatim in source "northport-report": "Special envoy Ada Lovett met both presidents in Eastport on Tuesday."',
      'news-context: the pack has 1 error(s)',
    ]);
  });

  it('rejects a file that is not JSON with exit 1', async () => {
    const file = join(dir, 'notes.newscontext.json');
    writeFileSync(file, 'Ada Lovett, envoy');
    const { code, err } = await run('pack', 'verify', file);
    expect(code).toBe(1);
    expect(err).toMatch(/^notes\.newscontext\.json: is not JSON/);
  });

  it('exits 2 for a missing file or bad usage, as check does', async () => {
    const missing = await run('pack', 'verify', join(dir, 'nope.newscontext.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.newscontext\.json: cannot read the file \(ENOENT\)/);
    expect((await run('pack', 'verify')).code).toBe(2);
    expect((await run('pack', 'publish')).err).toMatch(/unknown pack action "publish"/);
    expect((await run('pack')).code).toBe(2);
  });
});

describe('news-context check', () => {
  it('also checks the manifest when the folder has one, and is content without one', async () => {
    const bad = await run('check', '--pack', datasetFolder('check-bad', { ...MANIFEST, asOf: '2025-13-01' }));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/check-bad\/pack\.json: asOf: is not a real calendar date/);
    expect((await run('check', '--pack', datasetFolder('check-none', null))).code).toBe(0);
    expect((await run('check', '--pack', datasetFolder('check-good'))).code).toBe(0);
  });
});
