import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePackText } from '../../../../bench/generate-pack.ts';
import { COMPILED_DIR } from '../../../../src/cli/read-dataset.ts';
import { compilePacksForStorage } from '../../../../src/core/packs/compile-packs.ts';
import { formatPackProblem, readCheckedPack, readPack } from '../../../../src/core/packs/pack-file.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../../fixtures/packs/fixture-pack.ts';

/** What the full check reads from a pack file. */
function checked(text: string) {
  const result = readPack(text, 'pack.newscontext.json');
  if (!result.ok) throw new Error(result.problems.slice(0, 5).map(formatPackProblem).join('\n'));
  return { manifest: result.pack.manifest, dataset: result.pack.dataset };
}

const BUNDLED = readFileSync(join(COMPILED_DIR, 'pack.newscontext.json'), 'utf8');
/** A hand-written pack: strings with spaces around them, which the check trims, and an address it keeps. */
const PADDED = fixturePackText(HARBOUR_PACK_DIR, {
  manifest: { title: '  Vellmar Bay ferry strike ' },
  edit: (file) => {
    const [entity] = file.entities;
    const [source] = file.sources;
    if (!entity || !source) throw new Error('the fixture pack is empty');
    entity.summary = ` ${entity.summary}\n`;
    const [fact] = entity.facts;
    const [citation] = fact?.citations ?? [];
    if (fact && citation) {
      fact.text = `${fact.text}  `;
      citation.quote = ` ${citation.quote}`;
    }
    source.title = `${source.title} `;
    source.text = `\n${source.text}\n\n`;
  },
});

describe('reading a pack that was checked before', () => {
  it.each([
    ['the bundled pack', BUNDLED],
    ['a generated pack', generatePackText({ entities: 300, seed: 3 })],
    ['a hand-written pack with padded strings', PADDED],
  ])('gives the dataset the full check gives: %s', (_, text) => {
    expect(readCheckedPack(text)).toEqual(checked(text));
  });

  it('compiles to the same stored files as the fully checked read', () => {
    const text = generatePackText({ entities: 200, seed: 5 });
    const fromChecked = compilePacksForStorage([{ ...readCheckedPack(text), imported: true }]);
    const fromFull = compilePacksForStorage([{ ...checked(text), imported: true }]);
    expect(JSON.parse(fromChecked.entities)).toEqual(JSON.parse(fromFull.entities));
    expect(fromChecked.matcherSnapshot).toBe(fromFull.matcherSnapshot);
    expect(fromChecked.search).toBe(fromFull.search);
    expect(fromChecked.marking).toEqual(fromFull.marking);
  });

  it('throws on a file that is not JSON, so that the caller checks it fully instead', () => {
    expect(() => readCheckedPack('{"format": ')).toThrow();
  });
});
