import * as v from 'valibot';
import {
  aliasObject,
  type Dataset,
  type Entity,
  EntitySchema,
  KIND_ID_PREFIX,
  type Source,
  SourceSchema,
} from './dataset-schema.ts';
import { foldForQuote } from './fold-quote.ts';

/** A dataset file as read from disk: its path relative to the project and its text. */
export interface DatasetFile {
  path: string;
  text: string;
}

/** One problem, naming the file, the entity (when there is one) and the field. */
export interface DatasetIssue {
  file: string;
  entityId?: string;
  field: string;
  message: string;
}

/** Renders an issue as the one line a dataset author reads. */
export function formatIssue(issue: DatasetIssue): string {
  const who = issue.entityId ? ` ${issue.entityId}` : '';
  return `${issue.file}:${who} ${issue.field}: ${issue.message}`;
}

const ENTITY_PATH = /(?:^|\/)entities\/([a-z]+)\/([a-z0-9-]+)\.json$/;
const SOURCE_META_PATH = /(?:^|\/)sources\/([a-z0-9-]+)\.json$/;
const SOURCE_TEXT_PATH = /(?:^|\/)sources\/([a-z0-9-]+)\.txt$/;

/**
 * Validates every dataset file and the references between them.
 * Returns the dataset only when there are no issues: a broken dataset never reaches a reader.
 */
export function validateDataset(files: readonly DatasetFile[]): { dataset?: Dataset; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  const entities: { file: string; entity: Entity }[] = [];
  const sources: { file: string; source: Source }[] = [];
  const texts: Record<string, string> = {};

  for (const file of files) {
    const entityPath = ENTITY_PATH.exec(file.path);
    const sourcePath = SOURCE_META_PATH.exec(file.path);
    const textPath = SOURCE_TEXT_PATH.exec(file.path);
    if (textPath?.[1]) {
      texts[textPath[1]] = file.text;
      continue;
    }
    if (!entityPath && !sourcePath) {
      issues.push({ file: file.path, field: '(file)', message: 'is neither an entity nor a source file' });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (error) {
      issues.push({ file: file.path, field: '(file)', message: `is not valid JSON: ${(error as Error).message}` });
      continue;
    }
    if (entityPath) {
      const entity = parseWith(EntitySchema, json, file.path, issues);
      if (!entity) continue;
      const expected = `${entityPath[1]}/${entityPath[2]}`;
      if (entity.id !== expected) {
        issues.push({ file: file.path, entityId: entity.id, field: 'id', message: `must match the file path ("${expected}")` });
      }
      if (KIND_ID_PREFIX[entity.kind] !== entity.id.split('/')[0]) {
        issues.push({
          file: file.path,
          entityId: entity.id,
          field: 'kind',
          message: `"${entity.kind}" needs the id prefix "${KIND_ID_PREFIX[entity.kind]}/"`,
        });
      }
      entities.push({ file: file.path, entity });
    } else if (sourcePath) {
      const source = parseWith(SourceSchema, json, file.path, issues);
      if (!source) continue;
      if (source.id !== sourcePath[1]) {
        issues.push({ file: file.path, field: 'id', message: `must match the file name ("${sourcePath[1]}")` });
      }
      sources.push({ file: file.path, source });
    }
  }

  for (const { file, source } of sources) {
    if (texts[source.id] === undefined) {
      issues.push({ file, field: 'id', message: `has no article text (expected ${source.id}.txt beside it)` });
    }
    if (source.published.earliest > source.published.latest) {
      issues.push({ file, field: 'published', message: 'earliest is after latest' });
    }
  }

  checkReferences(entities, new Set(sources.map(({ source }) => source.id)), texts, issues);
  checkAliases(entities, issues);

  if (issues.length > 0) return { issues };
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    issues,
    dataset: {
      entities: entities.map(({ entity }) => entity).sort(byId),
      sources: sources.map(({ source }) => source).sort(byId),
      texts,
    },
  };
}

function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  json: unknown,
  file: string,
  issues: DatasetIssue[],
): v.InferOutput<TSchema> | undefined {
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  const entityId =
    typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string'
      ? (json as { id: string }).id
      : undefined;
  for (const issue of result.issues) {
    issues.push({ file, entityId, field: v.getDotPath(issue) ?? '(root)', message: issue.message });
  }
  return undefined;
}

