import { type AliasObject, aliasObject, type Entity } from '../dataset-schema.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { type AliasReader, aliasReader } from './parse-alias.ts';

/**
 * Event phrases as readers write them, made from the dataset rather than listed. An event of two or more
 * people whose date gives the month is also named by the month with a meeting noun ("February encounter",
 * "talks in February"); a meeting-like event (one of its aliases ends in a meeting noun: "summit", "talks",
 * "meeting", "encounter") is also named by its place or venue with a meeting noun: "Moscow talks", "meeting in
 * Alaska", "White House meeting", "visit to Moscow" (the venue from its own aliases: "White House talks" gives
 * "White House").
 * Two people joined by a dash ("Witkoff–Putin meeting") are not made into a phrase: readers, and the dev set's
 * rules, see each name there, and each is marked as that person.
 *
 * Any gathering held in Alaska can be called an "Alaska summit", so a place or month phrase is marked only in context:
 * on a page that also names the event's people (`min` of them, at most `eventPhraseMinPeople`). A phrase that
 * another entity has as an alias
 * (any alias, search-only ones too) or that two events would make is not made: it cannot name one event;
 * nor are place phrases for a place where two events of the dataset were held. `aliases` reads alias texts (the
 * compiler passes the one it reads its own aliases with).
 */
export function eventPhrases(
  entities: readonly Entity[],
  aliases: AliasReader = aliasReader(),
): { entity: Entity; alias: AliasObject }[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const taken = new Set(entities.flatMap((e) => e.aliases.map((a) => aliases.key(aliasObject(a).text))));
  const made = new Map<string, { entity: Entity; alias: AliasObject }[]>();
  const add = (entity: Entity, text: string, context: AliasObject['context']) => {
    if (!context || context.of.length === 0) return;
    const key = aliases.key(text);
    if (taken.has(key)) return;
    const list = made.get(key) ?? [];
    // Two events already make it, so it names neither: hundreds of events try "talks in February".
    if (list.length > 1) return;
    if (!list.some((m) => m.entity.id === entity.id)) list.push({ entity, alias: { text, context } });
    made.set(key, list);
  };
  const allNouns = MATCHER_DEFAULTS.eventNouns;
  const lastWord = (text: string) => text.split(/\s+/).at(-1)?.toLowerCase() ?? '';
  const endsInNoun = (text: string) => allNouns.includes(lastWord(text));
  const eventsAt = new Map<string, number>();
  for (const e of entities) if (e.kind === 'event' && e.place) eventsAt.set(e.place, (eventsAt.get(e.place) ?? 0) + 1);
  for (const event of entities) {
    if (event.kind !== 'event') continue;
    const texts = event.aliases.map((a) => aliasObject(a).text).filter((t) => !t.includes('…'));
    // A summit is a meeting of leaders: only an event that its own aliases call one is named so.
    const nouns = allNouns.filter((noun) => noun !== 'summit' || texts.some((t) => /\bsummit\b/i.test(t)));
    const people = (event.participants ?? []).filter((id) => id.startsWith('person/'));
    const peopleRule = {
      of: people,
      min: Math.min(people.length, MATCHER_DEFAULTS.eventPhraseMinPeople),
    };
    // People who met in a known month: "February meeting", "talks in February".
    const month = MONTHS[Number(event.date?.on.slice(5, 7)) - 1];
    if (month && people.length >= MATCHER_DEFAULTS.eventPhraseMinPeople)
      for (const noun of nouns) {
        add(event, `${month} ${noun}`, peopleRule);
        add(event, `${noun} in ${month}`, peopleRule);
      }
    if (!texts.some(endsInNoun)) continue;
    const place = event.place ? byId.get(event.place) : undefined;
    // Two events at one place ("Washington" in February and in August): the place alone names neither.
    const placeNames = place && eventsAt.get(place.id) === 1 ? place.aliases : [];
    const places = placeNames.map(aliasObject).filter((a) => (a.case ?? 'name') === 'name');
    const venues = texts
      .filter(endsInNoun)
      .map((t) => t.split(/\s+/).slice(0, -1).join(' '))
      .filter((v) => /^\p{Lu}/u.test(v) && !/[–-]/.test(v) && v.split(' ').every((w) => /^\p{Lu}/u.test(w)))
      // The shared place itself, written as a venue ("Northport summit"), names neither event either.
      .filter((v) => placeNames.length > 0 || !place?.aliases.some((a) => aliasObject(a).text === v));
    for (const where of new Set([...places.map((a) => a.text), ...venues])) {
      for (const noun of nouns) add(event, `${where} ${noun}`, peopleRule);
      for (const noun of nouns) add(event, `${noun} in ${where}`, peopleRule);
      if (places.some((a) => a.text === where))
        for (const trip of MATCHER_DEFAULTS.eventTrips) add(event, `${trip} to ${where}`, peopleRule);
    }
  }
  return [...made.values()].filter((list) => list.length === 1).flat();
}

const MONTHS = Object.freeze(
  'January February March April May June July August September October November December'.split(' '),
);
