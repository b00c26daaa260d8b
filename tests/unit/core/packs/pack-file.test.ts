import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILED_DIR } from '../../../../src/cli/read-dataset.ts';
import {
  asciiWhereSmall,
  buildPackFile,
  formatPackProblem,
  PACK_LIMITS,
  type PackFile,
  type PackProblem,
  readPack,
  serialisePack,
  utf8Length,
} from '../../../../src/core/packs/pack-file.ts';
import { fixtureDataset, manifest } from './pack-fixtures.ts';

const FILE = 'northport.newscontext.json';

/** The fixture pack's file as JSON, to break in one place. */
function packJson(): PackFile & Record<string, unknown> {
  return JSON.parse(serialisePack(buildPackFile(manifest(), fixtureDataset())));
}

function problemsOf(text: string, limits = PACK_LIMITS): string[] {
  const result = readPack(text, FILE, limits);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatPackProblem);
}

/** The problems of the fixture pack after one change to its JSON. */
function problemsAfter(change: (json: ReturnType<typeof packJson>) => void): string[] {
  const json = packJson();
  change(json);
  return problemsOf(JSON.stringify(json));
}

describe('the pack file', () => {
  it('round-trips byte for byte: read, build again, serialise', () => {
    const text = serialisePack(buildPackFile(manifest(), fixtureDataset()));
    const result = readPack(text, FILE);
    if (!result.ok) throw new Error(result.problems.map(formatPackProblem).join('\n'));
    expect(serialisePack(buildPackFile(result.pack.manifest, result.pack.dataset))).toBe(text);
    expect(result.pack.bytes).toBe(Buffer.byteLength(text, 'utf8'));
    expect(result.pack.dataset.entities.map((e) => e.id)).toEqual(fixtureDataset().entities.map((e) => e.id));
  });

  it('is canonical: key order and entity order in the input do not change the bytes', () => {
    const dataset = fixtureDataset();
    const shuffled = {
      ...dataset,
      entities: [...dataset.entities].reverse().map((e) => Object.fromEntries(Object.entries(e).reverse())),
    } as typeof dataset;
    expect(serialisePack(buildPackFile(manifest(), shuffled))).toBe(serialisePack(buildPackFile(manifest(), dataset)));
  });

  it('holds each source with its article text', () => {
    const file = packJson();
    expect(file.format).toBe('news-context-pack');
    expect(file.formatVersion).toBe(1);
    expect(file.sources[0]?.id).toBe('northport-report');
    expect(file.sources[0]?.text).toContain('Special envoy Ada Lovett met both presidents');
  });

  it('reads a pack written by another tool with indentation and its own key order', () => {
    const json = packJson();
    const reordered = {
      entities: json.entities,
      manifest: json.manifest,
      sources: json.sources,
      formatVersion: 1,
      format: json.format,
    };
    const result = readPack(JSON.stringify(reordered, null, 2), FILE);
    expect(result.ok).toBe(true);
  });

  it('the bundled pack written by npm run compile reads back and serialises to the same bytes', () => {
    const text = readFileSync(join(COMPILED_DIR, 'pack.newscontext.json'), 'utf8');
    const result = readPack(text, 'pack.newscontext.json');
    if (!result.ok) throw new Error(result.problems.map(formatPackProblem).join('\n'));
    expect(result.pack.manifest.id).toBe('aug-2025-ukraine-talks');
    expect(result.pack.dataset.entities.length).toBeGreaterThan(50);
    expect(serialisePack(buildPackFile(result.pack.manifest, result.pack.dataset))).toBe(text);
  });
});

