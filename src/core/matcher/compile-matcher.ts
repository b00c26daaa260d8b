import { type AliasObject, aliasObject, type Entity } from '../dataset-schema.ts';
import { eventPhrases } from './event-phrases.ts';
import { knownWords } from './known-words.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { type AliasReader, aliasReader, type ParsedAlias } from './parse-alias.ts';
import { variantHashes, withinOneEdit } from './typo-index.ts';

/** Letter-case rule of an alias, stored in the low bits of its flags. */
export const CASE_MODE = Object.freeze({ name: 0, any: 1, exact: 2 });
/** Alias flag: a one-word person or place name that tolerates one typo. */
export const FLAG_FUZZY = 4;
/** Alias flag: matched only when its first letter is upper case (it is also an ordinary word). */
export const FLAG_CAPITALISED = 8;
/**
 * Alias flag: the phrase is a noun that also matches with an "s" added to its last word ("trilateral formats").
 * Set by the compiler on event and topic phrases (people and places have no plurals).
 */
export const FLAG_PLURAL = 16;
/**
 * Alias flag on a context-only name or topic: right after another capitalised name it is that name's, not
 * ours ("China's Foreign Ministry", "Gaza ceasefire"). Not on event phrases, which follow their subjects
 * ("Putin met in Alaska").
 */
export const FLAG_QUALIFIABLE = 32;
/** Flags from this bit up hold a context rule's index + 1 (`MatcherTables.contexts`); 0 is "always marked". */
export const CONTEXT_SHIFT = 16;

/** The context rule of an alias's flags, or -1 when it is always marked. */
export function contextRuleOf(flags: number): number {
  return (flags >>> CONTEXT_SHIFT) - 1;
}

/**
 * The JSON-serialisable tables the matcher runs on, compiled from the dataset at build time.
 * Compact on purpose: aliases stay text and are indexed by `loadMatcher`; what the background loads for pages is
 * the snapshot of that index (`snapshotMatcher`).
 */
export interface MatcherTables {
  version: 2;
  /** Entity ids; aliases point at them by position. */
  ids: string[];
  /** `[text, id index, flags, maxGap]` for every alias that may be highlighted, ambiguity already resolved. */
  aliases: [string, number, number, number][];
  /** Folded words never read as a typo: every alias word, and known words one edit from a fuzzy alias. */
  noFuzzy: string[];
  /**
   * Context rules, by the index an alias's flags hold: `[entity indexes, min]`, met on a page that mentions at
   * least `min` different entities of the list (see `PageContext`).
   */
  contexts: [number[], number][];
  /** One-word names of people that end longer ones: `[folded name, entity index, folded first words]`. */
  names: [string, number, string[]][];
  /** Short one-word names of people read with one typo on pages that name them: `[folded name, entity, rule]`. */
  shortTypos: [string, number, number][];
  /** Entity indexes of places ("Moscow, Idaho" is another Moscow). */
  places: number[];
  /**
   * Entity indexes of places that are themselves US states (`US_STATE_ROLE`): "Alaska state" is ours, where
   * "Washington state" is not Washington, D.C. Absent from tables compiled before it was added (none is a state).
   */
  states?: number[];
}

/** A place's role that says it is a US state ("US state", "state of the United States of America"). */
const US_STATE_ROLE = /\b(?:US|U\.S\.|United States|American) state\b|\bstate of the United States\b/i;

interface Candidate {
  text: string;
  key: string;
  id: string;
  flags: number;
  maxGap: number;
  resolve: string | undefined;
  /** The alias's context rule, as `JSON` of its sorted ids and min, or undefined. */
  context: string | undefined;
  /** `fuzzy: false` in the data: its one-letter variants are other words or people. */
  noFuzzy: boolean;
  parsed: ParsedAlias;
}

/**
 * How the compiler read each alias of the table sets still in use, by position in `aliases`: `loadMatcher` of
 * those tables (the snapshot the build and the background write right after compiling) takes them from here
 * instead of tokenising or looking up the texts again. Held weakly, so they go with the tables.
 */
const compiledParses = new WeakMap<MatcherTables, { texts: readonly string[]; parses: readonly ParsedAlias[] }>();

/**
 * The parse of alias `order` of `tables` as the compiler made it, when this process compiled them and the
 * alias still has the text it was compiled from; undefined otherwise.
 */
export function compiledAliasParse(tables: MatcherTables, order: number, text: string): ParsedAlias | undefined {
  const known = compiledParses.get(tables);
  return known?.texts[order] === text ? known.parses[order] : undefined;
}

