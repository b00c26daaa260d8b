import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'news-context-cli-'));

const run = (...argv: string[]) => runCli(argv);

describe('news-context scan', () => {
  it('reports every mention in a .txt file as JSON with UTF-16 offsets into the text', async () => {
    const text = 'Talks in Moscow: 🇺🇸 envoy Steve Witkoff met Vladimir Putin.';
    const file = join(dir, 'note.txt');
    writeFileSync(file, text);
    const { code, out } = await run('scan', file, '--json');
    expect(code).toBe(0);
    const matches = JSON.parse(out) as { id: string; start: number; end: number; text: string }[];
    const witkoff = matches.find((m) => m.id === 'person/steve-witkoff');
    expect(witkoff?.text).toBe('Steve Witkoff');
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(matches.map((m) => m.start)).toEqual([...matches.map((m) => m.start)].sort((a, b) => a - b));
  });

  it('scans the text content of an HTML body, not its markup', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, '<html><head><title>Witkoff</title></head><body><p><b>Steve</b> Witkoff</p></body></html>');
    const { code, out } = await run('scan', file, '--json');
    expect(code).toBe(0);
    const matches = JSON.parse(out) as { id: string; start: number }[];
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ id: 'person/steve-witkoff', start: 0 });
  });

  it('leaves out of an HTML page what the extension leaves out: scripts, navigation, share buttons', async () => {
    const file = join(dir, 'chrome.html');
    writeFileSync(
      file,
      '<body><nav><a href="/us">US</a> <a href="/eu">Europe</a></nav><script>var Putin = 1;</script>' +
        '<article><p>Witkoff met Putin in Moscow.</p><button>Follow US</button></article></body>',
    );
    const { code, out } = await run('scan', file, '--json');
    expect(code).toBe(0);
    const matches = JSON.parse(out) as { id: string; text: string }[];
    expect(matches.map((m) => m.text)).toEqual(['Witkoff', 'Putin', 'Moscow']);
  });

  it('prints each entity with its count in human output', async () => {
    const file = join(dir, 'twice.txt');
    writeFileSync(file, 'Witkoff flew in. Later, Witkoff flew out.');
    const { code, out } = await run('scan', file);
    expect(code).toBe(0);
    expect(out).toMatch(/\b2\s+person\/steve-witkoff/);
  });

  it('fails with one clear line for a missing file, a bad flag or bytes that are not UTF-8', async () => {
    const missing = await run('scan', join(dir, 'nope.txt'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/nope\.txt: cannot read the file/);

    const badFlag = await run('scan', join(dir, 'note.txt'), '--jsno');
    expect(badFlag.code).not.toBe(0);
    expect(badFlag.err.split('\n')).toHaveLength(1);
    expect(badFlag.err).toMatch(/--jsno/);

    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x5a, 0xe9, 0x6c, 0xff]));
    const encoding = await run('scan', latin1);
    expect(encoding.code).not.toBe(0);
    expect(encoding.err).toMatch(/not valid UTF-8/);

    const kind = await run('scan', join(dir, 'file.pdf'));
    expect(kind.err).toMatch(/only \.txt and \.html/);
  });
});

describe('news-context search, entities and usage', () => {
  it('ranks the popular spelling mistake "witkof" to Steve Witkoff first', async () => {
    const { code, out } = await run('search', 'witkof', '--json');
    expect(code).toBe(0);
    const results = JSON.parse(out) as { id: string; name: string; score: number }[];
    expect(results[0]).toMatchObject({ id: 'person/steve-witkoff', name: 'Steve Witkoff' });
  });

  it('lists every entity with id, kind, name and aliases', async () => {
    const { code, out } = await run('entities', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { id: string; kind: string; name: string; aliases: string[] }[];
    const witkoff = rows.find((r) => r.id === 'person/steve-witkoff');
    expect(witkoff).toMatchObject({ kind: 'person', name: 'Steve Witkoff' });
    expect(witkoff?.aliases).toContain('Witkoff');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const { code, err } = await run('frobnicate');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown command "frobnicate"/);
  });
});

describe('news-context density', () => {
  /** The row of an article in the printed table: words, then marks per 100 words by policy. */
  const row = (out: string, name: string) =>
    (out.split('\n').find((line) => line.startsWith(`| ${name} `)) ?? '')
      .split('|')
      .slice(2, -1)
      .map((cell) => Number(cell.trim()));

  it('counts marks per 100 words under each policy, a headline and the body after it as sections of their own', async () => {
    const file = join(dir, 'story.html');
    writeFileSync(
      file,
      '<article><h1>Putin meets Witkoff</h1><p>Putin told Witkoff that Russia and Ukraine must talk. Putin said Russia wanted more.</p></article>',
    );
    const { code, out } = await run('density', file);
    expect(code).toBe(0);
    expect(out).toContain('| article | words | every | first | first-per-screen | familiar-once |');
    const [words, every, first, perScreen, familiarOnce] = row(out, 'story.html');
    expect(words).toBe(17);
    // Every: 2 in the headline, 6 in the body; first: Putin, Witkoff, Russia, Ukraine once each.
    expect(every).toBeCloseTo((100 * 8) / 17, 1);
    expect(first).toBeCloseTo((100 * 4) / 17, 1);
    // The body is a section of its own: Putin and Witkoff are drawn again there, once.
    expect(perScreen).toBeCloseTo((100 * 6) / 17, 1);
    // Russia, a familiar place, once; the people every time.
    expect(familiarOnce).toBeCloseTo((100 * 7) / 17, 1);
  });

  it('reads the articles/ folder of a dev-set layout and names a path it cannot read', async () => {
    const set = mkdtempSync(join(tmpdir(), 'news-context-devset-'));
    const articles = join(set, 'articles');
    mkdirSync(articles);
    writeFileSync(join(articles, '01.txt'), 'Headline\nWitkoff met Putin in Moscow.\n');
    const { code, out } = await run('density', set);
    expect(code).toBe(0);
    expect(row(out, '01.txt')[0]).toBe(6);
    const missing = await run('density', join(set, 'nope'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain(join(set, 'nope'));
  });
});