function checkReferences(
  entities: readonly { file: string; entity: Entity }[],
  sourceIds: ReadonlySet<string>,
  texts: Readonly<Record<string, string>>,
  issues: DatasetIssue[],
): void {
  const seen = new Map<string, string>();
  for (const { file, entity } of entities) {
    const previous = seen.get(entity.id);
    if (previous) issues.push({ file, entityId: entity.id, field: 'id', message: `is also used by ${previous}` });
    seen.set(entity.id, file);
  }
  const foldedTexts = new Map(Object.entries(texts).map(([id, text]) => [id, foldForQuote(text)]));

  for (const { file, entity } of entities) {
    const refs: [string, string | undefined][] = [
      ['place', entity.place],
      ...(entity.participants ?? []).map((id, i): [string, string] => [`participants.${i}`, id]),
      ...(entity.related ?? []).map((id, i): [string, string] => [`related.${i}`, id]),
      ...(entity.precededBy ?? []).map((id, i): [string, string] => [`precededBy.${i}`, id]),
      ...(entity.followedBy ?? []).map((id, i): [string, string] => [`followedBy.${i}`, id]),
    ];
    for (const [field, id] of refs) {
      if (id === undefined) continue;
      if (!seen.has(id)) issues.push({ file, entityId: entity.id, field, message: `refers to unknown entity "${id}"` });
      if (id === entity.id) issues.push({ file, entityId: entity.id, field, message: 'refers to the entity itself' });
    }
    if (entity.kind === 'event' && (!entity.date || !entity.status)) {
      issues.push({ file, entityId: entity.id, field: entity.date ? 'status' : 'date', message: 'is required for events' });
    }
    if (entity.date?.until && entity.date.until < entity.date.on) {
      issues.push({ file, entityId: entity.id, field: 'date.until', message: 'is before date.on' });
    }
    const claims = [
      ...entity.facts.map((fact, i) => ({ fact, field: `facts.${i}` })),
      ...(entity.disputes ?? []).flatMap((dispute, d) =>
        dispute.claims.map((fact, i) => ({ fact, field: `disputes.${d}.claims.${i}` })),
      ),
    ];
    for (const { fact, field } of claims) {
      fact.citations.forEach((citation, c) => {
        const at = `${field}.citations.${c}`;
        const text = foldedTexts.get(citation.source);
        if (!sourceIds.has(citation.source) || text === undefined) {
          issues.push({ file, entityId: entity.id, field: `${at}.source`, message: `unknown source "${citation.source}"` });
        } else if (!text.includes(foldForQuote(citation.quote))) {
          issues.push({
            file,
            entityId: entity.id,
            field: `${at}.quote`,
            message: `is not found verbatim in source "${citation.source}": "${citation.quote}"`,
          });
        }
      });
    }
  }
}

/** An alias may belong to two entities only when every holder marks it ambiguous and exactly one prefers it. */
function checkAliases(entities: readonly { file: string; entity: Entity }[], issues: DatasetIssue[]): void {
  const holders = new Map<string, { file: string; entity: Entity; field: string; resolve?: string }[]>();
  for (const { file, entity } of entities) {
    const own = new Set<string>();
    entity.aliases.forEach((alias, i) => {
      const object = aliasObject(alias);
      const key = object.text.normalize('NFC').toLowerCase();
      if (own.has(key)) {
        issues.push({ file, entityId: entity.id, field: `aliases.${i}`, message: `"${object.text}" is listed twice` });
        return;
      }
      own.add(key);
      const list = holders.get(key) ?? [];
      list.push({ file, entity, field: `aliases.${i}`, resolve: object.ambiguous?.resolve });
      holders.set(key, list);
    });
  }
  for (const [alias, list] of holders) {
    if (list.length < 2) continue;
    const names = list.map(({ entity }) => entity.id).join(', ');
    const unmarked = list.filter(({ resolve }) => resolve !== 'prefer' && resolve !== 'defer');
    const preferred = list.filter(({ resolve }) => resolve === 'prefer');
    for (const { file, entity, field } of unmarked) {
      issues.push({
        file,
        entityId: entity.id,
        field,
        message: `"${alias}" also belongs to ${names}: mark it ambiguous with resolve "prefer" or "defer"`,
      });
    }
    if (unmarked.length === 0 && preferred.length !== 1) {
      const { file, entity, field } = list[0] as (typeof list)[number];
      issues.push({
        file,
        entityId: entity.id,
        field,
        message: `"${alias}" is shared by ${names}: exactly one must resolve "prefer" (found ${preferred.length})`,
      });
    }
  }
}