/** Compiles the dataset's aliases into the matcher's tables. Deterministic: same input, same output. */
export function compileMatcher(entities: readonly Entity[]): MatcherTables {
  const aliasWords = new Set<string>();
  // A key's one candidate as it is (most aliases are one entity's, written once), a list from the second on.
  const byKey = new Map<string, Candidate | Candidate[]>();
  // Each alias text is tokenised once, for the phrases, this table and the name rules alike.
  const reader = aliasReader();
  const readTexts = new Set<ParsedAlias>();
  const phrases = eventPhrases(entities, reader);
  // A rule's key once per rule object: the phrases of one event share theirs, and there are thousands of them.
  const contextKeys = new Map<NonNullable<AliasObject['context']>, string>();
  const contextKey = (context: NonNullable<AliasObject['context']>): string => {
    let key = contextKeys.get(context);
    if (key === undefined) {
      key = JSON.stringify([[...context.of].sort(), context.min]);
      contextKeys.set(context, key);
    }
    return key;
  };
  const add = (entity: Entity, object: AliasObject): void => {
    const fuzzyKind = entity.kind === 'person' || entity.kind === 'place';
    const parsed = reader.parse(object.text);
    if (!parsed) return;
    // The reader hands out one parse per text, and thousands of events share their phrases: words once per text.
    if (!readTexts.has(parsed)) {
      readTexts.add(parsed);
      for (const key of parsed.keys) aliasWords.add(key);
    }
    if (object.highlight === false) return;
    const mode = CASE_MODE[object.case ?? 'name'];
    const single = parsed.keys.length === 1;
    const fuzzy =
      fuzzyKind &&
      single &&
      object.fuzzy !== false &&
      mode !== CASE_MODE.exact &&
      (parsed.keys[0] as string).length >= MATCHER_DEFAULTS.fuzzyMinLength;
    const capitalised = object.ambiguous?.resolve === 'capitalised-only';
    const plural =
      (entity.kind === 'event' || entity.kind === 'topic') &&
      !parsed.trailingDot &&
      /[a-rt-z]$/.test(parsed.keys.at(-1) as string);
    const qualifiable = object.context !== undefined && entity.kind !== 'event';
    const flags =
      mode |
      (fuzzy ? FLAG_FUZZY : 0) |
      (capitalised ? FLAG_CAPITALISED : 0) |
      (plural ? FLAG_PLURAL : 0) |
      (qualifiable ? FLAG_QUALIFIABLE : 0);
    const key = reader.key(object.text);
    const candidate: Candidate = {
      text: object.text,
      key,
      id: entity.id,
      flags,
      maxGap: object.maxGap ?? MATCHER_DEFAULTS.maxGap,
      resolve: object.ambiguous?.resolve,
      context: object.context && contextKey(object.context),
      noFuzzy: object.fuzzy === false,
      parsed,
    };
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, candidate);
    else if (Array.isArray(group)) group.push(candidate);
    else byKey.set(key, [group, candidate]);
  };
  // The written aliases, then the phrases made for events (no list of both: tens of thousands of pairs).
  for (const entity of entities) for (const alias of entity.aliases) add(entity, aliasObject(alias));
  for (const { entity, alias } of phrases) add(entity, alias);
  const kept: Candidate[] = [];
  for (const group of byKey.values()) {
    if (Array.isArray(group)) kept.push(...resolveShared(group));
    else kept.push(group);
  }
  kept.sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : a.flags - b.flags,
  );
  const people = peopleRules(entities, kept, reader);
  const ownRule = (id: string) => JSON.stringify([[id], 1]);
  const rules = [
    ...new Set([
      ...kept.flatMap((c) => (c.context ? [c.context] : [])),
      ...people.shortTypos.map(([, id]) => ownRule(id)),
    ]),
  ].sort();
  const parsedRules = rules.map((rule) => JSON.parse(rule) as [string[], number]);
  const ids = [...new Set([...kept.map((c) => c.id), ...parsedRules.flatMap(([of]) => of)])].sort();
  const idIndex = new Map(ids.map((id, i) => [id, i]));
  const ruleIndex = new Map(rules.map((rule, r) => [rule, r]));
  const aliases = kept.map((c): [string, number, number, number] => [
    c.text,
    idIndex.get(c.id) ?? 0,
    c.flags | (c.context ? ((ruleIndex.get(c.context) ?? 0) + 1) << CONTEXT_SHIFT : 0),
    c.maxGap,
  ]);
  const contexts = parsedRules.map(([of, min]): [number[], number] => [of.map((id) => idIndex.get(id) ?? 0), min]);
  const fuzzyKeys = kept.filter((c) => c.flags & FLAG_FUZZY).map((c) => c.key.slice(1));
  // The alias words are done with: the known words near a fuzzy alias join them in place.
  const noFuzzy = aliasWords;
  for (const word of knownWordsNear(fuzzyKeys)) noFuzzy.add(word);
  const tables: MatcherTables = {
    version: 2,
    ids,
    aliases,
    noFuzzy: [...noFuzzy].sort(),
    contexts,
    names: people.names.map(([surname, id, given]) => [surname, idIndex.get(id) ?? 0, given]),
    shortTypos: people.shortTypos.map(([key, id]) => [key, idIndex.get(id) ?? 0, ruleIndex.get(ownRule(id)) ?? 0]),
    places: [...new Set(kept.filter((c) => c.id.startsWith('place/')).map((c) => idIndex.get(c.id) ?? 0))],
    states: entities
      .flatMap((e) => {
        const n = idIndex.get(e.id);
        return e.kind === 'place' && n !== undefined && US_STATE_ROLE.test(e.role) ? [n] : [];
      })
      .sort((a, b) => a - b),
  };
  // Two flat lists rather than a pair per alias: they live as long as the tables.
  compiledParses.set(tables, { texts: kept.map((c) => c.text), parses: kept.map((c) => c.parsed) });
  return tables;
}