describe('readPack rejects', () => {
  it('a file that is not JSON', () => {
    const [problem] = problemsOf('{"format": "news-context-pack",');
    expect(problem).toMatch(/^northport\.newscontext\.json: is not JSON \(/);
  });

  it('JSON that is not one object', () => {
    expect(problemsOf('[1, 2]')).toEqual([`${FILE}: is not a News Context pack: the file must hold one JSON object`]);
  });

  it('another format', () => {
    expect(problemsAfter((j) => Object.assign(j, { format: 'word-list' }))).toEqual([
      `${FILE}: format: is not a News Context pack: "format" must be "news-context-pack"`,
    ]);
  });

  it('a newer format version, saying to update, and a missing one', () => {
    expect(problemsAfter((j) => Object.assign(j, { formatVersion: 2 }))).toEqual([
      `${FILE}: formatVersion: is format version 2, newer than this version of News Context reads (1): update News Context`,
    ]);
    expect(problemsAfter((j) => Object.assign(j, { formatVersion: undefined }))).toEqual([
      `${FILE}: formatVersion: must be 1`,
    ]);
  });

  it('a bad manifest, by field', () => {
    expect(problemsAfter((j) => Object.assign(j.manifest, { version: 'two', title: '' }))).toEqual([
      `${FILE}: manifest.title: must not be empty`,
      `${FILE}: manifest.version: must be a version like "1.2.0" (major.minor.patch, no tags)`,
    ]);
  });

  it('fields a pack file does not have, and entities or sources that are not lists', () => {
    expect(problemsAfter((j) => Object.assign(j, { extras: [], entities: {} }))).toEqual([
      `${FILE}: extras: is not a field of a pack file`,
      `${FILE}: entities: must be a list`,
    ]);
  });

  it('a schema error, naming the entity and the field', () => {
    expect(
      problemsAfter((j) => {
        const ada = j.entities.find((e) => e.id === 'person/ada-lovett');
        Object.assign(ada ?? {}, { role: '', aliases: [] });
      }),
    ).toEqual([
      `${FILE}: person/ada-lovett › aliases: needs at least one alias`,
      `${FILE}: person/ada-lovett › role: must not be empty`,
    ]);
  });

  it('a quote that is not verbatim in its source', () => {
    expect(
      problemsAfter((j) => {
        const ada = j.entities.find((e) => e.id === 'person/ada-lovett');
        const citation = ada?.facts[0]?.citations[0];
        if (citation) citation.quote = 'Ada Lovett met both presidents in Southport';
      }),
    ).toEqual([
      `${FILE}: person/ada-lovett › facts.0.citations.0.quote: is not found verbatim in source "northport-report": "Ada Lovett met both presidents in Southport"`,
    ]);
  });

  it('a reference to an entity or a source the pack does not hold', () => {
    expect(
      problemsAfter((j) => {
        const ada = j.entities.find((e) => e.id === 'person/ada-lovett');
        if (!ada) return;
        ada.related = ['person/nobody'];
        (ada.facts[0]?.citations[0] ?? { source: '' }).source = 'other-report';
      }),
    ).toEqual([
      `${FILE}: person/ada-lovett › related.0: refers to unknown entity "person/nobody"`,
      `${FILE}: person/ada-lovett › facts.0.citations.0.source: unknown source "other-report"`,
    ]);
  });

  it('two sources or two entities with one id', () => {
    expect(
      problemsAfter((j) => {
        j.sources.push({ ...(j.sources[0] as PackFile['sources'][number]) });
        j.entities.push({ ...(j.entities[0] as PackFile['entities'][number]) });
      }),
    ).toEqual([
      `${FILE}: event/northport-summit › id: is also used by entities.0`,
      `${FILE}: source northport-report › id: is also used by sources.0`,
    ]);
  });

  it('a source without its article text', () => {
    const problems = problemsAfter((j) => Object.assign(j.sources[0] ?? {}, { text: undefined }));
    expect(problems[0]).toBe(`${FILE}: source northport-report › text: must be the article text`);
  });

  it('a fact that claims a pack: only merging sets that', () => {
    expect(
      problemsAfter((j) => Object.assign(j.entities[0]?.facts[0] ?? {}, { pack: 'aug-2025-ukraine-talks' })),
    ).toEqual([
      `${FILE}: event/northport-summit › facts.0.pack: is set when packs are merged, never written in a dataset`,
    ]);
  });

  it('a file larger than the limit, before parsing it', () => {
    const text = serialisePack(buildPackFile(manifest(), fixtureDataset()));
    const limits = { ...PACK_LIMITS, maxBytes: 1024 * 1024 };
    expect(readPack(text, FILE, limits).ok).toBe(true);
    // Trailing spaces keep it valid JSON: only the size is wrong.
    expect(problemsOf(`${text}${' '.repeat(2 * 1024 * 1024)}`, limits)).toEqual([
      `${FILE}: is too large: 2.0 MB, and a pack may have at most 1.0 MB`,
    ]);
  });

  it('more entities than the limit', () => {
    const text = serialisePack(buildPackFile(manifest(), fixtureDataset()));
    expect(problemsOf(text, { ...PACK_LIMITS, maxEntities: 4 })).toEqual([
      `${FILE}: entities: holds 5 entities, and a pack may hold at most 4`,
    ]);
  });
});

describe('the ASCII form of a pack file', () => {
  /** The fixture dataset with `text` added to the first source's article and a fact quoting its start. */
  function withText(text: string) {
    const dataset = fixtureDataset();
    const source = dataset.sources[0];
    const entity = dataset.entities[0];
    if (!source || !entity) throw new Error('the fixture has no source or entity');
    dataset.texts[source.id] = `${dataset.texts[source.id]}\n\n${text}`;
    entity.facts.push({ text: 'Quoted.', citations: [{ source: source.id, quote: text.slice(0, 40) }] });
    return dataset;
  }
  const articleOf = (result: ReturnType<typeof readPack>) =>
    result.ok ? Object.values(result.pack.dataset.texts).join('\n') : '';

  it('writes accents, curly quotes and emoji as escapes, and reads back the same characters', () => {
    // News in English: a few accents, curly quotes and a dash in a paragraph of ASCII.
    const article = [
      'Zelenskyy met Sánchez in Kraków on Tuesday, “to talk about what comes next,” an aide said.',
      ...Array.from({ length: 12 }, (_, i) => `Officials met again on day ${i + 1} of the talks and said little.`),
      'One flag was raised 🇺🇦 and the meeting ended — late.',
    ].join(' ');
    const text = serialisePack(buildPackFile(manifest(), withText(article)));
    expect(text).not.toMatch(/[^\n\x20-\x7e]/);
    expect(text).toContain('S\\u00e1nchez');
    const result = readPack(text, FILE);
    if (!result.ok) throw new Error(result.problems.map(formatPackProblem).join('\n'));
    expect(articleOf(result)).toContain(article);
    expect(result.pack.dataset.entities[0]?.facts.at(-1)?.citations[0]?.quote).toBe(article.slice(0, 40));
    expect(result.pack.bytes).toBe(text.length);
  });

  it('leaves a pack in another script as UTF-8, where escapes would more than double it', () => {
    const article = Array.from(
      { length: 20 },
      () => 'Переговоры в Москве продолжились во вторник, сообщили в Кремле.',
    ).join(' ');
    const text = serialisePack(buildPackFile(manifest(), withText(article)));
    expect(text).toContain('Переговоры в Москве');
    const result = readPack(text, FILE);
    expect(articleOf(result)).toContain(article);
  });

  it('escapes only inside strings, so the JSON means the same', () => {
    const json = JSON.stringify({ clé: ['é', '“x”', '𝄞'], n: 1 });
    // Padded with spaces, as a real file is long enough for its few escapes to cost under a tenth more.
    const ascii = asciiWhereSmall(`${json}\n`.padEnd(400, ' '));
    expect(ascii).not.toMatch(/[^\n\x20-\x7e]/);
    expect(JSON.parse(ascii)).toEqual(JSON.parse(json));
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes as the file has them, across chunk boundaries and surrogate pairs', () => {
    const chunk = 1 << 16;
    const texts = [
      '',
      'plain',
      'é€😀',
      // A pair whose halves sit on both sides of where a chunk would end.
      `${'a'.repeat(chunk - 1)}😀${'b'.repeat(10)}`,
      `${'a'.repeat(chunk - 1)}😀`,
      // Lone halves, which an encoder writes as U+FFFD, at the boundary and elsewhere.
      `${'a'.repeat(chunk - 1)}\ud800${'é'.repeat(chunk)}\udc00x`,
      `${'€'.repeat(3 * chunk + 7)}😀\ud83d`,
    ];
    for (const text of texts) expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('formatPackProblem', () => {
  it('writes file, entity › field, message', () => {
    const problem: PackProblem = {
      file: 'team.newscontext.json',
      entity: 'person/x',
      field: 'role',
      message: 'must not be empty',
    };
    expect(formatPackProblem(problem)).toBe('team.newscontext.json: person/x › role: must not be empty');
    expect(formatPackProblem({ file: 'a.json', message: 'is not JSON' })).toBe('a.json: is not JSON');
  });
});
