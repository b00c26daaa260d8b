/**
 * What a pack says about itself: who publishes it, which version it is and how current its facts are.
 * The bundled dataset's manifest is `src/data/pack.json`; every `*.newscontext.json` file carries one.
 */
import * as v from 'valibot';
import { isRealDate } from '../dataset-schema.ts';

const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** Plain `major.minor.patch` without leading zeros. Pre-release and build tags are rejected: see `compareVersions`. */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export const PackManifestSchema = v.strictObject({
  /** Stable across versions: a newer file with the same id replaces the installed one. */
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case slug like "aug-2025-ukraine-talks"'),
    v.maxLength(64, 'must be at most 64 characters'),
  ),
  title: NonEmpty,
  version: v.pipe(v.string(), v.regex(VERSION, 'must be a version like "1.2.0" (major.minor.patch, no tags)')),
  /** The day the pack's facts are current to: the latest date its sources support. */
  asOf: v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date: YYYY-MM-DD'),
    v.check(isRealDate, 'is not a real calendar date'),
  ),
  publisher: NonEmpty,
  /** The licence of the pack's own writing (names, summaries, facts); quoted sources keep their own rights. */
  license: NonEmpty,
  description: NonEmpty,
  homepage: v.optional(
    v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https:// address')),
  ),
});

export type PackManifest = v.InferOutput<typeof PackManifestSchema>;

/**
 * Orders two pack versions: negative when `a` is older than `b`, 0 when equal, positive when newer.
 * Only `major.minor.patch` is accepted (pre-release tags such as `1.0.0-beta` are rejected by the manifest
 * schema, so that "newer" has one obvious meaning); anything else throws.
 */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] as number) - (pb[i] as number);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

function versionParts(version: string): [number, number, number] {
  const match = VERSION.exec(version);
  if (!match) throw new Error(`"${version}" is not a version like "1.2.0"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
