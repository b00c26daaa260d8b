/**
 * The entity schema's rules as plain code, for the records that keep them all. Validating a large pack with the
 * schema library costs a few hundred milliseconds and many short-lived objects (a 10,000-entity pack has some
 * 100,000 strings to check); well-formed records are the rule, so they are read here, and anything this code does
 * not accept goes to `EntitySchema`, which says what is wrong in its own words. It gives exactly what the schema
 * gives (the same fields in the same order, text trimmed) or nothing: a unit test holds the two together.
 */
import {
  ALIAS_CASES,
  AMBIGUITY_RESOLUTIONS,
  ENTITY_FIELDS,
  ENTITY_ID,
  ENTITY_KINDS,
  type Entity,
  type EntityKind,
  EVENT_STATUSES,
  ISO_DATE,
  isRealDate,
  KIND_ID_PREFIX,
  MAX_GAP_RANGE,
  MAX_QUOTE_WORDS,
  PARTICIPANT_PREFIXES,
  SAME_AS,
  SLUG,
  wordCount,
} from '../dataset-schema.ts';
import { contextProblem, entityProblems, gapProblem, maxGapProblem } from './record-rules.ts';

/** Thrown at the first thing the fast path does not accept; caught in `wellFormedEntity` only. */
const REFUSED = Symbol('not well formed');

/**
 * The entity `EntitySchema` would give for `json`, when `json` keeps every rule of the schema; undefined
 * otherwise (then only the schema can say what is wrong).
 */
export function wellFormedEntity(json: unknown): Entity | undefined {
  try {
    return readEntity(json);
  } catch (error) {
    if (error === REFUSED) return undefined;
    throw error;
  }
}

type Reader = (value: unknown) => unknown;

const ENTITY_KEYS: ReadonlySet<string> = new Set(ENTITY_FIELDS);
const REQUIRED_ENTITY_KEYS = ['id', 'kind', 'name', 'aliases', 'role', 'summary', 'facts'] as const;
const OCCURRENCE_FIELDS = ['date', 'place', 'participants', 'status'] as const;
const EVENT_FIELDS = ['precededBy', 'followedBy'] as const;

/** The reader of each field an entity may have; `packs` is set by merging only, so an entity with it is refused. */
const ENTITY_READERS: Readonly<Record<(typeof ENTITY_FIELDS)[number], Reader>> = {
  id: entityId,
  kind: (value) => value,
  name: text,
  aliases: (value) => list(value, 1, readAlias),
  role: text,
  summary: text,
  facts: (value) => list(value, 1, readFact),
  disputes: (value) => list(value, 0, readDispute),
  related: (value) => list(value, 0, entityId),
  sameAs: (value) => list(value, 0, (item) => matching(item, SAME_AS)),
  packs: refuse,
  familiar: boolean,
  date: readEventDate,
  place: (value) => reference(value, ['place']),
  participants: (value) => list(value, 0, (item) => reference(item, PARTICIPANT_PREFIXES)),
  status: (value) => oneOf(value, EVENT_STATUSES),
  precededBy: (value) => list(value, 0, (item) => reference(item, ['event'])),
  followedBy: (value) => list(value, 0, (item) => reference(item, ['event'])),
};

function readEntity(json: unknown): Entity {
  const input = record(json, ENTITY_KEYS, REQUIRED_ENTITY_KEYS);
  const kind = oneOf(input.kind, ENTITY_KINDS) as EntityKind;
  if (kind !== 'place' && 'familiar' in input) refuse();
  if (kind !== 'event' && kind !== 'topic' && OCCURRENCE_FIELDS.some((field) => field in input)) refuse();
  if (kind !== 'event' && EVENT_FIELDS.some((field) => field in input)) refuse();
  const entity: Record<string, unknown> = {};
  for (const field of ENTITY_FIELDS) if (field in input) entity[field] = ENTITY_READERS[field](input[field]);
  const id = entity.id as string;
  if (id.slice(0, id.indexOf('/')) !== KIND_ID_PREFIX[kind]) refuse();
  if (kind === 'event' && (entity.date === undefined || entity.status === undefined)) refuse();
  if (entityProblems(entity as Entity).length > 0) refuse();
  return entity as Entity;
}

const ALIAS_KEYS: ReadonlySet<string> = new Set([
  'text',
  'case',
  'fuzzy',
  'maxGap',
  'ambiguous',
  'highlight',
  'context',
]);

