/**
 * The dataset as people write it: one JSON file per entity under `src/data/entities/<prefix>/<slug>.json`
 * and one metadata file per source article under `src/data/sources/`.
 * Everything the extension shows a reader is validated against these schemas at build time.
 */
import * as v from 'valibot';
import { ENTITY_KINDS, type EntityKind, KIND_ID_PREFIX } from './entity-kinds.ts';
import { contextProblem, entityProblems, gapProblem, maxGapProblem } from './validate/record-rules.ts';
import { isWhiteSpaceCode } from './white-space.ts';

export { ENTITY_KINDS, type EntityKind, KIND_ID_PREFIX, kindOfId } from './entity-kinds.ts';

/*
 * The patterns, bounds and choices below are exported for `validate/well-formed-entity.ts`, which checks well-formed
 * entities by the same rules without the schema library (a large pack has tens of thousands of records).
 */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
export const ENTITY_ID = /^(?:person|org|place|event|topic)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SAME_AS = /^[a-z][a-z0-9-]*:\S+$/;
export const AMBIGUITY_RESOLUTIONS = ['prefer', 'defer', 'capitalised-only', 'longest-wins'] as const;
export const ALIAS_CASES = ['name', 'any', 'exact'] as const;
export const EVENT_STATUSES = ['held', 'announced', 'proposed', 'ongoing'] as const;
/** The gap an alias's `maxGap` may allow, in words. */
export const MAX_GAP_RANGE = Object.freeze({ min: 1, max: 6 });
/** The longest quote a citation may hold, in words. */
export const MAX_QUOTE_WORDS = 40;

const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

export const EntityIdSchema = v.pipe(v.string(), v.regex(ENTITY_ID, 'must look like "person/steve-witkoff"'));

export const SourceIdSchema = v.pipe(v.string(), v.regex(SLUG, 'must be a kebab-case slug'));

