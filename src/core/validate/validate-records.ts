/**
 * The validator behind `news-context check`, the build and pack files (`readPack`): every record against the
 * schema (which holds the rules about one record), then the rules between records, each in its module.
 */
import * as v from 'valibot';
import { type Dataset, type Entity, EntitySchema, type Source, SourceSchema } from '../dataset-schema.ts';
import { checkAliasesAgainstDataset, checkSharedAliases } from './aliases.ts';
import { checkCitations } from './citations.ts';
import type { Checked, DatasetFile, DatasetIssue, ValidateOptions } from './dataset-issue.ts';
import { checkEventChains } from './events.ts';
import { checkReferences, checkRequiredIds, checkSameAs } from './references.ts';
import { checkSources } from './sources.ts';
import { wellFormedEntity } from './well-formed-entity.ts';

/**
 * One record to validate: an entity or a source as parsed JSON, with the label its problems are reported
 * under (a file path, or a place in a pack file) and, for files, the id its path gives.
 */
export interface DatasetRecord {
  file: string;
  json: unknown;
  /** The id the record's file path gives; when set, the record's own id must match it. */
  pathId?: string;
}

/** Every record of a dataset, however it was stored: files in a folder or one pack file. */
export interface DatasetRecords {
  entities: readonly DatasetRecord[];
  sources: readonly DatasetRecord[];
  /** Article texts by source id, with the label of where each came from. */
  texts: readonly { id: string; file: string; text: string }[];
}

/**
 * Validates parsed records. Returns the dataset, entities and sources in id order, only when there is no
 * issue. Issues come grouped by file, in the order the records were given.
 */
export function validateRecords(
  records: DatasetRecords,
  options: ValidateOptions = {},
  files: readonly DatasetFile[] = [],
): { dataset?: Dataset; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  const entities: Checked<Entity>[] = [];
  const sources: Checked<Source>[] = [];
  const texts: Record<string, string> = {};
  const textFiles = new Map<string, string>();
  // Ids of records that exist but failed the schema: references to them are not reported again.
  const brokenIds = new Set<string>();
  const brokenAliases: string[] = [];

  for (const { id, file, text } of records.texts) {
    texts[id] = text;
    textFiles.set(id, file);
  }
  for (const { file, json, pathId } of records.entities) {
    const label = pathId ?? idOf(json) ?? file;
    // Most records are well formed: the schema library runs only on those the plain reading refuses, for its messages.
    const entity = wellFormedEntity(json) ?? parseWith(EntitySchema, json, file, issues, label);
    if (!entity) {
      brokenIds.add(label);
      brokenAliases.push(...aliasTextsOf(json));
      continue;
    }
    if (pathId !== undefined && entity.id !== pathId) {
      issues.push({ file, entityId: entity.id, field: 'id', message: `must match the file path ("${pathId}")` });
    }
    entities.push({ file, value: entity });
  }
  for (const { file, json, pathId } of records.sources) {
    const label = pathId ?? idOf(json) ?? file;
    const source = parseWith(SourceSchema, json, file, issues, label);
    if (!source) {
      brokenIds.add(label);
      continue;
    }
    if (pathId !== undefined && source.id !== pathId) {
      issues.push({ file, entityId: source.id, field: 'id', message: `must match the file name ("${pathId}")` });
    }
    sources.push({ file, value: source });
  }

  const sourceIds = new Set(sources.map(({ value }) => value.id));
  checkSources(sources, entities, texts, textFiles, brokenIds, issues);
  checkReferences(entities, brokenIds, issues);
  checkCitations(entities, sourceIds, texts, brokenIds, issues);
  checkEventChains(entities, issues);
  checkAliasesAgainstDataset(entities, brokenAliases, issues);
  checkSharedAliases(entities, issues);
  checkSameAs(entities, issues);
  if (options.requiredIds) checkRequiredIds(entities, options.requiredIds, files, issues);

  if (issues.length > 0) return { issues: byRecordOrder(issues, records) };
  return {
    issues,
    dataset: {
      entities: entities.map(({ value }) => value).sort(byId),
      sources: sources.map(({ value }) => value).sort(byId),
      texts,
    },
  };
}

/** Issues grouped by file, files in the order their records were given (stable within a file). */
function byRecordOrder(issues: readonly DatasetIssue[], records: DatasetRecords): DatasetIssue[] {
  const order = new Map<string, number>();
  for (const { file } of [...records.entities, ...records.sources, ...records.texts]) {
    if (!order.has(file)) order.set(file, order.size);
  }
  const rank = (file: string) => order.get(file) ?? order.size;
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue.file) - rank(b.issue.file) || a.i - b.i)
    .map(({ issue }) => issue);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  json: unknown,
  file: string,
  issues: DatasetIssue[],
  label: string,
): v.InferOutput<TSchema> | undefined {
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  // Name the record even when its id is missing or malformed: the file path (or its place) says what it is.
  const entityId = idOf(json) ?? label;
  for (const issue of result.issues) {
    issues.push({ file, entityId, field: v.getDotPath(issue) ?? '(root)', message: issue.message });
  }
  return undefined;
}

/** A record's `id` when it has a string one. */
function idOf(json: unknown): string | undefined {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The alias texts of an entity that failed the schema, as far as they can be read. */
function aliasTextsOf(json: unknown): string[] {
  const aliases = (json as { aliases?: unknown } | null)?.aliases;
  if (!Array.isArray(aliases)) return [];
  return aliases
    .map((alias: unknown) => (typeof alias === 'string' ? alias : (alias as { text?: unknown } | null)?.text))
    .filter((text): text is string => typeof text === 'string');
}
