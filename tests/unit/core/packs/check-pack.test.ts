import { describe, expect, it } from 'vitest';
import { checkPack } from '../../../../src/core/packs/check-pack.ts';
import { findClashes } from '../../../../src/core/packs/merge-packs.ts';
import { readPack } from '../../../../src/core/packs/pack-file.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../../fixtures/packs/fixture-pack.ts';

const HARBOUR = fixturePackText(HARBOUR_PACK_DIR);

describe('checkPack (the check an import runs in a worker)', () => {
  it('finds what readPack finds, with the same messages, as plain data that crosses to the page', () => {
    const broken = fixturePackText(HARBOUR_PACK_DIR, {
      edit: (file) => {
        const citation = file.entities.find((entity) => entity.id === 'person/ilse-marrow')?.facts[0]?.citations[0];
        if (citation) citation.quote = 'the crews would sail again at dawn';
      },
    });
    for (const text of [broken, '{"format": "news-context-pack", ', '{"hello": "world"}']) {
      const checked = checkPack(text, 'bad.newscontext.json');
      const read = readPack(text, 'bad.newscontext.json');
      expect(checked.ok).toBe(false);
      expect(checked).toEqual({ ok: false, problems: read.ok ? [] : read.problems });
      expect(structuredClone(checked)).toEqual(checked);
    }
  });

  it('keeps of a valid pack its manifest, size and what the clash check reads of each entity', () => {
    const text = fixturePackText(HARBOUR_PACK_DIR, {
      edit: (file) => {
        const marrow = file.entities.find((entity) => entity.id === 'person/ilse-marrow');
        if (marrow) marrow.sameAs = ['wikidata:Q900777'];
      },
    });
    const checked = checkPack(text, 'harbour.newscontext.json');
    const read = readPack(text, 'harbour.newscontext.json');
    if (!checked.ok || !read.ok) throw new Error('the fixture pack should pass');
    expect(checked.pack.manifest).toEqual(read.pack.manifest);
    expect(checked.pack.bytes).toBe(Buffer.byteLength(text));
    expect(checked.pack.entities).toEqual(
      read.pack.dataset.entities.map(({ id, kind, sameAs }) => ({ id, kind, ...(sameAs ? { sameAs } : {}) })),
    );
    expect(checked.pack.entities).toContainEqual({
      id: 'person/ilse-marrow',
      kind: 'person',
      sameAs: ['wikidata:Q900777'],
    });
    expect(structuredClone(checked)).toEqual(checked);
    // An installed pack that gives the identifier to an organisation: the same clash on what is kept as on the pack.
    const installed = readPack(HARBOUR, 'installed.newscontext.json');
    if (!installed.ok) throw new Error('the fixture pack should pass');
    const union = installed.pack.dataset.entities.find((entity) => entity.id === 'org/harbour-workers-guild');
    if (union) union.sameAs = ['wikidata:Q900777'];
    const other = { ...installed.pack, manifest: { ...installed.pack.manifest, id: 'other' }, imported: true };
    const kept = { manifest: checked.pack.manifest, dataset: { entities: checked.pack.entities } };
    const clashes = findClashes([other, kept]);
    expect(clashes).toEqual(findClashes([other, { ...read.pack, imported: true }]));
    expect(clashes.map((clash) => clash.entity)).toEqual(['person/ilse-marrow']);
  });
});
