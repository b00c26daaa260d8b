import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { compareVersions, PackManifestSchema } from '../../../../src/core/packs/pack-manifest.ts';
import { manifest } from './pack-fixtures.ts';

describe('compareVersions', () => {
  it('orders versions by major, then minor, then patch, numerically', () => {
    const shuffled = ['1.10.0', '0.9.9', '1.2.10', '2.0.0', '1.2.9', '1.9.0', '1.2.9'];
    expect([...shuffled].sort(compareVersions)).toEqual([
      '0.9.9',
      '1.2.9',
      '1.2.9',
      '1.2.10',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ]);
  });

  it('says newer, older and equal', () => {
    expect(compareVersions('1.0.1', '1.0.0')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.1')).toBe(-1);
    expect(compareVersions('3.4.5', '3.4.5')).toBe(0);
  });

  it('rejects pre-release tags and anything that is not major.minor.patch', () => {
    for (const bad of ['1.0.0-beta', '1.0', 'v1.0.0', '01.0.0', '1.0.0+build']) {
      expect(() => compareVersions(bad, '1.0.0'), bad).toThrow(/is not a version/);
    }
  });
});

describe('PackManifestSchema', () => {
  const problems = (value: unknown) =>
    v.safeParse(PackManifestSchema, value).issues?.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`) ?? [];

  it('accepts a complete manifest, with or without a homepage', () => {
    expect(problems(manifest())).toEqual([]);
    expect(problems(manifest({ homepage: 'https://example.org/packs' }))).toEqual([]);
  });

  it('names each bad field', () => {
    expect(problems(manifest({ id: 'Team Pack' }))).toEqual([
      'id: must be a kebab-case slug like "aug-2025-ukraine-talks"',
    ]);
    expect(problems(manifest({ version: '1.0.0-rc.1' }))).toEqual([
      'version: must be a version like "1.2.0" (major.minor.patch, no tags)',
    ]);
    expect(problems(manifest({ asOf: '2025-02-30' }))).toEqual(['asOf: is not a real calendar date']);
    expect(problems(manifest({ asOf: '2025-02' }))).toEqual(['asOf: must be a date: YYYY-MM-DD']);
    expect(problems(manifest({ homepage: 'http://example.org' }))).toEqual(['homepage: must be an https:// address']);
    expect(problems(manifest({ publisher: ' ' }))).toEqual(['publisher: must not be empty']);
    expect(problems({ ...manifest(), signature: 'x' })[0]).toMatch(/^signature: /);
  });
});