/**
 * What the name rules need of people (`name-rules.ts`): each one-word name that ends a longer one, with the
 * first words before it ("Putin" after "Vladimir"), and short one-word names (four or five letters, too short
 * for the typo index) that tolerate a typo on a page that names the person for sure ("Mertz" for "Merz").
 */
function peopleRules(entities: readonly Entity[], kept: readonly Candidate[], reader: AliasReader) {
  const names: [string, string, string[]][] = [];
  const shortTypos: [string, string][] = [];
  const keptById = new Map<string, Candidate[]>();
  for (const c of kept) {
    const list = keptById.get(c.id);
    if (list) list.push(c);
    else keptById.set(c.id, [c]);
  }
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    const longer = entity.aliases.map((a) => reader.parse(aliasObject(a).text)?.keys ?? []).filter((k) => k.length > 1);
    for (const c of keptById.get(entity.id) ?? []) {
      if (c.key.includes(' ') || (c.flags & 3) === CASE_MODE.exact) continue;
      const surname = c.key.slice(1);
      const given = [...new Set(longer.filter((k) => k.at(-1) === surname).map((k) => k[0] as string))].sort();
      if (given.length > 0) names.push([surname, entity.id, given]);
      const { length } = surname;
      if (length >= MATCHER_DEFAULTS.shortTypoMinLength && length < MATCHER_DEFAULTS.fuzzyMinLength && !c.noFuzzy)
        shortTypos.push([surname, entity.id]);
    }
  }
  const byKey = (a: [string, ...unknown[]], b: [string, ...unknown[]]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return { names: names.sort(byKey), shortTypos: shortTypos.sort(byKey) };
}

/**
 * Aliases shared by several entities: `defer` steps aside; one `prefer` wins; otherwise a shared alias is
 * too ambiguous to mark and is dropped (search still has it).
 */
function resolveShared(group: Candidate[]): Candidate[] {
  const ids = new Set(group.map((c) => c.id));
  if (ids.size === 1) return dedupe(group);
  const active = group.filter((c) => c.resolve !== 'defer');
  if (new Set(active.map((c) => c.id)).size === 1) return dedupe(active);
  const preferred = active.filter((c) => c.resolve === 'prefer');
  if (new Set(preferred.map((c) => c.id)).size === 1) return dedupe(preferred);
  return [];
}

function dedupe(group: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return group.filter((c) => {
    const k = `${c.text}\u0000${c.flags}\u0000${c.maxGap}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Known words one edit from any of the keys, found through a deletion index rather than a scan of all pairs.
 * The variants are indexed by `variantHashes`, made without a string each (tens of thousands of known words are
 * tried on every compile); a hash collision only adds a candidate, which the edit check then drops.
 */
function knownWordsNear(keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  let hashes = new Int32Array(32);
  const hashVariants = (word: string): number => {
    if (hashes.length < word.length + 1) hashes = new Int32Array(word.length + 1);
    variantHashes(word, 0, word.length, hashes);
    return word.length + 1;
  };
  const index = new Map<number, string[]>();
  for (const key of keys) {
    const count = hashVariants(key);
    for (let v = 0; v < count; v++) {
      const hash = hashes[v] as number;
      const list = index.get(hash);
      if (list) list.push(key);
      else index.set(hash, [key]);
    }
  }
  const near: string[] = [];
  const isNear = (word: string, key: string) => withinOneEdit(word, 0, word.length, key, 0, key.length);
  for (const word of knownWords()) {
    if (word.length < MATCHER_DEFAULTS.fuzzyMinLength) continue;
    const count = hashVariants(word);
    for (let v = 0; v < count; v++) {
      if (index.get(hashes[v] as number)?.some((key) => isNear(word, key))) {
        near.push(word);
        break;
      }
    }
  }
  return near;
}

/** The word itself and every string one deletion away. */
export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
