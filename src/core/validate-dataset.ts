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
import { foldQuote } from './fold-text.ts';
import { aliasKey, parseAlias } from './matcher/parse-alias.ts';

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

/** Options for `validateDataset`. */
export interface ValidateOptions {
  /** Entity ids that must exist (the project keeps its list in a test, not in core). */
  requiredIds?: readonly string[];
}

/** Fields that describe an occurrence: only events and topics carry them. */
const EVENT_FIELDS = ['date', 'place', 'participants', 'status'] as const;
/** Fields that chain events in time: only events carry them, and they point at events. */
const SEQUENCE_FIELDS = ['precededBy', 'followedBy'] as const;
/** Id lists in which an id may appear once. */
const ID_LIST_FIELDS = ['related', 'participants', 'precededBy', 'followedBy'] as const;
/** What may take part in an event. */
const PARTICIPANT_PREFIXES: readonly string[] = ['person', 'org', 'place'];
const GAP_MARK = '…';

const ENTITY_PATH = /(?:^|\/)entities\/([a-z]+)\/([a-z0-9-]+)\.json$/;
const SOURCE_META_PATH = /(?:^|\/)sources\/([a-z0-9-]+)\.json$/;
const SOURCE_TEXT_PATH = /(?:^|\/)sources\/([a-z0-9-]+)\.txt$/;

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
 * Validates every dataset file and the references between them.
 * Returns the dataset only when there are no issues: a broken dataset never reaches a reader.
 */
