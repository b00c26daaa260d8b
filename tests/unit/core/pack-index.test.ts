import { describe, expect, it } from 'vitest';
import { isPackStale, packAgeDays } from '../../../src/core/pack-age.ts';
import {
  type BundledPackInfo,
  compiledIsCurrent,
  decideImport,
  enabledSetKey,
  type InstalledPack,
  isDefaultSet,
  parsePackIndex,
  withoutPack,
  withPack,
  withPackEnabled,
} from '../../../src/core/pack-index.ts';
import type { PackManifest } from '../../../src/core/packs/pack-manifest.ts';

const manifest = (id: string, version = '1.0.0'): PackManifest => ({
  id,
  title: `Pack ${id}`,
  version,
  asOf: '2026-03-02',
  publisher: 'Tests',
  license: 'CC BY 4.0',
  description: 'A pack for the tests.',
});

const bundled: BundledPackInfo = { manifest: manifest('bundled-story', '2.0.0'), bytes: 1000, entities: 70 };

const imported = (id: string, version = '1.0.0', enabled = true): InstalledPack => ({
  manifest: manifest(id, version),
  enabled,
  bytes: 300,
  entities: 5,
  importedAt: '2026-11-30T10:00:00.000Z',
  bundled: false,
});

describe('the stored pack index', () => {
  it('is the bundled pack alone, switched on, when nothing or garbage is stored', () => {
    for (const stored of [undefined, null, 'text', 42, [], { packs: 'x' }, { generation: -1, packs: [] }]) {
      const index = parsePackIndex(stored, bundled);
      expect(index.packs).toEqual([{ ...bundled, enabled: true, importedAt: '', bundled: true }]);
      expect(isDefaultSet(index)).toBe(true);
    }
  });

  it('drops a corrupt entry on its own and keeps the others and the bundled switch', () => {
    const stored = {
      generation: 7,
      packs: [
        { ...imported('bundled-story'), bundled: true, enabled: false },
        imported('harbour'),
        { ...imported('broken'), manifest: { id: 'Not A Slug' } },
        'garbage',
      ],
    };
    const index = parsePackIndex(stored, bundled);
    expect(index.generation).toBe(7);
    expect(index.packs.map((pack) => [pack.manifest.id, pack.enabled])).toEqual([
      ['bundled-story', false],
      ['harbour', true],
    ]);
  });

  it('always lists the build’s bundled manifest (an update brings a newer one), never a stored one', () => {
    const stored = { generation: 1, packs: [{ ...imported('bundled-story', '1.0.0'), bundled: true }] };
    expect(parsePackIndex(stored, bundled).packs[0]?.manifest.version).toBe('2.0.0');
  });

  it('is the default set only when the bundled pack alone is on', () => {
    const base = parsePackIndex(undefined, bundled);
    const withHarbour = withPack(base, imported('harbour'));
    expect(isDefaultSet(withHarbour)).toBe(false);
    expect(isDefaultSet(withPackEnabled(withHarbour, 'harbour', false))).toBe(true);
    const none = withPackEnabled(base, 'bundled-story', false);
    expect(isDefaultSet(none)).toBe(false);
    expect(enabledSetKey(none)).toBe('');
    expect(enabledSetKey(withHarbour)).toBe('bundled-story@2.0.0,harbour@1.0.0');
  });

  it('moves its generation on with every change, and removes imported packs only', () => {
    const base = parsePackIndex(undefined, bundled);
    const added = withPack(base, imported('harbour'));
    const off = withPackEnabled(added, 'harbour', false);
    const removed = withoutPack(off, 'harbour');
    expect([base, added, off, removed].map((index) => index.generation)).toEqual([0, 1, 2, 3]);
    expect(removed.packs.map((pack) => pack.manifest.id)).toEqual(['bundled-story']);
    expect(withoutPack(removed, 'bundled-story').packs.map((pack) => pack.manifest.id)).toEqual(['bundled-story']);
  });
});

describe('what an import does', () => {
  const index = withPack(parsePackIndex(undefined, bundled), imported('harbour', '1.2.0'));

  it('adds a new pack, replaces an older version, and asks about an older or equal one', () => {
    expect(decideImport(index, manifest('other')).kind).toBe('add');
    expect(decideImport(index, manifest('harbour', '1.10.0'))).toMatchObject({ kind: 'replace' });
    expect(decideImport(index, manifest('harbour', '1.2.0'))).toMatchObject({ kind: 'confirm', reason: 'same' });
    expect(decideImport(index, manifest('harbour', '1.1.9'))).toMatchObject({ kind: 'confirm', reason: 'older' });
  });

  it('refuses a pack with the bundled pack’s id', () => {
    expect(decideImport(index, manifest('bundled-story', '9.0.0')).kind).toBe('bundled');
  });

  it('keeps a replaced pack in its place in the merge order', () => {
    const next = withPack(withPack(index, imported('later')), imported('harbour', '2.0.0'));
    expect(next.packs.map((pack) => `${pack.manifest.id}@${pack.manifest.version}`)).toEqual([
      'bundled-story@2.0.0',
      'harbour@2.0.0',
      'later@1.0.0',
    ]);
  });
});

describe('compiled output in step with the index', () => {
  const index = withPack(parsePackIndex(undefined, bundled), imported('harbour'));

  it('is current only for the index’s generation and enabled set, and absent for the bundled pack alone', () => {
    const key = enabledSetKey(index);
    expect(compiledIsCurrent(index, { generation: index.generation, setKey: key })).toBe(true);
    expect(compiledIsCurrent(index, { generation: index.generation - 1, setKey: key })).toBe(false);
    expect(compiledIsCurrent(index, { generation: index.generation, setKey: 'bundled-story@2.0.0' })).toBe(false);
    expect(compiledIsCurrent(index, undefined)).toBe(false);
    const back = withPackEnabled(index, 'harbour', false);
    expect(compiledIsCurrent(back, undefined)).toBe(true);
    expect(compiledIsCurrent(back, { generation: index.generation, setKey: key })).toBe(false);
  });
});

describe('a pack’s age', () => {
  it('counts whole days from its as-of date and is stale past the reader’s limit', () => {
    const now = new Date('2026-05-31T23:30:00Z');
    expect(packAgeDays('2026-03-02', now)).toBe(90);
    expect(isPackStale('2026-03-02', now, 90)).toBe(false);
    expect(isPackStale('2026-03-01', now, 90)).toBe(true);
    expect(packAgeDays('2026-12-24', now)).toBe(0);
  });
});