const IsoDateSchema = v.pipe(
  v.string(),
  v.regex(ISO_DATE, 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(isRealDate, 'is not a real calendar date'),
);

/** Real calendar dates only: rejects 2025-02-30. */
export function isRealDate(iso: string): boolean {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * How an alias may be confused, and the rule that chooses.
 * - `prefer`: the alias is shared with other entities (or a relative's surname); this entity is the default reading.
 * - `defer`: shared, and another entity (marked `prefer`) wins; kept for search.
 * - `capitalised-only`: also an ordinary word in lower case ("trump card"); matched only when capitalised.
 * - `longest-wins`: part of a longer alias of another entity ("Alaska" in "Alaska summit"); the longer match wins.
 */
export const AmbiguitySchema = v.object({
  resolve: v.picklist(AMBIGUITY_RESOLUTIONS),
  note: NonEmpty,
});

/**
 * An alias marked only in context: on a page that also mentions at least `min` different entities of `of`
 * ("ceasefire" where the page is about Russia and Ukraine, not Gaza). Words such as "ceasefire", "the summit"
 * or "Foreign Ministry" name this story only when the rest of the page is about it.
 */
export const AliasContextSchema = v.pipe(
  v.strictObject({
    of: v.pipe(v.array(EntityIdSchema), v.minLength(1, 'must list at least one entity id')),
    min: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  v.forward(
    v.check(({ of }) => new Set(of).size === of.length, 'lists an entity id twice'),
    ['of'],
  ),
  v.forward(
    v.check(
      // An empty list is already reported on `of`.
      ({ of, min }) => of.length === 0 || min <= of.length,
      (issue) => `asks for ${issue.input.min} entities but lists only ${issue.input.of.length}`,
    ),
    ['min'],
  ),
);

/** An alias's text: a gap is written " … ". */
const AliasTextSchema = v.pipe(
  NonEmpty,
  v.check(
    (text) => gapProblem(text) === undefined,
    (issue) => gapProblem(issue.input as string) ?? '',
  ),
);

/**
 * An alias is a plain string (a proper name matched as written, or in ALL CAPS) or an object.
 * `case`: `name` (default) as written or all caps; `any` any letter case (event phrases such as
 * "security guarantees"); `exact` only exactly as written ("US", never "us").
 * `fuzzy`: single-word person and place aliases of six letters or more tolerate one typo unless `false`.
 * A phrase may contain " … " to allow a small gap of up to `maxGap` words (default 3): "summit … in Alaska".
 * `highlight: false` keeps an alias for search only: too short or too common to mark on pages safely ("X").
 * `context` marks it only on pages about this story (`AliasContextSchema`).
 */
export const AliasObjectSchema = v.pipe(
  v.strictObject({
    text: AliasTextSchema,
    case: v.optional(v.picklist(ALIAS_CASES)),
    fuzzy: v.optional(v.boolean()),
    maxGap: v.optional(v.pipe(v.number(), v.integer(), v.minValue(MAX_GAP_RANGE.min), v.maxValue(MAX_GAP_RANGE.max))),
    ambiguous: v.optional(AmbiguitySchema),
    highlight: v.optional(v.boolean()),
    context: v.optional(AliasContextSchema),
  }),
  v.forward(
    v.check(
      (alias) => maxGapProblem(alias) === undefined,
      (issue) => maxGapProblem(issue.input) ?? '',
    ),
    ['maxGap'],
  ),
  v.forward(
    v.check(
      (alias) => contextProblem(alias) === undefined,
      (issue) => contextProblem(issue.input) ?? '',
    ),
    ['context'],
  ),
);
export const AliasSchema = v.union([AliasTextSchema, AliasObjectSchema]);

/** Words separated by white space, counted without splitting: a large pack has tens of thousands of quotes. */
export function wordCount(text: string): number {
  let words = 1;
  let previousSpace = isWhiteSpaceCode(text.charCodeAt(0));
  for (let i = 1; i < text.length; i++) {
    const space = isWhiteSpaceCode(text.charCodeAt(i));
    if (space && !previousSpace) words++;
    previousSpace = space;
  }
  return words;
}

export const CitationSchema = v.strictObject({
  source: SourceIdSchema,
  /** A short verbatim excerpt (about 30 words at most) of the source that supports the claim. */
  quote: v.pipe(
    NonEmpty,
    v.check((q) => wordCount(q) <= MAX_QUOTE_WORDS, `quote is longer than ${MAX_QUOTE_WORDS} words`),
  ),
});

/**
 * A field that merging packs sets on its output and that no dataset may write: a pack cannot claim facts
 * for another pack. Typed as what the merge writes; any value in authored data is rejected.
 */
function setByMerge<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.optional(
    v.pipe(
      schema,
      v.check(() => false, 'is set when packs are merged, never written in a dataset'),
    ),
  );
}

export const FactSchema = v.strictObject({
  /** The claim, in the project's own words. */
  text: NonEmpty,
  citations: v.pipe(v.array(CitationSchema), v.minLength(1, 'every fact needs at least one citation')),
  /** The id of the pack the fact came from: set by `mergePacks` only. */
  pack: setByMerge(v.string()),
});

/**
 * An identifier of the same thing in a public register, `<register>:<id>` ("wikidata:Q7747"). Entities of
 * different packs that share one are merged into one entity.
 */
export const SameAsSchema = v.pipe(
  v.string(),
  v.regex(SAME_AS, 'must look like "wikidata:Q7747" (register, colon, identifier)'),
);

/** Where sources disagree: one question, two or more claims, each with its own citations. */
export const DisputeSchema = v.strictObject({
  question: NonEmpty,
  claims: v.pipe(v.array(FactSchema), v.minLength(2, 'a dispute needs at least two claims')),
});

export const EventDateSchema = v.pipe(
  v.strictObject({
    /** ISO date; its length gives the precision, never finer than the sources state or let us work out. */
    on: IsoDateSchema,
    /** Last day, for events that span days. */
    until: v.optional(IsoDateSchema),
    /** True when worked out from the sources (a weekday and a publication date), not stated; the card labels it. */
    inferred: v.boolean(),
    /** The basis of an inferred date, from the sources only. */
    note: v.optional(NonEmpty),
  }),
  v.forward(
    v.check((date) => date.until === undefined || date.until >= date.on, 'is before date.on'),
    ['until'],
  ),
);

/** What may take part in an event. */
export const PARTICIPANT_PREFIXES: readonly string[] = ['person', 'org', 'place'];

const EventRefSchema = v.pipe(
  EntityIdSchema,
  v.startsWith('event/', (issue) => `must refer to an event, not "${issue.input}"`),
);
const PlaceRefSchema = v.pipe(
  EntityIdSchema,
  v.startsWith('place/', (issue) => `must refer to a place, not "${issue.input}"`),
);
const ParticipantRefSchema = v.pipe(
  EntityIdSchema,
  v.check(
    (id) => PARTICIPANT_PREFIXES.includes(id.split('/')[0] ?? ''),
    (issue) => `must refer to a person, organization or place, not "${issue.input}"`,
  ),
);

/** Every field of an entity, in the order the files and the compiled output write them. */
const ENTITY_ENTRIES = {
  id: EntityIdSchema,
  kind: v.picklist(ENTITY_KINDS),
  name: NonEmpty,
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1, 'needs at least one alias')),
  /** One line: "US special envoy". */
  role: NonEmpty,
  /** One to three sentences in the project's own words, saying only what the sources support (src/data/README.md). */
  summary: NonEmpty,
  facts: v.pipe(v.array(FactSchema), v.minLength(1, 'every entity needs at least one cited fact')),
  disputes: v.optional(v.array(DisputeSchema)),
  related: v.optional(v.array(EntityIdSchema)),
  /** The same entity in public registers; packs that share an identifier describe one entity. */
  sameAs: v.optional(v.array(SameAsSchema)),
  /** The ids of the packs a merged entity came from, in the order they were merged: set by `mergePacks` only. */
  packs: setByMerge(v.array(v.string())),
  /**
   * Places only: a place every reader knows (a country, a continent, a world capital). The quiet marking
   * policy marks it at its first mention on a page only, as encyclopedias do not link major countries.
   */
  familiar: v.optional(v.boolean()),
  // Events and topics: when, where, who, and how far along.
  date: v.optional(EventDateSchema),
  place: v.optional(PlaceRefSchema),
  participants: v.optional(v.array(ParticipantRefSchema)),
  status: v.optional(v.picklist(EVENT_STATUSES)),
  // Events only: the chain a timeline walks.
  precededBy: v.optional(v.array(EventRefSchema)),
  followedBy: v.optional(v.array(EventRefSchema)),
};

/** The fields of an entity in the order the schema writes them (`validate/well-formed-entity.ts` keeps it). */
export const ENTITY_FIELDS = Object.freeze(Object.keys(ENTITY_ENTRIES)) as readonly (keyof typeof ENTITY_ENTRIES)[];

/** A field another kind of entity may not have: "is only for events, not a topic". */
function onlyFor(what: string, kind: EntityKind) {
  return v.optional(v.never(`is only for ${what}, not a ${kind}`));
}

/** The fields of one kind: each kind takes only the fields that describe it. */
function kindEntries(kind: EntityKind) {
  const occurrence = kind === 'event' || kind === 'topic';
  const occurrenceOnly = (schema: v.GenericSchema) => (occurrence ? schema : onlyFor('events and topics', kind));
  return v.strictObject({
    ...ENTITY_ENTRIES,
    kind: v.literal(kind),
    familiar: kind === 'place' ? ENTITY_ENTRIES.familiar : onlyFor('places', kind),
    date: occurrenceOnly(ENTITY_ENTRIES.date),
    place: occurrenceOnly(ENTITY_ENTRIES.place),
    participants: occurrenceOnly(ENTITY_ENTRIES.participants),
    status: occurrenceOnly(ENTITY_ENTRIES.status),
    precededBy: kind === 'event' ? ENTITY_ENTRIES.precededBy : onlyFor('events', kind),
    followedBy: kind === 'event' ? ENTITY_ENTRIES.followedBy : onlyFor('events', kind),
  });
}

export type Entity = v.InferOutput<v.StrictObjectSchema<typeof ENTITY_ENTRIES, undefined>>;

/**
 * An entity: one schema per kind (`v.variant`), then the rules across its fields: the id prefix fits the
 * kind, an event has a date and a status, and `entityProblems` (typo tolerance by kind, nothing listed twice).
 */
export const EntitySchema: v.GenericSchema<unknown, Entity> = v.pipe(
  v.variant('kind', ENTITY_KINDS.map(kindEntries) as [ReturnType<typeof kindEntries>]),
  v.forward(
    v.check(
      (entity) => KIND_ID_PREFIX[entity.kind] === entity.id.split('/')[0],
      (issue) => `"${issue.input.kind}" needs the id prefix "${KIND_ID_PREFIX[issue.input.kind]}/"`,
    ),
    ['kind'],
  ),
  v.forward(
    v.check((entity) => entity.kind !== 'event' || entity.date !== undefined, 'is required for events'),
    ['date'],
  ),
  v.forward(
    v.check((entity) => entity.kind !== 'event' || entity.status !== undefined, 'is required for events'),
    ['status'],
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const { path, message } of entityProblems(dataset.value as Entity)) {
      addIssue({ message, path: pathItems(dataset.value, path) });
    }
  }),
) as v.GenericSchema<unknown, Entity>;

