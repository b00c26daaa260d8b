/**
 * The pack file, `*.newscontext.json`: one JSON object holding a manifest, the source articles (metadata and
 * text) and the entities, in the schema of `src/data`. Plain JSON rather than a zip: the whole file is read
 * and validated at once anyway, a browser reads JSON without a decompression library, and sources are short
 * news texts (the bundled pack is well under a megabyte).
 */
import * as v from 'valibot';
import type { Dataset, Entity, Source } from '../dataset-schema.ts';
import type { DatasetIssue } from '../validate/dataset-issue.ts';
import { type DatasetRecord, validateRecords } from '../validate/validate-records.ts';
import { type PackManifest, PackManifestSchema } from './pack-manifest.ts';

export const PACK_FORMAT = 'news-context-pack';
export const PACK_FORMAT_VERSION = 1;

export type PackLimits = { readonly maxBytes: number; readonly maxEntities: number };

/** How large a pack may be: the reader's browser holds it in storage and compiles it in the background. */
export const PACK_LIMITS: PackLimits = Object.freeze({
  /** The file, in UTF-8 bytes. */
  maxBytes: 32 * 1024 * 1024,
  maxEntities: 20_000,
});

/** The file as written: what `serialisePack` writes and `readPack` reads. */
export interface PackFile {
  format: typeof PACK_FORMAT;
  formatVersion: typeof PACK_FORMAT_VERSION;
  manifest: PackManifest;
  sources: Array<Source & { text: string }>;
  entities: Entity[];
}

/** A pack that passed every check. */
export interface Pack {
  manifest: PackManifest;
  dataset: Dataset;
  /** The file's size in UTF-8 bytes. */
  bytes: number;
}

/** What is wrong with a pack file: the file, the entity (or `source <id>`) and the field when there are. */
export interface PackProblem {
  file: string;
  entity?: string;
  field?: string;
  message: string;
}

export type ReadPackResult = { ok: true; pack: Pack } | { ok: false; problems: PackProblem[] };

/** A problem as the one line a reader or publisher sees: "team.newscontext.json: person/x › facts.0.text: …". */
export function formatPackProblem(problem: PackProblem): string {
  const where = [problem.entity, problem.field].filter(Boolean).join(' › ');
  return `${problem.file}: ${where ? `${where}: ` : ''}${problem.message}`;
}

/** The pack file of a validated dataset: sources with their texts, everything in id order. */
export function buildPackFile(manifest: PackManifest, dataset: Dataset): PackFile {
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    manifest,
    sources: [...dataset.sources].sort(byId).map((source) => ({ ...source, text: dataset.texts[source.id] ?? '' })),
    entities: [...dataset.entities].sort(byId),
  };
}

/**
 * The canonical text of a pack: object keys sorted, no whitespace, one final newline, and, where the text is
 * mostly ASCII (as English news is: a name's accent, a curly quote), every other character written as a JSON
 * escape (`\u00e9`), so the file is ASCII. The same pack always gives the same bytes, so an exported pack is the
 * file that was imported (when that was built by `news-context pack build`), and a signature over these bytes
 * would not depend on how a tool ordered keys.
 *
 * Why ASCII: Chromium's `TextDecoder` turns ASCII bytes into a string four to five times faster than UTF-8
 * with a few accents in it (12.5 MB in a service worker: 34 to 53 ms against 171 to 207), and an import decodes
 * the file on two threads. A text in another script (Cyrillic, Greek) stays UTF-8: escaped, it would be more
 * than twice the size and slower to read (`ASCII_MAX_GROWTH`).
 */
export function serialisePack(file: PackFile): string {
  return asciiWhereSmall(`${JSON.stringify(file, sortedKeys)}\n`);
}

/** How much larger (in UTF-8 bytes, as a fraction) the escaped text of a pack may be for it to be written as ASCII. */
export const ASCII_MAX_GROWTH = 0.1;

const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * JSON text with every character outside ASCII as a `\uXXXX` escape (a pair of them outside the Basic
 * Multilingual Plane), when that makes it at most `ASCII_MAX_GROWTH` larger; else the text as it is. In JSON,
 * such characters stand only inside strings, where the escape means the same character.
 */