function readAlias(value: unknown): unknown {
  if (typeof value === 'string') return aliasText(value);
  const input = record(value, ALIAS_KEYS, ['text']);
  // In the order of the schema's fields.
  const alias: Record<string, unknown> = { text: aliasText(input.text) };
  if ('case' in input) alias.case = oneOf(input.case, ALIAS_CASES);
  if ('fuzzy' in input) alias.fuzzy = boolean(input.fuzzy);
  if ('maxGap' in input) alias.maxGap = integer(input.maxGap, MAX_GAP_RANGE.min, MAX_GAP_RANGE.max);
  if ('ambiguous' in input) {
    const ambiguous = record(input.ambiguous, AMBIGUITY_KEYS, ['resolve', 'note']);
    alias.ambiguous = { resolve: oneOf(ambiguous.resolve, AMBIGUITY_RESOLUTIONS), note: text(ambiguous.note) };
  }
  if ('highlight' in input) alias.highlight = boolean(input.highlight);
  if ('context' in input) alias.context = readContext(input.context);
  const object = alias as { text: string; maxGap?: number; highlight?: boolean; context?: object };
  if (maxGapProblem(object) !== undefined || contextProblem(object) !== undefined) refuse();
  return alias;
}

const AMBIGUITY_KEYS: ReadonlySet<string> = new Set(['resolve', 'note']);
const CONTEXT_KEYS: ReadonlySet<string> = new Set(['of', 'min']);

function readContext(value: unknown): unknown {
  const input = record(value, CONTEXT_KEYS, ['of', 'min']);
  const of = list(input.of, 1, entityId) as string[];
  const min = integer(input.min, 1, Number.POSITIVE_INFINITY);
  if (new Set(of).size !== of.length || min > of.length) refuse();
  return { of, min };
}

function aliasText(value: unknown): string {
  const trimmed = text(value);
  if (gapProblem(trimmed) !== undefined) refuse();
  return trimmed;
}

const FACT_KEYS: ReadonlySet<string> = new Set(['text', 'citations']);
const CITATION_KEYS: ReadonlySet<string> = new Set(['source', 'quote']);
const DISPUTE_KEYS: ReadonlySet<string> = new Set(['question', 'claims']);
const DATE_KEYS: ReadonlySet<string> = new Set(['on', 'until', 'inferred', 'note']);

function readFact(value: unknown): unknown {
  const input = record(value, FACT_KEYS, ['text', 'citations']);
  return { text: text(input.text), citations: list(input.citations, 1, readCitation) };
}

function readCitation(value: unknown): unknown {
  const input = record(value, CITATION_KEYS, ['source', 'quote']);
  const quote = text(input.quote);
  if (wordCount(quote) > MAX_QUOTE_WORDS) refuse();
  return { source: matching(input.source, SLUG), quote };
}

function readDispute(value: unknown): unknown {
  const input = record(value, DISPUTE_KEYS, ['question', 'claims']);
  return { question: text(input.question), claims: list(input.claims, 2, readFact) };
}

function readEventDate(value: unknown): unknown {
  const input = record(value, DATE_KEYS, ['on', 'inferred']);
  const date: Record<string, unknown> = { on: isoDate(input.on) };
  if ('until' in input) date.until = isoDate(input.until);
  date.inferred = boolean(input.inferred);
  if ('note' in input) date.note = text(input.note);
  if (date.until !== undefined && (date.until as string) < (date.on as string)) refuse();
  return date;
}

function refuse(): never {
  throw REFUSED;
}

/**
 * A plain object with only `allowed` keys, every `required` one among them, and no value left undefined (which
 * JSON never gives, and the schema reads differently from a missing key).
 */
function record(value: unknown, allowed: ReadonlySet<string>, required: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse();
  const input = value as Record<string, unknown>;
  for (const key in input) if (!allowed.has(key) || input[key] === undefined) refuse();
  for (const key of required) if (!(key in input)) refuse();
  return input;
}

function list(value: unknown, min: number, read: Reader): unknown[] {
  if (!Array.isArray(value) || value.length < min) refuse();
  const items = new Array(value.length);
  for (let i = 0; i < value.length; i++) items[i] = read(value[i]);
  return items;
}

/** Non-empty text, trimmed, as the schema's `NonEmpty`. */
function text(value: unknown): string {
  if (typeof value !== 'string') refuse();
  const trimmed = value.trim();
  if (trimmed.length === 0) refuse();
  return trimmed;
}

function matching(value: unknown, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) refuse();
  return value;
}

function entityId(value: unknown): string {
  return matching(value, ENTITY_ID);
}

/** An entity id whose prefix is one of `prefixes`. */
function reference(value: unknown, prefixes: readonly string[]): string {
  const id = entityId(value);
  if (!prefixes.includes(id.slice(0, id.indexOf('/')))) refuse();
  return id;
}

function isoDate(value: unknown): string {
  const date = matching(value, ISO_DATE);
  if (!isRealDate(date)) refuse();
  return date;
}

function boolean(value: unknown): boolean {
  if (typeof value !== 'boolean') refuse();
  return value;
}

function integer(value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) refuse();
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[]): T {
  if (!options.includes(value as T)) refuse();
  return value as T;
}