/** Valibot's issue path for a path of keys inside a value, so that `getDotPath` names the field. */
function pathItems(root: unknown, keys: readonly (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items: v.IssuePathItem[] = [];
  let input = root as Record<string | number, unknown>;
  for (const key of keys) {
    const value = input?.[key];
    items.push(
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: input as unknown as unknown[], key, value }
        : { type: 'object', origin: 'value', input, key, value },
    );
    input = value as Record<string | number, unknown>;
  }
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

export const PublishedSchema = v.pipe(
  v.strictObject({
    /** Earliest and latest plausible publication dates (equal when known to the day). */
    earliest: IsoDateSchema,
    latest: IsoDateSchema,
    inferred: v.boolean(),
    basis: v.optional(NonEmpty),
  }),
  v.check((published) => published.earliest <= published.latest, 'earliest is after latest'),
  v.forward(
    v.check(
      (published) => !published.inferred || published.basis !== undefined,
      'is required when the date is inferred',
    ),
    ['basis'],
  ),
);

export const SourceSchema = v.strictObject({
  /** Also the file names: `src/data/sources/<id>.json` (this metadata) and `<id>.txt` (the article text). */
  id: SourceIdSchema,
  /** The original seed file name, for traceability. */
  seed: NonEmpty,
  /** The headline as it appears in the text; a short description when the text has none. */
  title: NonEmpty,
  /** False when the text carries no headline and `title` describes it instead. */
  titleInText: v.boolean(),
  /** The outlet where the text names it; null when the text does not say. */
  outlet: v.nullable(NonEmpty),
  byline: v.optional(NonEmpty),
  published: PublishedSchema,
  /** The page's canonical address, when it was added from a saved page that gives one. */
  url: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
});

export type Alias = v.InferOutput<typeof AliasSchema>;
export type AliasObject = v.InferOutput<typeof AliasObjectSchema>;
export type Citation = v.InferOutput<typeof CitationSchema>;
export type Fact = v.InferOutput<typeof FactSchema>;
export type Dispute = v.InferOutput<typeof DisputeSchema>;
export type EventDate = v.InferOutput<typeof EventDateSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;

/** The whole dataset after validation: what the compiler and the CLI work on. */
export interface Dataset {
  entities: Entity[];
  sources: Source[];
  /** Source id -> the article text, for quote checks and fixtures. */
  texts: Record<string, string>;
}

/** An alias in object form, whichever way it was written. */
export function aliasObject(alias: Alias): AliasObject {
  return typeof alias === 'string' ? { text: alias } : alias;
}
