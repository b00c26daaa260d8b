/**
 * Word lists the new-name finder reads names with. Lower case; each list says why a word is on it.
 */

/** Titles and offices written before a name ("President Vladimir Putin"): not part of the name, but a sign of a person. */
export const PERSON_TITLES: ReadonlySet<string> = new Set(
  (
    'president vice prime minister foreign defence defense secretary chancellor premier mr mrs ms dr sen senator rep ' +
    'representative gen general admiral colonel king queen pope prince princess sheikh envoy special deputy chief ' +
    'spokesman spokeswoman spokesperson ambassador governor mayor adviser advisor aide sir lord lady former first ' +
    'acting interim speaker commissioner director chairman chairwoman chair ceo founder leader host anchor ' +
    'correspondent reporter editor judge justice attorney officer lieutenant captain major sergeant patriarch ' +
    'archbishop bishop cardinal rabbi imam professor prof dame emir crown senior top'
  ).split(' '),
);

/** Small words that may sit inside a name ("Institute for the Study of War", "Ursula von der Leyen"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(
  'of the for de da del der van von al bin la le du dos das y'.split(' '),
);

/** Capitalised at the start of a sentence or in a headline, but never a name by themselves. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'a an the and but or nor so yet for if as at by in on of to up with from into onto over under after before ' +
    'since until while when where what who whom whose why how which this that these those there here then than ' +
    'it its he she they we you i me him her them us our your their his my mine not no yes all any both each ' +
    'every few many most much some such other another more less one two three four five six seven eight nine ten ' +
    'first second third last next old also just only even still already again ever never very too ' +
    'is are was were be been being has have had do does did will would shall should can could may might must ' +
    'said says say according read watch live update updated breaking exclusive analysis opinion comment video photo ' +
    'today yesterday tomorrow tonight morning afternoon evening week weekend month year day days ' +
    'north south east west northern southern eastern western central ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

/** The last word of an organisation's name ("Foreign Ministry", "Financial Times"). */
export const ORGANIZATION_HEADS: ReadonlySet<string> = new Set(
  (
    'ministry council agency committee commission times post news journal telegraph guardian herald tribune ' +
    'party bank fund institute university college foundation company corporation corp inc ltd group association ' +
    'union alliance army navy forces force guard office department service services parliament duma senate ' +
    'congress assembly court cabinet government administration network press media broadcasting organization ' +
    'organisation federation league club bureau authority board centre center agency church'
  ).split(' '),
);

/** The last word of a place's name ("Donbas region", "Black Sea"). */
export const PLACE_HEADS: ReadonlySet<string> = new Set(
  'region oblast province district county city town village island islands sea ocean river lake mountains valley peninsula bay strait gulf republic state airport base'.split(
    ' ',
  ),
);

/** The last word of an event's name ("Munich Security Conference", "Istanbul talks"). */
export const EVENT_HEADS: ReadonlySet<string> = new Set(
  'summit conference talks accords accord agreement treaty war forum games olympics election elections referendum offensive protocol memorandum'.split(
    ' ',
  ),
);
