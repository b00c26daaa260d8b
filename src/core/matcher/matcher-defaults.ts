/** Every threshold and limit the matcher uses, in one place (STYLE.md rule 7). */
export const MATCHER_DEFAULTS = Object.freeze({
  /** Words a " … " gap in a phrase alias may skip when the alias does not say (`maxGap`). */
  maxGap: 3,
  /** Shortest word, in letters, that may match an alias with one typo; the alias must be as long. */
  fuzzyMinLength: 6,
  /** Shortest one-word name of a person read with one typo, on a page that names the person ("Mertz"). */
  shortTypoMinLength: 4,
  /**
   * Capitalised words that may stand before a surname without making it someone else's ("President Macron");
   * any other capitalised word there that is a first name makes it another person's ("Brigitte Macron").
   */
  titles: Object.freeze(
    'president presidents vice prime minister premier chancellor secretary state general sen senator rep governor gov mr mrs ms miss dr sir dame lord lady king queen prince princess pope envoy ambassador spokesman spokeswoman spokesperson adviser advisor aide leader chief commissioner director mayor judge justice deputy foreign defence defense press speaker chairman chair ceo colonel gen admiral commander marshal special first us u.s'.split(
      ' ',
    ),
  ) as readonly string[],
  /**
   * Words that may open a sentence right before a surname without being a first name ("But Putin", "When
   * Merz"): conjunctions, prepositions, pronouns, auxiliaries and sentence adverbs, a closed class. Any other
   * capitalised word opening a sentence before a surname is read as another first name ("Brigitte Macron").
   */
  sentenceOpeners: Object.freeze(
    'a about above according across after against ahead all along also although amid among an and another any are as asked at because before behind beside besides between both but by can could despite did do does during each earlier either even eventually except finally following for from had has have he her here how however if in including inside instead it its just last late later like many meanwhile more most much my neither never next no nor not now of on once one only or other our outside over perhaps rather she should since so some still such than that the their then there these they this those though through thus to today tomorrow too toward towards under unless unlike until upon was we were what whatever when where whereas whether which while who whom whose why will with within without would yes yesterday yet you'.split(
      ' ',
    ),
  ) as readonly string[],
  /**
   * Capitalised words that may follow a name of ours without making a longer name of someone or something else
   * ("Kyiv Oblast", "Moscow Region"); titles after a name ("Kremlin Spokesman") are allowed by `titles`.
   */
  sameNameWords: Object.freeze(
    'oblast oblasts region regions province provinces peninsula city'.split(' '),
  ) as readonly string[],
  /**
   * Capitalised words that may stand before a place without making it the end of another name ("Eastern
   * Ukraine", "Greater Moscow", "Downtown Kyiv"); any other capitalised word there, a function word opening a
   * sentence or a title aside, is read as the start of another name ("Denzel Washington", "Chicken Kiev").
   */
  placeQualifiers: Object.freeze(
    'north south east west northern southern eastern western central northeastern northwestern southeastern southwestern north-east north-west south-east south-west greater downtown inner outer upper lower old new former occupied liberated free'.split(
      ' ',
    ),
  ) as readonly string[],
  /** Words after "Moscow, " that are not another place's name ("Moscow, Monday"). */
  notPlaces: Object.freeze(
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december reuters ap afp'.split(
      ' ',
    ),
  ) as readonly string[],
  /**
   * The 50 US states, folded. A place of ours named like one and followed by the word "state" ("Washington
   * state") or "governor", or after "state of" or "governor of", is the US state, not ours, unless ours is that
   * state (`isUsState` in `name-rules.ts`). General knowledge, not tuned to any article.
   */
  usStates: Object.freeze([
    'alabama',
    'alaska',
    'arizona',
    'arkansas',
    'california',
    'colorado',
    'connecticut',
    'delaware',
    'florida',
    'georgia',
    'hawaii',
    'idaho',
    'illinois',
    'indiana',
    'iowa',
    'kansas',
    'kentucky',
    'louisiana',
    'maine',
    'maryland',
    'massachusetts',
    'michigan',
    'minnesota',
    'mississippi',
    'missouri',
    'montana',
    'nebraska',
    'nevada',
    'new hampshire',
    'new jersey',
    'new mexico',
    'new york',
    'north carolina',
    'north dakota',
    'ohio',
    'oklahoma',
    'oregon',
    'pennsylvania',
    'rhode island',
    'south carolina',
    'south dakota',
    'tennessee',
    'texas',
    'utah',
    'vermont',
    'virginia',
    'washington',
    'west virginia',
    'wisconsin',
    'wyoming',
  ]) as readonly string[],
  /**
   * Nouns after "state" that make "Washington state visit" a ceremony in that place (a head of state's visit,
   * dinner or funeral there), not the US state: the place stays ours.
   */
  stateCeremonies: Object.freeze(
    'visit visits dinner dinners banquet banquets funeral funerals reception receptions ceremony ceremonies occasion occasions'.split(
      ' ',
    ),
  ) as readonly string[],
  /**
   * Titles of people who serve a country: "<title> to" right before a place of ours names the place served, so a
   * capitalised word after it starts that person's name ("ambassador to Ukraine Simon Smith"), not a longer name
   * with the place in it ("Washington Post"). So does "<title> to the" before a name written with "the" and a
   * person's name ("ambassador to the United States Jane Doe": `afterEnvoyTitle` in `name-rules.ts`).
   */
  envoyTitles: Object.freeze(
    'ambassador ambassadors envoy envoys emissary emissaries representative representatives consul consuls'.split(' '),
  ) as readonly string[],
  /**
   * The same before "for" ("minister for Europe", "special envoy for Ukraine"): not "ambassador" nor
   * "representative", which also speak for a company ("a brand ambassador for Alaska Airlines").
   */
  envoyForTitles: Object.freeze(
    'envoy envoys minister ministers commissioner commissioners'.split(' '),
  ) as readonly string[],
  /**
   * One-word places that English writes with "the" ("ambassador to the Netherlands"), folded: after an envoy's
   * title and "to the" they are the place served like "the United States". Not "Ukraine", which English no
   * longer writes so ("the Ukraine Recovery Conference"). General knowledge, not tuned to any article.
   */
  placesNamedWithThe: Object.freeze(
    'netherlands philippines bahamas gambia maldives seychelles comoros congo vatican balkans baltics caucasus'.split(
      ' ',
    ),
  ) as readonly string[],
  /**
   * Nouns that head an organisation's name, folded: after "<envoy's title> to the" a place followed by one
   * ("the United States Conference of Mayors", "the US Senate") opens the organisation's name, and "the" is the
   * organisation's. Words that are rarely surnames, as a person's name may follow the place instead.
   */
  organisationNouns: Object.freeze(
    'conference conferences council senate congress parliament assembly committee commission association institute institution agency department ministry office chamber mission embassy consulate service services bureau authority administration board court party union league federation foundation society company corporation bank fund group university college academy school museum army navy force forces guard corps command police cabinet government delegation caucus secretariat centre center trust network team club open cup games championship championships airlines airways'.split(
      ' ',
    ),
  ) as readonly string[],
  /** Lower-case words inside a person's name ("Hans van der Berg", "Ursula von der Leyen"). */
  nameParticles: Object.freeze(
    'van von der den de del della di da dos du la le bin ibn'.split(' '),
  ) as readonly string[],
  /** Most capitalised words of a person's name after a place ("Sir Kim Darroch"); more are something else's. */
  personNameMaxWords: 4,
  /** Letters that, added to a name's end, make another word ("Russian", "Witkoffs", "Ushakova"): never a typo. */
  fuzzyBlockedSuffixes: Object.freeze(['n', 's', 'a']) as readonly string[],
  /** All-caps aliases at least this long also match in title case ("NATO" and "Nato", "TASS" and "Tass"). */
  acronymTitleCaseMinLength: 4,
  /** Longest alias, in words, that is compiled; longer ones cannot be names. */
  maxAliasWords: 24,
  /** How far past its first word a match may reach, in words; bounds look-ahead on any input. */
  maxLookahead: 64,
  /** Size of the pre-checks of alias words and word pairs, in bits per key (a power of two is taken above it). */
  filterBitsPerKey: 32,
  /** Capitalised words whose typo check is remembered (a page repeats its words); a new word takes a slot. */
  typoCacheSize: 1024,
  /** Size of the typo pre-check, in bits per key of the deletion index (a power of two is taken above it). */
  typoFilterBitsPerVariant: 16,
  /**
   * Aliases `loadMatcherInSteps` indexes per step: on a slow machine, under load, a step of this many takes
   * some 15 ms with the code not yet optimised, well inside a 50 ms task.
   */
  loadStepAliases: 64,
  /** Trie nodes, words or typo variants `loadMatcherInSteps` lays out in typed arrays per step. */
  loadStepNodes: 4096,
  /**
   * Capitalised words that may stand right before a context-only phrase without making it another's name
   * ("The Foreign Ministry" opens a sentence; "China's Foreign Ministry" is China's).
   */
  contextOpeners: Object.freeze([
    'the',
    'a',
    'an',
    'this',
    'that',
    'its',
    'his',
    'her',
    'their',
    'our',
    'but',
    'and',
  ]) as readonly string[],
  /** Nouns that name a meeting: an event with an alias ending in one is named by its place with any of them. */
  eventNouns: Object.freeze(['summit', 'meeting', 'talks', 'encounter']) as readonly string[],
  /** Nouns of travel to an event's place: "visit to Moscow". */
  eventTrips: Object.freeze(['visit', 'trip']) as readonly string[],
  /** At most this many of an event's people must be named on a page for its place phrases to be marked. */
  eventPhraseMinPeople: 2,
  /** Words the tokenizer keeps in its ring buffer: more than `maxLookahead`, a power of two. */
  tokenBufferSize: 256,
});
