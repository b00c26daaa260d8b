import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { foldQuote } from '../../../src/core/fold-text.ts';
import { runCli } from './run-cli.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const PAGE = join(FIXTURES, 'pages', 'authoring', 'harbour-news-article.html');
const EDITOR_SCRIPT = join(FIXTURES, 'authoring', 'scripted-editor.mjs');
const SOURCE_ID = 'quill-and-lovett-agree-harbour-truce-in-northport';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the fictional test pack in a temporary folder (removed after the tests). */
function newPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'news-context-authoring-'));
  created.push(dir, `${dir}-inputs`, `${dir}-copy.txt`);
  cpSync(join(FIXTURES, 'datasets', 'valid'), dir, { recursive: true });
  return dir;
}

const run = (argv: string[], input: string[] = [], editor = 'false') =>
  runCli(argv, { input: Readable.from(input.map((line) => `${line}\n`)), editor });

/** Every file under a folder with its bytes and modification time: to show a failed command wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path);
    files[key] = entry.isFile() ? `${statSync(path).mtimeMs} ${readFileSync(path, 'utf8')}` : 'dir';
  }
  return files;
}

describe('news-context add-source', () => {
  it('stores the article of a saved news page, without the page around it, as a pending source', async () => {
    const pack = newPack();
    const { code, out } = await run(['add-source', PAGE, '--pack', pack]);
    expect(code).toBe(0);
    expect(out).toContain(`added source "${SOURCE_ID}"`);
    const dir = join(pack, 'drafts', SOURCE_ID);
    const text = readFileSync(join(dir, 'source.txt'), 'utf8');
    expect(text.split('\n')[0]).toBe('Quill and Lovett agree harbour truce in Northport');
    expect(text).toContain('NORTHPORT (Coastline Courier) — Eastvale');
    expect(text).toContain('Lovett will return to Northport on 20 March');
    for (const chrome of [
      'Accept all',
      'Advertisement',
      'Sport',
      'Related stories',
      'Morning Tide',
      'Oskar Brandt',
      'Most read',
      'Privacy',
      'Share on',
    ]) {
      expect(text).not.toContain(chrome);
    }
    const meta = JSON.parse(readFileSync(join(dir, 'source.json'), 'utf8'));
    expect(meta).toEqual({
      id: SOURCE_ID,
      seed: 'harbour-news-article.html',
      title: 'Quill and Lovett agree harbour truce in Northport',
      titleInText: true,
      outlet: 'The Coastline Courier',
      byline: 'Petra Holm',
      // JSON-LD's datePublished, not the later article:published_time of an update.
      published: { earliest: '2025-03-06', latest: '2025-03-06', inferred: false },
      url: 'https://courier.example/world/2025/03/quill-lovett-harbour-truce',
    });
    // Pending sources are not part of the pack yet: it still validates.
    expect(existsSync(join(pack, 'sources', `${SOURCE_ID}.txt`))).toBe(false);
  });

  it('gives the same article the same id, and reads a plain text with its headline', async () => {
    const a = newPack();
    const b = newPack();
    await run(['add-source', PAGE, '--pack', a]);
    await run(['add-source', PAGE, '--pack', b]);
    expect(readdirSync(join(a, 'drafts'))).toEqual(readdirSync(join(b, 'drafts')));

    const pack = newPack();
    const words = Array.from({ length: 90 }, (_, i) => `word${i}`).join(' ');
    const file = join(pack, 'note.txt');
    writeFileSync(file, `Harbour pilots vote on new rules\n\n${words}.\n`);
    const { code } = await run(['add-source', file, '--pack', pack, '--date', '2025-03']);
    expect(code).toBe(0);
    const meta = JSON.parse(
      readFileSync(join(pack, 'drafts', 'harbour-pilots-vote-on-new-rules', 'source.json'), 'utf8'),
    );
    expect(meta.published).toEqual({ earliest: '2025-03-01', latest: '2025-03-31', inferred: false });
    expect(meta.outlet).toBeNull();
    expect(meta.titleInText).toBe(true);
  });

  it('reads a page from standard input with "-"', async () => {
    const pack = newPack();
    const { code, out } = await run(['add-source', '-', '--pack', pack], [readFileSync(PAGE, 'utf8')]);
    expect(code).toBe(0);
    expect(out).toContain(`added source "${SOURCE_ID}"`);
    const meta = JSON.parse(readFileSync(join(pack, 'drafts', SOURCE_ID, 'source.json'), 'utf8'));
    expect(meta).toMatchObject({ seed: 'stdin', outlet: 'The Coastline Courier' });
  });

  it.each([
    ['a section front with no article', 'section-front.html', /is not an article/],
    ['an empty file', 'empty.txt', /has no text/],
    ['a binary file', 'image.png', /is not UTF-8 text/],
    ['a text with no date', 'undated.txt', /gives no publication date: pass one with --date/],
    ['a missing file', 'missing.html', /cannot read the file \(ENOENT\)/],
  ])('refuses %s with a clear message and changes nothing', async (_, name, message) => {
    const pack = newPack();
    const files = join(pack, '..', `${relative(tmpdir(), pack)}-inputs`);
    cpSync(join(FIXTURES, 'pages', 'authoring'), files, { recursive: true });
    writeFileSync(join(files, 'empty.txt'), '  \n');
    writeFileSync(join(files, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0xc3]));
    writeFileSync(
      join(files, 'undated.txt'),
      `${'The pilots met again and talked for hours about the channel. '.repeat(10)}\n`,
    );
    const before = snapshot(pack);
    const { code, err } = await run(['add-source', join(files, name), '--pack', pack]);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
    expect(err).toContain(name);
    expect(snapshot(pack)).toEqual(before);
  });

  it('refuses a folder that is no pack, and creates nothing there', async () => {
    const dir = join(newPack(), 'no-pack');
    const { code, err } = await run(['add-source', PAGE, '--pack', dir]);
    expect(code).toBe(2);
    expect(err).toContain('is not a pack (it needs entities/ and sources/ folders');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses an article the pack already has, pending or saved as plain text, and changes nothing', async () => {
    const pack = newPack();
    await run(['add-source', PAGE, '--pack', pack]);
    const again = await run(['add-source', PAGE, '--pack', pack]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`is the same article as source "${SOURCE_ID}"`);

    const text = readFileSync(join(pack, 'drafts', SOURCE_ID, 'source.txt'), 'utf8');
    const copy = join(pack, '..', `${relative(tmpdir(), pack)}-copy.txt`);
    writeFileSync(copy, `Saved from another site\n\n${text.split('\n').slice(2).join('\n')}`);
    const before = snapshot(pack);
    const { code, err } = await run(['add-source', copy, '--pack', pack, '--date', '2025-03-06']);
    expect(code).toBe(1);
    expect(err).toContain(`is the same article as source "${SOURCE_ID}"`);
    expect(err).toContain('nothing was added');
    expect(snapshot(pack)).toEqual(before);
  });
});

// The first draft loads the NLP library, which takes seconds on a busy machine.
describe('news-context draft', { timeout: 30_000 }, () => {
  async function drafted() {
    const pack = newPack();
    await run(['add-source', PAGE, '--pack', pack]);
    const result = await run(['draft', SOURCE_ID, '--pack', pack]);
    const dir = join(pack, 'drafts', SOURCE_ID);
    const read = (id: string) => JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
    return { pack, dir, result, read, text: readFileSync(join(dir, 'source.txt'), 'utf8') };
  }

  it('proposes candidate facts for the known entities the article mentions, quoting it verbatim', async () => {
    const { result, read, text } = await drafted();
    expect(result.code).toBe(0);
    const lovett = read('person/ada-lovett');
    expect(lovett.draft).toMatchObject({ action: 'add-facts', source: SOURCE_ID, mentions: 4 });
    expect(lovett.target).toBe('person/ada-lovett');
    const quotes = lovett.facts.map((f: { citations: { quote: string }[] }) => f.citations[0]?.quote);
    expect(quotes).toContain('Quill and Lovett agree harbour truce in Northport');
    expect(quotes).toContain(
      'Lovett, who has shuttled between the two capitals since January, called the deal "a first step, not a settlement" and said the Harbour Council would oversee the truce.',
    );
    // The quote the pack already cites is not proposed again; one quote per sentence.
    expect(new Set(quotes).size).toBe(quotes.length);
    expect(read('org/wire-agency').facts).toHaveLength(1);
    expect(read('place/northport').draft.mentions).toBe(3);
    // Every quote of every draft is found in the source as the validator looks for it.
    const folded = foldQuote(text);
    for (const id of [
      'person/ada-lovett',
      'place/northport',
      'org/wire-agency',
      'person/marta-quill',
      'org/harbour-council',
      'place/eastvale',
    ]) {
      const draft = read(id);
      for (const fact of draft.facts ?? draft.entity.facts) {
        expect(fact.text).toMatch(/^TODO/);
        for (const citation of fact.citations) {
          expect(folded).toContain(foldQuote(citation.quote));
          expect(citation.quote.split(/\s+/).length).toBeLessThanOrEqual(30);
        }
      }
    }
  });

  it('proposes the names the pack lacks, ranked, each as a draft entity with its forms and kind', async () => {
    const { result, read } = await drafted();
    const section = result.out.slice(result.out.indexOf('new names, ranked'), result.out.indexOf('events:'));
    const ranked = [...section.matchAll(/^\s+\d+\s+((?:person|org|place|event)\/\S+)/gm)].map((m) => m[1]);
    expect(ranked.slice(0, 3)).toEqual(['person/marta-quill', 'place/eastvale', 'org/harbour-council']);
    const quill = read('person/marta-quill');
    expect(quill.draft).toMatchObject({ action: 'new', mentions: 5 });
    expect(quill.entity).toMatchObject({ kind: 'person', name: 'Marta Quill', aliases: ['Marta Quill', 'Quill'] });
    expect(quill.entity.role).toMatch(/^TODO/);
    expect(read('org/harbour-council').entity.kind).toBe('organization');
    expect(read('place/eastvale').entity.kind).toBe('place');
    // Names from the page around the article, and titles, are not proposed.
    expect(result.out).not.toMatch(
      /Oskar|Brandt|Petra|Holm|Bramble|Millbrook|Courier|NORTHPORT|Critics|Thursday|March/,
    );
  });

  it('drafts at once after add-source --draft', async () => {
    const pack = newPack();
    const { code, out } = await run(['add-source', PAGE, '--pack', pack, '--draft']);
    expect(code).toBe(0);
    expect(out).toContain(`added source "${SOURCE_ID}"`);
    expect(out).toMatch(/new names, ranked: 3\n\s+8\s+person\/marta-quill/);
    expect(existsSync(join(pack, 'drafts', SOURCE_ID, 'person', 'marta-quill.json'))).toBe(true);
  });

  it('keeps drafts an editor has changed when run again', async () => {
    const { pack, dir } = await drafted();
    const file = join(dir, 'place', 'eastvale.json');
    writeFileSync(file, '{"edited": true}\n');
    const again = await run(['draft', SOURCE_ID, '--pack', pack]);
    expect(again.out).toMatch(/wrote 0 draft\(s\), kept \d+ already there/);
    expect(readFileSync(file, 'utf8')).toBe('{"edited": true}\n');
  });
});

describe('news-context check and review', { timeout: 30_000 }, () => {
  it('lists pending drafts; review accepts an edited draft at once, validated, and moves the source in', async () => {
    const pack = newPack();
    await run(['add-source', PAGE, '--pack', pack]);
    await run(['draft', SOURCE_ID, '--pack', pack]);
    const check = await run(['check', '--pack', pack]);
    expect(check.code).toBe(0);
    expect(check.out).toContain('Dataset OK');
    expect(check.out).toMatch(/Pending \(not compiled; run "news-context review"\): 7 draft\(s\) from 1 source\(s\)/);
    expect(check.out).toContain(`${SOURCE_ID} (source pending): 7 draft(s)`);

    // New names come first, best ranked first: Marta Quill, Eastvale, the Harbour Council; then known entities.
    const editor = `node ${EDITOR_SCRIPT} fill`;
    const review = await run(['review', '--pack', pack], ['a', 'e', 'a', 'r', 's', 'x', 'q'], editor);
    expect(review.code).toBe(0);
    const out = review.out;
    expect(out).toContain('7 pending draft(s).');
    // The first accept is refused: the editor has not written role, summary and facts yet.
    expect(out.slice(out.indexOf('(1/7)'), out.indexOf('(2/7)'))).toContain('person/marta-quill: "Marta Quill"');
    expect(out.slice(out.indexOf('(2/7)'), out.indexOf('(3/7)'))).toContain('place/eastvale: "Eastvale"');
    expect(out).toMatch(/not accepted:\n\s+\S+marta-quill\.json: entity\.role: still says "TODO"/);
    expect(out).toMatch(
      /accepted: \S+entities\/person\/marta-quill\.json, \S+sources\/quill-and-lovett-agree-harbour-truce-in-northport\.txt/,
    );
    expect(out).toMatch(/rejected: deleted \S+place\/eastvale\.json \(draft will not propose it again\)/);
    expect(out).toContain('"x" is not a choice');
    expect(out).toContain('Stopped: 4 draft(s) left pending.');

    const entity = JSON.parse(readFileSync(join(pack, 'entities', 'person', 'marta-quill.json'), 'utf8'));
    expect(entity).toMatchObject({ id: 'person/marta-quill', kind: 'person', role: 'Written by the editor.' });
    expect(existsSync(join(pack, 'drafts', SOURCE_ID, 'place', 'eastvale.json'))).toBe(false);
    expect(entity.facts).toHaveLength(1);
    expect(existsSync(join(pack, 'sources', `${SOURCE_ID}.json`))).toBe(true);
    expect(existsSync(join(pack, 'drafts', SOURCE_ID, 'source.txt'))).toBe(false);
    const after = await run(['check', '--pack', pack]);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/sources: +2/);
    expect(after.out).toContain(`${SOURCE_ID}: 5 draft(s)`);
    // Drafting again proposes the accepted name as a known entity (its other sentences as candidate facts),
    // and the rejected one not at all.
    const again = await run(['draft', SOURCE_ID, '--pack', pack]);
    expect(again.out).toMatch(/wrote 1 draft\(s\), kept 5 already there/);
    const quill = JSON.parse(readFileSync(join(pack, 'drafts', SOURCE_ID, 'person', 'marta-quill.json'), 'utf8'));
    expect(quill).toMatchObject({ draft: { action: 'add-facts' }, target: 'person/marta-quill' });
    expect(again.out).toMatch(/place\/eastvale .*\(rejected before: not written\)/);
    expect(existsSync(join(pack, 'drafts', SOURCE_ID, 'place', 'eastvale.json'))).toBe(false);
  });

  it('refuses to accept a draft the validator rejects, naming the file and field, and writes nothing', async () => {
    const pack = newPack();
    await run(['add-source', PAGE, '--pack', pack]);
    await run(['draft', SOURCE_ID, '--pack', pack]);
    const before = snapshot(join(pack, 'entities'));
    const review = await run(['review', '--pack', pack], ['e', 'a'], `node ${EDITOR_SCRIPT} steal-alias`);
    expect(review.out).toContain('not accepted:');
    expect(review.out).toMatch(
      /entities\/person\/marta-quill\.json: person\/marta-quill aliases\.2: "Ada Lovett" also belongs to/,
    );
    expect(review.out).toContain('Stopped: 7 draft(s) left pending.');
    expect(snapshot(join(pack, 'entities'))).toEqual(before);
    expect(existsSync(join(pack, 'sources', `${SOURCE_ID}.txt`))).toBe(false);
  });
});
