import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DATA_DIR, PROJECT_ROOT } from './read-dataset.ts';

/**
 * A pack is a dataset directory laid out like `src/data`: `entities/<prefix>/<slug>.json`, `sources/`, and,
 * for work in progress, `drafts/<source-id>/`: a pending source (`source.txt`, `source.json`) until its first
 * draft is accepted, one draft per proposed entity (`<prefix>/<slug>.json`), and `rejected.txt`, the ids an
 * editor rejected. Nothing under `drafts/`
 * is validated, compiled or shipped.
 */
export interface PackPaths {
  root: string;
  entities: string;
  sources: string;
  drafts: string;
}

/** The paths of a pack; `src/data` by default. */
export function packPaths(dir: string = DATA_DIR): PackPaths {
  const root = resolve(dir);
  return {
    root,
    entities: join(root, 'entities'),
    sources: join(root, 'sources'),
    drafts: join(root, 'drafts'),
  };
}

/** A source's folder of drafts: its pending source files, if not moved in yet, and its draft files. */
export interface PendingSource {
  id: string;
  dir: string;
  /** True while the source itself waits in `drafts/<id>/` (no draft citing it accepted yet). */
  sourcePending: boolean;
  /** Draft files, absolute paths, in path order. */
  drafts: string[];
}

/** Every source with work pending under `drafts/`, in id order. */
export function pendingSources(pack: PackPaths): PendingSource[] {
  if (!existsSync(pack.drafts)) return [];
  return readdirSync(pack.drafts, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((id) => {
      const dir = join(pack.drafts, id);
      const drafts = readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && entry.parentPath !== dir)
        .map((entry) => join(entry.parentPath, entry.name))
        .sort();
      return { id, dir, sourcePending: existsSync(join(dir, 'source.txt')), drafts };
    })
    .filter((pending) => pending.sourcePending || pending.drafts.length > 0);
}

/** The lines `check` prints about pending work. */
export function pendingReport(pack: PackPaths): string[] {
  const pending = pendingSources(pack);
  if (pending.length === 0) return [];
  const total = pending.reduce((n, p) => n + p.drafts.length, 0);
  const lines = [
    `Pending (not compiled; run "news-context review"): ${total} draft(s) from ${pending.length} source(s)`,
  ];
  for (const p of pending) {
    lines.push(`  ${p.id}${p.sourcePending ? ' (source pending)' : ''}: ${p.drafts.length} draft(s)`);
    for (const file of p.drafts) lines.push(`    ${displayPath(file)}`);
  }
  return lines;
}

/** A path as the editor reads it: relative to the current folder. */
export function displayPath(path: string): string {
  return relative(process.cwd(), path) || '.';
}

/** Reads a UTF-8 file, or undefined when it does not exist. */
export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Writes JSON with a two-space indent and a final newline. Files for the pack itself (`format`) are then
 * formatted by the project's Biome, so that `npm run lint` passes; drafts are not linted and skip it.
 */
export function writeJsonFiles(files: readonly { path: string; value: unknown }[], format = true): void {
  for (const { path, value } of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  }
  if (format) formatWithBiome(files.map((f) => f.path));
}

/** Formats files with the project's Biome, so that written JSON passes `npm run lint`; skipped outside the project. */
function formatWithBiome(paths: readonly string[]): void {
  const inside = paths.filter((path) => !relative(PROJECT_ROOT, path).startsWith('..'));
  const biome = join(PROJECT_ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  if (inside.length === 0 || !existsSync(biome)) return;
  spawnSync(process.execPath, [biome, 'format', '--write', ...inside], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}

/** The ids an editor rejected for a source, kept so that running `draft` again does not propose them again. */
export function rejectedIds(pack: PackPaths, sourceId: string): Set<string> {
  const text = readIfExists(join(pack.drafts, sourceId, REJECTED_FILE)) ?? '';
  return new Set(text.split('\n').filter(Boolean));
}

/** Records a rejected draft's entity id. */
export function recordRejected(pack: PackPaths, sourceId: string, entityId: string): void {
  const file = join(pack.drafts, sourceId, REJECTED_FILE);
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${entityId}\n`);
}

const REJECTED_FILE = 'rejected.txt';