export function validateDataset(
  files: readonly DatasetFile[],
  options: ValidateOptions = {},
): { dataset?: Dataset; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  const records = {
    entities: [] as DatasetRecord[],
    sources: [] as DatasetRecord[],
    texts: [] as DatasetRecords['texts'][number][],
  };
  for (const file of files) {
    const entityPath = ENTITY_PATH.exec(file.path);
    const sourcePath = SOURCE_META_PATH.exec(file.path);
    const textPath = SOURCE_TEXT_PATH.exec(file.path);
    if (textPath?.[1]) {
      records.texts.push({ id: textPath[1], file: file.path, text: file.text });
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
    if (entityPath) records.entities.push({ file: file.path, json, pathId: `${entityPath[1]}/${entityPath[2]}` });
    else if (sourcePath) records.sources.push({ file: file.path, json, pathId: sourcePath[1] ?? '' });
  }
  const result = validateRecords(records, options, files);
  return result.dataset ? { ...result, issues } : { issues: [...issues, ...result.issues] };
}

/**
 * Validates parsed records: each against the schema, then the references between them. The one validator
 * behind `check`, the build and pack files (`readPack`).
 */
export function validateRecords(
  records: DatasetRecords,
  options: ValidateOptions = {},
  files: readonly DatasetFile[] = [],
): { dataset?: Dataset; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  const entities: { file: string; entity: Entity }[] = [];
  const sources: { file: string; source: Source }[] = [];
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
    const entity = parseWith(EntitySchema, json, file, issues, label);
    if (!entity) {
      brokenIds.add(label);
      brokenAliases.push(...aliasTextsOf(json));
      continue;
    }
    if (pathId !== undefined && entity.id !== pathId) {
      issues.push({ file, entityId: entity.id, field: 'id', message: `must match the file path ("${pathId}")` });
    }
    if (KIND_ID_PREFIX[entity.kind] !== entity.id.split('/')[0]) {
      issues.push({
        file,
        entityId: entity.id,
        field: 'kind',
        message: `"${entity.kind}" needs the id prefix "${KIND_ID_PREFIX[entity.kind]}/"`,
      });
    }
    entities.push({ file, entity });
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
    sources.push({ file, source });
  }

  checkSources(sources, entities, texts, textFiles, brokenIds, issues);
  checkReferences(entities, new Set(sources.map(({ source }) => source.id)), texts, brokenIds, issues);
  checkEntityFields(entities, issues);
  checkEventChains(entities, issues);
  checkAliasForms(entities, brokenAliases, issues);
  checkAliases(entities, issues);
  checkSameAs(entities, issues);
  if (options.requiredIds) checkRequiredIds(entities, options.requiredIds, files, issues);

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

/** A record's `id` when it has a string one. */
function idOf(json: unknown): string | undefined {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  json: unknown,
  file: string,
  issues: DatasetIssue[],
  idFromPath: string,
): v.InferOutput<TSchema> | undefined {
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  // Name the record even when its id is missing or malformed: the file path says what it should be.
  const entityId =
    typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string'
      ? (json as { id: string }).id
      : idFromPath;
  for (const issue of result.issues) {
    issues.push({ file, entityId, field: v.getDotPath(issue) ?? '(root)', message: issue.message });
  }
  return undefined;
}

function checkReferences(
  entities: readonly { file: string; entity: Entity }[],
  sourceIds: ReadonlySet<string>,
  texts: Readonly<Record<string, string>>,
  brokenIds: ReadonlySet<string>,
  issues: DatasetIssue[],
): void {
  const seen = new Map<string, string>();
  for (const { file, entity } of entities) {
    const previous = seen.get(entity.id);
    if (previous) issues.push({ file, entityId: entity.id, field: 'id', message: `is also used by ${previous}` });
    seen.set(entity.id, file);
  }
  const foldedTexts = new Map(Object.entries(texts).map(([id, text]) => [id, foldQuote(text)]));

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
      if (!seen.has(id) && !brokenIds.has(id))
        issues.push({ file, entityId: entity.id, field, message: `refers to unknown entity "${id}"` });
      if (id === entity.id) issues.push({ file, entityId: entity.id, field, message: 'refers to the entity itself' });
    }
    if (entity.kind === 'event' && (!entity.date || !entity.status)) {
      issues.push({
        file,
        entityId: entity.id,
        field: entity.date ? 'status' : 'date',
        message: 'is required for events',
      });
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
        if (brokenIds.has(citation.source)) return;
        if (!sourceIds.has(citation.source) || text === undefined) {
          issues.push({
            file,
            entityId: entity.id,
            field: `${at}.source`,
            message: `unknown source "${citation.source}"`,
          });
        } else if (!text.includes(foldQuote(citation.quote))) {
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
  const holders = new Map<string, { file: string; entity: Entity; field: string; text: string; resolve?: string }[]>();
  for (const { file, entity } of entities) {
    const own = new Set<string>();
    entity.aliases.forEach((alias, i) => {
      const object = aliasObject(alias);
      const key = aliasKey(object.text);
      if (own.has(key)) {
        issues.push({
          file,
          entityId: entity.id,
          field: `aliases.${i}`,
          message: `"${object.text}" is listed twice (the matcher reads it like an earlier alias)`,
        });
        return;
      }
      own.add(key);
      const list = holders.get(key) ?? [];
      list.push({ file, entity, field: `aliases.${i}`, text: object.text, resolve: object.ambiguous?.resolve });
      holders.set(key, list);
    });
  }
  for (const list of holders.values()) {
    const alias = list[0]?.text ?? '';
    if (list.length < 2) {
      const only = list[0];
      if (only?.resolve === 'defer') {
        issues.push({
          file: only.file,
          entityId: only.entity.id,
          field: `${only.field}.ambiguous`,
          message: `resolves "defer" but no other entity has "${alias}" to prefer it`,
        });
      }
      continue;
    }
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

function checkSources(
  sources: readonly { file: string; source: Source }[],
  entities: readonly { file: string; entity: Entity }[],
  texts: Readonly<Record<string, string>>,
  textFiles: ReadonlyMap<string, string>,
  brokenIds: ReadonlySet<string>,
  issues: DatasetIssue[],
): void {
  const cited = new Set<string>();
  for (const { entity } of entities) {
    const facts = [...entity.facts, ...(entity.disputes ?? []).flatMap((dispute) => dispute.claims)];
    for (const fact of facts) for (const citation of fact.citations) cited.add(citation.source);
  }
  const described = new Set(sources.map(({ source }) => source.id));
  for (const { file, source } of sources) {
    const at = { file, entityId: source.id };
    if (texts[source.id] === undefined) {
      issues.push({ ...at, field: 'id', message: `has no article text (expected ${source.id}.txt beside it)` });
    }
    if (source.published.earliest > source.published.latest) {
      issues.push({ ...at, field: 'published', message: 'earliest is after latest' });
    }
    if (source.published.inferred && !source.published.basis) {
      issues.push({ ...at, field: 'published.basis', message: 'is required when the date is inferred' });
    }
    if (!cited.has(source.id)) {
      issues.push({ ...at, field: 'id', message: 'is never cited: cite it from a fact or remove it' });
    }
  }
  for (const [id, file] of textFiles) {
    if (!described.has(id) && !brokenIds.has(id)) {
      issues.push({ file, entityId: id, field: '(file)', message: `has no metadata (expected ${id}.json beside it)` });
    }
  }
}

/** Event fields on events (and topics), sequence links between events, references of the right kind, no repeats. */
function checkEntityFields(entities: readonly { file: string; entity: Entity }[], issues: DatasetIssue[]): void {
  for (const { file, entity } of entities) {
    const at = { file, entityId: entity.id };
    const occurrence = entity.kind === 'event' || entity.kind === 'topic';
    for (const field of EVENT_FIELDS) {
      if (!occurrence && entity[field] !== undefined) {
        issues.push({ ...at, field, message: `is only for events and topics, not a ${entity.kind}` });
      }
    }
    if (entity.familiar !== undefined && entity.kind !== 'place') {
      issues.push({ ...at, field: 'familiar', message: `is only for places, not a ${entity.kind}` });
    }
    for (const field of SEQUENCE_FIELDS) {
      const ids = entity[field];
      if (ids === undefined) continue;
      if (entity.kind !== 'event') {
        issues.push({ ...at, field, message: `is only for events, not a ${entity.kind}` });
        continue;
      }
      ids.forEach((id, i) => {
        if (!id.startsWith('event/')) {
          issues.push({ ...at, field: `${field}.${i}`, message: `must refer to an event, not "${id}"` });
        }
      });
    }
    if (occurrence && entity.place !== undefined && !entity.place.startsWith('place/')) {
      issues.push({ ...at, field: 'place', message: `must refer to a place, not "${entity.place}"` });
    }
    if (occurrence) {
      (entity.participants ?? []).forEach((id, i) => {
        if (!PARTICIPANT_PREFIXES.includes(id.split('/')[0] ?? '')) {
          issues.push({
            ...at,
            field: `participants.${i}`,
            message: `must refer to a person, organization or place, not "${id}"`,
          });
        }
      });
    }
    for (const field of ID_LIST_FIELDS) {
      const first = new Map<string, number>();
      (entity[field] ?? []).forEach((id, i) => {
        const earlier = first.get(id);
        if (earlier === undefined) first.set(id, i);
        else
          issues.push({ ...at, field: `${field}.${i}`, message: `repeats "${id}" (already at ${field}.${earlier})` });
      });
    }
  }
}

/**
 * The precededBy/followedBy links between events never lead back to where they start: a cycle has no order a
 * timeline could show. Each link that closes a cycle is reported at the file and field that makes it.
 */
function checkEventChains(entities: readonly { file: string; entity: Entity }[], issues: DatasetIssue[]): void {
  type Link = { to: string; at: { file: string; entityId: string; field: string } };
  const events = entities.filter(({ entity }) => entity.kind === 'event');
  const known = new Set(events.map(({ entity }) => entity.id));
  const links = new Map<string, Link[]>();
  const addLink = (from: string, to: string, at: Link['at']) => {
    if (from === to || !known.has(from) || !known.has(to)) return;
    const list = links.get(from) ?? [];
    list.push({ to, at });
    links.set(from, list);
  };
  for (const { file, entity } of events) {
    for (const [i, id] of (entity.precededBy ?? []).entries()) {
      addLink(id, entity.id, { file, entityId: entity.id, field: `precededBy.${i}` });
    }
    for (const [i, id] of (entity.followedBy ?? []).entries()) {
      addLink(entity.id, id, { file, entityId: entity.id, field: `followedBy.${i}` });
    }
  }
  // Depth-first over the links, without recursion: a back link to an event on the current path closes a cycle.
  const done = new Set<string>();
  for (const start of [...known].sort()) {
    if (done.has(start)) continue;
    const path: { id: string; next: number }[] = [{ id: start, next: 0 }];
    const onPath = new Map([[start, 0]]);
    while (path.length > 0) {
      const top = path[path.length - 1] as { id: string; next: number };
      const link = links.get(top.id)?.[top.next++];
      if (!link) {
        done.add(top.id);
        onPath.delete(top.id);
        path.pop();
        continue;
      }
      const back = onPath.get(link.to);
      if (back !== undefined) {
        const cycle = [...path.slice(back).map(({ id }) => id), link.to].join(' → ');
        issues.push({ ...link.at, message: `closes a cycle of precededBy/followedBy links: ${cycle}` });
      } else if (!done.has(link.to)) {
        onPath.set(link.to, path.length);
        path.push({ id: link.to, next: 0 });
      }
    }
  }
}

/** How each alias is written: gaps, gap limits, typo tolerance, the "longest-wins" rule and context rules. */
function checkAliasForms(
  entities: readonly { file: string; entity: Entity }[],
  brokenAliases: readonly string[],
  issues: DatasetIssue[],
): void {
  const words = (text: string) => parseAlias(text)?.keys.join(' ') ?? text.toLowerCase();
  const allWords = [
    ...entities.flatMap(({ entity }) => entity.aliases.map((alias) => words(aliasObject(alias).text))),
    ...brokenAliases.map(words),
  ];
  const ids = new Set(entities.map(({ entity }) => entity.id));
  for (const { file, entity } of entities) {
    entity.aliases.forEach((alias, i) => {
      const object = aliasObject(alias);
      const at = { file, entityId: entity.id };
      const field = `aliases.${i}`;
      if (object.context) checkContext(object.context, object, ids, { ...at, field: `${field}.context` }, issues);
      const hasGap = object.text.includes(GAP_MARK);
      if (object.text.includes('...')) {
        issues.push({
          ...at,
          field: `${field}.text`,
          message: `"${object.text}" writes a gap as "..."; use " … " (U+2026 with a space each side)`,
        });
      } else if (hasGap && !/(?:^|\s)…\s/u.test(object.text)) {
        issues.push({ ...at, field: `${field}.text`, message: `"${object.text}" needs a space each side of "…"` });
      }
      if (object.maxGap !== undefined && !hasGap) {
        issues.push({
          ...at,
          field: `${field}.maxGap`,
          message: `is only for phrases with a " … " gap, and "${object.text}" has none`,
        });
      }
      if (object.fuzzy === true) {
        const single = (parseAlias(object.text)?.keys.length ?? 0) === 1;
        if (!single || (entity.kind !== 'person' && entity.kind !== 'place')) {
          issues.push({
            ...at,
            field: `${field}.fuzzy`,
            message: `applies only to single-word person and place aliases, not "${object.text}"`,
          });
        }
      }
      if (object.ambiguous?.resolve === 'longest-wins') {
        const own = words(object.text);
        const inside = allWords.some((other) => other !== own && ` ${other} `.includes(` ${own} `));
        if (!inside) {
          issues.push({
            ...at,
            field: `${field}.ambiguous`,
            message: `resolves "longest-wins" but no longer alias contains "${object.text}"`,
          });
        }
      }
    });
  }
}

/** A context rule names entities that exist (not the alias's own), and asks for no more than it lists. */
function checkContext(
  context: { of: string[]; min: number },
  alias: { text: string; highlight?: boolean },
  ids: ReadonlySet<string>,
  at: { file: string; entityId: string; field: string },
  issues: DatasetIssue[],
): void {
  if (alias.highlight === false)
    issues.push({
      ...at,
      message: `"${alias.text}" is search-only (highlight: false): a context rule would never apply`,
    });
  context.of.forEach((id, k) => {
    if (!ids.has(id)) issues.push({ ...at, field: `${at.field}.of.${k}`, message: `"${id}" is not an entity id` });
  });
  if (new Set(context.of).size !== context.of.length)
    issues.push({ ...at, field: `${at.field}.of`, message: 'lists an entity id twice' });
  if (context.min > context.of.length)
    issues.push({
      ...at,
      field: `${at.field}.min`,
      message: `asks for ${context.min} entities but lists only ${context.of.length}`,
    });
}

/**
 * A `sameAs` identifier names one entity: within a dataset two entities sharing one would be merged
 * silently by any pack stacked on it, so it is an error here.
 */
function checkSameAs(entities: readonly { file: string; entity: Entity }[], issues: DatasetIssue[]): void {
  const owner = new Map<string, string>();
  for (const { file, entity } of entities) {
    const own = new Set<string>();
    (entity.sameAs ?? []).forEach((identifier, i) => {
      const at = { file, entityId: entity.id, field: `sameAs.${i}` };
      const previous = owner.get(identifier);
      if (own.has(identifier)) issues.push({ ...at, message: `repeats "${identifier}"` });
      else if (previous) issues.push({ ...at, message: `"${identifier}" is also the identifier of ${previous}` });
      own.add(identifier);
      if (!previous) owner.set(identifier, entity.id);
    });
  }
}

/** Every required id exists; a missing one is reported at the file it would live in. */
function checkRequiredIds(
  entities: readonly { file: string; entity: Entity }[],
  required: readonly string[],
  files: readonly DatasetFile[],
  issues: DatasetIssue[],
): void {
  const present = new Set(entities.map(({ entity }) => entity.id));
  const sample = files.map((file) => /^(.*?)(?:entities|sources)\//.exec(file.path)).find(Boolean);
  const root = sample?.[1] ?? 'src/data/';
  for (const id of required) {
    if (!present.has(id)) {
      issues.push({
        file: `${root}entities/${id}.json`,
        entityId: id,
        field: 'id',
        message: 'is required but no entity has it',
      });
    }
  }
}

/** The alias texts of an entity file that failed the schema, as far as they can be read. */
function aliasTextsOf(json: unknown): string[] {
  const aliases = (json as { aliases?: unknown } | null)?.aliases;
  if (!Array.isArray(aliases)) return [];
  return aliases
    .map((alias: unknown) => (typeof alias === 'string' ? alias : (alias as { text?: unknown } | null)?.text))
    .filter((text): text is string => typeof text === 'string');
}
