import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import type { Dataset } from '../core/dataset-schema.ts';
import { type PackManifest, PackManifestSchema } from '../core/packs/pack-manifest.ts';
import { type DatasetFile, type DatasetIssue, validateDataset } from '../core/validate-dataset.ts';

/** The project root: two folders above this file. */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
export const DATA_DIR = join(PROJECT_ROOT, 'src', 'data');
export const COMPILED_DIR = join(DATA_DIR, 'compiled');

/** Reads every entity and source file under `src/data/` (not the compiled output). */
export function readDatasetFiles(dataDir = DATA_DIR): DatasetFile[] {
  const files: DatasetFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(dataDir, 'compiled')) walk(path);
      } else if (/\.(json|txt)$/.test(entry.name) && !entry.name.startsWith('README')) {
        files.push({ path: relative(PROJECT_ROOT, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(join(dataDir, 'entities'));
  walk(join(dataDir, 'sources'));
  return files;
}

/** Reads and validates the dataset from disk. */
export function readDataset(dataDir = DATA_DIR): { dataset?: Dataset; issues: DatasetIssue[] } {
  return validateDataset(readDatasetFiles(dataDir));
}

/** The manifest file of a dataset directory: what `compile` and `pack build` put in the pack. */
export const MANIFEST_FILE = 'pack.json';

/** Reads and validates `DIR/pack.json`; problems name the file and the field. */
export function readManifest(dataDir = DATA_DIR): { manifest?: PackManifest; issues: DatasetIssue[] } {
  const path = join(dataDir, MANIFEST_FILE);
  const file = relative(PROJECT_ROOT, path);
  if (!existsSync(path)) {
    return {
      issues: [{ file, field: '(file)', message: 'is missing: a pack needs a manifest (see README, "Packs")' }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { issues: [{ file, field: '(file)', message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const result = v.safeParse(PackManifestSchema, json);
  if (result.success) return { manifest: result.output, issues: [] };
  return {
    issues: result.issues.map((issue) => ({ file, field: v.getDotPath(issue) ?? '(root)', message: issue.message })),
  };
}