export function asciiWhereSmall(json: string): string {
  let extra = 0;
  for (const match of json.matchAll(NON_ASCII)) {
    const code = match[0].charCodeAt(0);
    // A `\uXXXX` escape is 6 bytes, where UTF-8 takes 2 bytes below U+0800, 3 for the rest of the plane, and 4
    // for a surrogate pair (2 per half): 4, 3 and 4 more.
    extra += code < 0x800 ? 4 : code >= 0xd800 && code <= 0xdfff ? 4 : 3;
  }
  if (extra === 0 || extra > ASCII_MAX_GROWTH * utf8Length(json)) return json;
  return json.replace(NON_ASCII, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/**
 * Reads and validates a pack file completely: size, JSON, format, manifest, and then the same
 * `validateRecords` as `news-context check` (every record against the schema, every quote verbatim in its
 * source, every reference resolved within the pack). Returns the pack only when nothing is wrong.
 */
export function readPack(text: string, fileName: string, limits: PackLimits = PACK_LIMITS): ReadPackResult {
  const fail = (message: string, field?: string): ReadPackResult => ({
    ok: false,
    problems: [{ file: fileName, ...(field ? { field } : {}), message }],
  });
  const bytes = utf8Length(text);
  if (bytes > limits.maxBytes) {
    return fail(`is too large: ${megabytes(bytes)} MB, and a pack may have at most ${megabytes(limits.maxBytes)} MB`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`is not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('is not a News Context pack: the file must hold one JSON object');
  }
  const file = json as Record<string, unknown>;
  if (file.format !== PACK_FORMAT) {
    return fail(`is not a News Context pack: "format" must be "${PACK_FORMAT}"`, 'format');
  }
  if (file.formatVersion !== PACK_FORMAT_VERSION) {
    const newer = typeof file.formatVersion === 'number' && file.formatVersion > PACK_FORMAT_VERSION;
    return fail(
      newer
        ? `is format version ${file.formatVersion}, newer than this version of News Context reads (${PACK_FORMAT_VERSION}): update News Context`
        : `must be ${PACK_FORMAT_VERSION}`,
      'formatVersion',
    );
  }
  const problems: PackProblem[] = [];
  for (const key of Object.keys(file)) {
    if (!['format', 'formatVersion', 'manifest', 'sources', 'entities'].includes(key)) {
      problems.push({ file: fileName, field: key, message: 'is not a field of a pack file' });
    }
  }
  const manifest = v.safeParse(PackManifestSchema, file.manifest);
  if (!manifest.success) {
    for (const issue of manifest.issues) {
      const path = v.getDotPath(issue);
      problems.push({ file: fileName, field: path ? `manifest.${path}` : 'manifest', message: issue.message });
    }
  }
  if (!Array.isArray(file.entities)) problems.push({ file: fileName, field: 'entities', message: 'must be a list' });
  if (!Array.isArray(file.sources)) problems.push({ file: fileName, field: 'sources', message: 'must be a list' });
  if (problems.length > 0 || !manifest.success) return { ok: false, problems };

  const entityJson = file.entities as unknown[];
  const sourceJson = file.sources as unknown[];
  if (entityJson.length > limits.maxEntities) {
    return fail(`holds ${entityJson.length} entities, and a pack may hold at most ${limits.maxEntities}`, 'entities');
  }
  const sources: DatasetRecord[] = [];
  const texts: { id: string; file: string; text: string }[] = [];
  sourceJson.forEach((json, i) => {
    const label = `sources.${i}`;
    const { text: sourceText, ...meta } = (typeof json === 'object' && json !== null ? json : {}) as Record<
      string,
      unknown
    >;
    if (typeof sourceText !== 'string' || sourceText.trim() === '') {
      const id = typeof meta.id === 'string' ? meta.id : label;
      problems.push({ file: fileName, entity: `source ${id}`, field: 'text', message: 'must be the article text' });
      return;
    }
    sources.push({ file: label, json: meta });
    if (typeof meta.id === 'string') texts.push({ id: meta.id, file: label, text: sourceText });
  });
  const entities = entityJson.map((json, i): DatasetRecord => ({ file: `entities.${i}`, json }));
  const { dataset, issues } = validateRecords({ entities, sources, texts });
  problems.push(...issues.map((issue) => packProblem(issue, fileName)));
  if (problems.length > 0 || !dataset) return { ok: false, problems };
  return { ok: true, pack: { manifest: manifest.output, dataset, bytes } };
}

/**
 * Reads a pack file that passed `readPack` before (an imported pack that this version of News Context checked at
 * import, or the bundled pack, checked when `npm run compile` built it) without checking it again: the JSON
 * parsed, entities and sources in id order, and every string trimmed as the schema's text fields trim them (ids,
 * dates and kinds cannot carry spaces once checked; addresses are left as they are, as the schema leaves them).
 * The same dataset `readPack` returns, for a fraction of its cost; anything else in `text` throws.
 */
export function readCheckedPack(text: string): { manifest: PackManifest; dataset: Dataset } {
  const file = JSON.parse(text) as PackFile;
  const texts: Record<string, string> = {};
  // A source's text is taken out before the strings are trimmed: quotes are checked against it as it is.
  const sources = file.sources.map(({ text: sourceText, ...source }) => {
    const trimmed = trimStrings(source) as Source;
    texts[trimmed.id] = sourceText;
    return trimmed;
  });
  const entities = trimStrings(file.entities) as Entity[];
  return {
    manifest: trimStrings(file.manifest) as PackManifest,
    dataset: { entities: entities.sort(byId), sources: sources.sort(byId), texts },
  };
}

/** Fields whose text the schema checks but does not trim: addresses. */
const UNTRIMMED_FIELDS: ReadonlySet<string> = new Set(['url', 'homepage']);

/** `value` with every string trimmed in place, except addresses (`UNTRIMMED_FIELDS`). */
function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = trimStrings(value[i]);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) if (!UNTRIMMED_FIELDS.has(key)) record[key] = trimStrings(record[key]);
  }
  return value;
}

/** A validator issue of one record of the pack, named by entity (or source) and field. */
function packProblem(issue: DatasetIssue, fileName: string): PackProblem {
  const isSource = issue.file.startsWith('sources.');
  const who = issue.entityId ?? issue.file;
  return {
    file: fileName,
    entity: isSource ? `source ${who}` : who,
    ...(issue.field && issue.field !== '(root)' ? { field: issue.field } : {}),
    message: issue.message,
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Characters encoded at a time by `utf8Length`. */
const UTF8_CHUNK = 1 << 16;

/**
 * The text's size in UTF-8 bytes, as the file on disk. The engine's encoder is faster than counting in a loop;
 * it writes a chunk at a time into one small buffer, rather than a copy of the whole file (12 MB for a large
 * pack, for its length alone). A chunk never ends between the two halves of a surrogate pair, so each
 * character is encoded as the whole text would encode it (a lone half as U+FFFD, three bytes).
 */
export function utf8Length(text: string): number {
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(3 * UTF8_CHUNK);
  let bytes = 0;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + UTF8_CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    bytes += encoder.encodeInto(text.slice(start, end), buffer).written;
    start = end;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
