/**
 * The dataset as people write it: one JSON file per entity under `src/data/entities/<prefix>/<slug>.json`
 * and one metadata file per source article under `src/data/sources/`.
 * Everything the extension shows a reader is validated against these schemas at build time.
 */
import * as v from 'valibot';

export const ENTITY_KINDS = ['person', 'organization', 'place', 'event', 'topic'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** The id prefix for each kind (`org/nato` is an organization). */
export const KIND_ID_PREFIX: Readonly<Record<EntityKind, string>> = Object.freeze({
  person: 'person',
  organization: 'org',
  place: 'place',
  event: 'event',
  topic: 'topic',
});

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

export const EntityIdSchema = v.pipe(
  v.string(),
  v.regex(/^(?:person|org|place|event|topic)\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must look like "person/steve-witkoff"'),
);

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
  resolve: v.picklist(['prefer', 'defer', 'capitalised-only', 'longest-wins']),
  note: NonEmpty,
});

/**
 * An alias is a plain string (a proper name matched as written, or in ALL CAPS) or an object.
 * `case`: `name` (default) as written or all caps; `any` any letter case (event phrases such as
 * "security guarantees"); `exact` only exactly as written ("US", never "us").
 * `fuzzy`: single-word person and place aliases of six letters or more tolerate one typo unless `false`.
 * A phrase may contain " … " to allow a small gap of up to `maxGap` words (default 3): "summit … in Alaska".
 * `highlight: false` keeps an alias for search only: too short or too common to mark on pages safely ("X").
 * `context` marks it only on pages about this story (`AliasContextSchema`).
 */
/**
 * An alias marked only in context: on a page that also mentions at least `min` different entities of `of`
 * ("ceasefire" where the page is about Russia and Ukraine, not Gaza). Words such as "ceasefire", "the summit"
 * or "Foreign Ministry" name this story only when the rest of the page is about it.
 */
export const AliasContextSchema = v.strictObject({
  of: v.pipe(v.array(EntityIdSchema), v.minLength(1, 'must list at least one entity id')),
  min: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const AliasObjectSchema = v.strictObject({
  text: NonEmpty,
  case: v.optional(v.picklist(['name', 'any', 'exact'])),
  fuzzy: v.optional(v.boolean()),
  maxGap: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6))),
  ambiguous: v.optional(AmbiguitySchema),
  highlight: v.optional(v.boolean()),
  context: v.optional(AliasContextSchema),
});
export const AliasSchema = v.union([NonEmpty, AliasObjectSchema]);

export const CitationSchema = v.strictObject({
  source: SourceIdSchema,
  /** A short verbatim excerpt (about 30 words at most) of the source that supports the claim. */
  quote: v.pipe(
    NonEmpty,
    v.check((q) => q.split(/\s+/).length <= 40, 'quote is longer than 40 words'),
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
  v.regex(/^[a-z][a-z0-9-]*:\S+$/, 'must look like "wikidata:Q7747" (register, colon, identifier)'),
);

/** Where sources disagree: one question, two or more claims, each with its own citations. */
export const DisputeSchema = v.strictObject({
  question: NonEmpty,
  claims: v.pipe(v.array(FactSchema), v.minLength(2, 'a dispute needs at least two claims')),
});

export const EventDateSchema = v.strictObject({
  /** ISO date; its length gives the precision, never finer than the sources state or let us work out. */
  on: IsoDateSchema,
  /** Last day, for events that span days. */
  until: v.optional(IsoDateSchema),
  /** True when worked out from the sources (a weekday and a publication date), not stated; the card labels it. */
  inferred: v.boolean(),
  /** The basis of an inferred date, from the sources only. */
  note: v.optional(NonEmpty),
});

export const EntitySchema = v.strictObject({
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
  // Events (and topics where they fit):
  date: v.optional(EventDateSchema),
  place: v.optional(EntityIdSchema),
  participants: v.optional(v.array(EntityIdSchema)),
  status: v.optional(v.picklist(['held', 'announced', 'proposed', 'ongoing'])),
  precededBy: v.optional(v.array(EntityIdSchema)),
  followedBy: v.optional(v.array(EntityIdSchema)),
});

export const PublishedSchema = v.strictObject({
  /** Earliest and latest plausible publication dates (equal when known to the day). */
  earliest: IsoDateSchema,
  latest: IsoDateSchema,
  inferred: v.boolean(),
  basis: v.optional(NonEmpty),
});

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
export type Entity = v.InferOutput<typeof EntitySchema>;
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
