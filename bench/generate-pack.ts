/**
 * A large, valid pack for the scale benchmarks: `entities` entities (10,000 by default) with realistic names
 * (people, organisations, places, events, topics built from word lists, never random letters), 3 aliases and
 * 3 cited facts each, every quote a sentence of a generated source article. Deterministic: the same options
 * give the same pack, byte for byte.
 */

import { slugify } from '../src/core/authoring/entity-slug.ts';
import type { Dataset, Entity, Fact, Source } from '../src/core/dataset-schema.ts';
import { aliasKey } from '../src/core/matcher/parse-alias.ts';
import { buildPackFile, serialisePack } from '../src/core/packs/pack-file.ts';
import type { PackManifest } from '../src/core/packs/pack-manifest.ts';
import { random } from './news-like-text.ts';

export interface GeneratePackOptions {
  /** How many entities (default 10,000). */
  entities?: number;
  seed?: number;
  /** The pack id (default `generated-<entities>`). */
  id?: string;
}

const FIRST_NAMES = [
  'Maria',
  'James',
  'Amara',
  'Chen',
  'Olga',
  'Rahul',
  'Sofia',
  'Kwame',
  'Ingrid',
  'Mateo',
  'Yuki',
  'Fatima',
  'Lars',
  'Priya',
  'Tomasz',
  'Aisha',
  'Diego',
  'Hannah',
  'Omar',
  'Elena',
  'Kofi',
  'Mei',
  'Pavel',
  'Leila',
  'Jonas',
  'Ana',
  'Tariq',
  'Grace',
  'Viktor',
  'Nadia',
  'Samuel',
  'Keiko',
  'Andrei',
  'Zainab',
  'Lucas',
  'Ines',
  'Hiroshi',
  'Chloe',
  'Emeka',
  'Marta',
  'Arjun',
  'Camille',
  'Bogdan',
  'Ruth',
  'Karim',
  'Astrid',
  'Felipe',
  'Noura',
  'Daniel',
  'Irina',
  'Thabo',
  'Julia',
  'Hassan',
  'Freya',
  'Ricardo',
  'Lina',
  'Dmitri',
  'Abena',
  'Patrick',
  'Svetlana',
  'Ibrahim',
  'Clara',
  'Jin',
  'Teresa',
  'Musa',
  'Eva',
  'Rafael',
  'Ngozi',
  'Oskar',
  'Yasmin',
  'Henrik',
  'Lucia',
  'Adebayo',
  'Marek',
  'Simone',
  'Wei',
  'Bianca',
  'Anton',
  'Esther',
  'Rashid',
  'Miriam',
  'Kenji',
  'Alma',
  'Nikolai',
  'Beatriz',
  'Tunde',
  'Greta',
  'Farid',
  'Helena',
  'Sipho',
  'Rosa',
  'Mikhail',
  'Ayesha',
  'Stefan',
  'Paula',
  'Yaw',
  'Katarzyna',
  'Ahmed',
  'Linnea',
  'Gabriel',
];

const LAST_NAMES = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Kowalski',
  'Haddad',
  'Fernandes',
  'Mensah',
  'Petrov',
  'Castillo',
  'Brennan',
  'Sato',
  'Abubakar',
  'Novak',
  'Rossi',
  'Kaur',
  'Schneider',
  'Diallo',
  'Ivanova',
  'Oliveira',
  'Murphy',
  'Tanaka',
  'Osei',
  'Horvath',
  'Bianchi',
  'Sharma',
  'Weber',
  'Ndiaye',
  'Volkov',
  'Carvalho',
  'Gallagher',
  'Yamamoto',
  'Boateng',
  'Szabo',
  'Romano',
  'Gupta',
  'Fischer',
  'Traore',
  'Sokolov',
  'Pereira',
  'Doyle',
  'Kobayashi',
  'Asante',
  'Dvorak',
  'Colombo',
  'Patel',
  'Wagner',
  'Keita',
  'Morozov',
  'Almeida',
  'Byrne',
  'Watanabe',
  'Owusu',
  'Kovac',
  'Ricci',
  'Reddy',
  'Becker',
  'Camara',
  'Lebedev',
  'Costa',
  'Walsh',
  'Ito',
  'Appiah',
  'Varga',
  'Marino',
  'Iyer',
  'Hoffmann',
  'Sow',
  'Kuznetsov',
  'Ribeiro',
  'Kelly',
  'Suzuki',
  'Adjei',
  'Nemeth',
  'Greco',
  'Nair',
  'Schulz',
  'Bah',
  'Popov',
  'Santos',
  'Ryan',
  'Kato',
  'Darko',
  'Toth',
  'Bruno',
  'Menon',
  'Koch',
  'Sylla',
  'Orlov',
  'Gomes',
  'Quinn',
  'Yoshida',
  'Amoah',
  'Farkas',
  'Gallo',
  'Rao',
  'Richter',
  'Barry',
  'Belov',
  'Martins',
  'Hughes',
  'Inoue',
  'Frimpong',
  'Balogh',
  'Conti',
  'Pillai',
  'Klein',
  'Kone',
  'Vasiliev',
  'Lopes',
  'Nolan',
  'Kimura',
  'Agyeman',
  'Molnar',
  'Esposito',
  'Desai',
  'Wolf',
  'Cisse',
  'Fedorov',
  'Araujo',
  'Dunne',
  'Hayashi',
  'Ofori',
  'Kiss',
  'Lombardi',
  'Joshi',
  'Neumann',
  'Toure',
  'Stepanov',
  'Rocha',
  'Foley',
  'Shimizu',
  'Antwi',
  'Lakatos',
  'Fontana',
  'Bhat',
  'Schwarz',
  'Konate',
  'Egorov',
  'Teixeira',
  'Lynch',
  'Mori',
  'Boakye',
  'Simon',
  'Moretti',
  'Kumar',
  'Zimmermann',
  'Sanogo',
  'Pavlov',
  'Vieira',
];

const INITIALS = 'ABCDEFGHJKLMNPRSTW';

const OFFICES = [
  { title: 'Minister', role: 'Government minister' },
  { title: 'Senator', role: 'Senator' },
  { title: 'Mayor', role: 'City mayor' },
  { title: 'Governor', role: 'Regional governor' },
  { title: 'Judge', role: 'Senior judge' },
  { title: 'Professor', role: 'University professor' },
  { title: 'General', role: 'Army general' },
  { title: 'Ambassador', role: 'Ambassador' },
  { title: 'Commissioner', role: 'Trade commissioner' },
  { title: 'Dr', role: 'Public health adviser' },
];

const PLACE_STARTS = [
  'Ash',
  'Black',
  'Bright',
  'Cold',
  'Elm',
  'Fair',
  'Glen',
  'Green',
  'Hart',
  'High',
  'Kings',
  'Lake',
  'Long',
  'Marsh',
  'Mill',
  'North',
  'Oak',
  'Red',
  'Rock',
  'Salt',
  'Silver',
  'South',
  'Stone',
  'Sun',
  'West',
  'White',
  'Wolf',
  'Wood',
  'Amber',
  'Bay',
  'Clear',
  'East',
  'Iron',
  'Maple',
  'Pine',
  'Raven',
  'Rose',
  'Sand',
  'Thorn',
  'Willow',
];
const PLACE_ENDS = [
  'ford',
  'bridge',
  'haven',
  'port',
  'field',
  'wick',
  'mouth',
  'dale',
  'stead',
  'ton',
  'burgh',
  'water',
  'mere',
  'gate',
  'cliff',
  'holm',
  'moor',
  'wood',
  'brook',
  'hill',
  'bury',
  'marsh',
  'well',
  'by',
  'crest',
  'fell',
  'lea',
  'shore',
  'vale',
  'worth',
];

const REGIONS = [
  'Atlantic',
  'Baltic',
  'Northern',
  'Coastal',
  'Eastern',
  'Continental',
  'Pacific',
  'Southern',
  'Central',
  'Highland',
  'Western',
  'Meridian',
];
const SECTORS = [
  'Shipping',
  'Energy',
  'Grain',
  'Rail',
  'Steel',
  'Telecom',
  'Water',
  'Mining',
  'Textile',
  'Fisheries',
  'Timber',
  'Pharma',
  'Aviation',
  'Insurance',
  'Media',
  'Cement',
  'Solar',
  'Freight',
  'Dairy',
  'Chemicals',
];
const ORG_TYPES = ['Group', 'Union', 'Council', 'Authority', 'Alliance', 'Federation', 'Holdings', 'Institute'];
const TOPICS = [
  'pension reform',
  'water rights',
  'port expansion',
  'grain exports',
  'rail strike',
  'energy prices',
  'fishing quotas',
  'housing shortage',
  'border checks',
  'tax reform',
  'flood defences',
  'mining licences',
];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const OUTLETS = ['The Harbour Gazette', 'Northern Courier', 'Valley Times', 'The Coastal Post', 'Evening Ledger'];

/** One sentence of a source article that a fact quotes, and the fact in other words. */
interface Claim {
  sentence: string;
  fact: string;
}

/** Sentences per source article: about 1,000 words each. */
const SENTENCES_PER_SOURCE = 60;

/** The manifest and dataset of a generated pack. */
export function generatePackDataset(options: GeneratePackOptions = {}): { manifest: PackManifest; dataset: Dataset } {
  const count = options.entities ?? 10_000;
  const rand = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const takenAliases = new Set<string>();
  const takenIds = new Set<string>();
  /** Reserves all the aliases of a candidate, or none when one is taken. */
  const reserve = (id: string, aliases: string[]): boolean => {
    const keys = aliases.map(aliasKey);
    if (takenIds.has(id) || new Set(keys).size !== keys.length || keys.some((key) => takenAliases.has(key))) {
      return false;
    }
    for (const key of keys) takenAliases.add(key);
    takenIds.add(id);
    return true;
  };

  const placeCount = Math.round(count * 0.1);
  const eventCount = Math.round(count * 0.1);
  const orgCount = Math.round(count * 0.1);
  const topicCount = Math.round(count * 0.05);
  const personCount = count - placeCount - eventCount - orgCount - topicCount;

  const entities: Entity[] = [];
  const claims = new Map<string, Claim[]>();
  const places: Entity[] = [];
  const orgs: Entity[] = [];
  const people: Entity[] = [];

  const add = (entity: Omit<Entity, 'facts'>, own: Claim[]): Entity => {
    const full = { ...entity, facts: [] } as Entity;
    entities.push(full);
    claims.set(entity.id, own);
    return full;
  };

  for (const start of shuffled(PLACE_STARTS, rand)) {
    for (const end of shuffled(PLACE_ENDS, rand)) {
      if (places.length >= placeCount) break;
      const name = `${start}${end}`;
      const id = `place/${slugify(name)}`;
      const aliases = [name, `${name} City`, `Greater ${name}`];
      if (!reserve(id, aliases)) continue;
      const mayor = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      places.push(
        add(
          {
            id,
            kind: 'place',
            name,
            aliases,
            role: 'City',
            summary: `${name} is a port city in the generated region.`,
          },
          [
            {
              sentence: `The harbour at ${name} handled more containers this year than in any year before.`,
              fact: `Its harbour had a record year for containers.`,
            },
            {
              sentence: `Residents of ${name} queued for hours outside the town hall on ${pick(WEEKDAYS)}, local officials said.`,
              fact: `Residents queued outside the town hall.`,
            },
            {
              sentence: `Council leader ${mayor} said ${name} would open a second ferry terminal within two years.`,
              fact: `A second ferry terminal is planned within two years.`,
            },
          ],
        ),
      );
    }
  }

  while (orgs.length < orgCount) {
    const last = pick(LAST_NAMES);
    const region = pick(REGIONS);
    const sector = pick(SECTORS);
    const type = pick(ORG_TYPES);
    const name = `${last} ${region} ${sector} ${type}`;
    const id = `org/${slugify(name)}`;
    const aliases = [name, `${last} ${region}`, `${region} ${sector} ${type}`];
    if (!reserve(id, aliases)) continue;
    const city = pick(places);
    orgs.push(
      add(
        {
          id,
          kind: 'organization',
          name,
          aliases,
          role: `${sector} company`,
          summary: `${name} is a ${sector.toLowerCase()} business based in ${city.name}.`,
          related: [city.id],
        },
        [
          {
            sentence: `${name} reported a rise in quarterly revenue, helped by demand from ${city.name}.`,
            fact: `Its quarterly revenue rose.`,
          },
          {
            sentence: `Shares in ${last} ${region} fell sharply after the ${sector.toLowerCase()} regulator opened an inquiry.`,
            fact: `A regulator opened an inquiry into it, and its shares fell.`,
          },
          {
            sentence: `A spokesperson for ${name} declined to comment on plans to cut jobs in ${city.name}.`,
            fact: `It did not comment on reported job cuts.`,
          },
        ],
      ),
    );
  }

  while (people.length < personCount) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const name = `${first} ${last}`;
    const office = pick(OFFICES);
    const id = `person/${slugify(name)}`;
    const aliases = [name, `${first} ${pick(INITIALS.split(''))}. ${last}`, `${office.title} ${name}`];
    if (!reserve(id, aliases)) continue;
    const org = pick(orgs);
    const city = pick(places);
    const topic = pick(TOPICS);
    people.push(
      add(
        {
          id,
          kind: 'person',
          name,
          aliases,
          role: office.role,
          summary: `${name} is a ${office.role.toLowerCase()} quoted on ${topic}.`,
          related: [org.id],
        },
        [
          {
            sentence: `${office.title} ${name} told reporters in ${city.name} that talks on ${topic} would resume next week.`,
            fact: `Said talks on ${topic} would resume the following week.`,
          },
          {
            sentence: `${name} met executives of ${org.name} on ${pick(WEEKDAYS)} to discuss ${topic}.`,
            fact: `Met ${org.name} executives about ${topic}.`,
          },
          {
            sentence: `Critics accused ${last} of delaying a vote on ${topic}, a charge ${first} ${last} denied.`,
            fact: `Denied delaying a vote on ${topic}.`,
          },
        ],
      ),
    );
  }

  let events = 0;
  for (const place of shuffled(places, rand)) {
    if (events >= eventCount) break;
    for (const kind of ['summit', 'accord'] as const) {
      if (events >= eventCount) break;
      const name = `${place.name} ${kind}`;
      const id = `event/${slugify(name)}`;
      const aliases = [
        name,
        `${place.name} ${kind === 'summit' ? 'talks' : 'agreement'}`,
        `${kind} … in ${place.name}`,
      ];
      if (!reserve(id, aliases)) continue;
      const host = pick(people);
      const guest = pick(people);
      const day = 1 + Math.floor(rand() * 28);
      events++;
      add(
        {
          id,
          kind: 'event',
          name,
          aliases: [aliases[0] as string, aliases[1] as string, { text: aliases[2] as string, case: 'any' }],
          role: kind === 'summit' ? 'Regional summit' : 'Trade accord',
          summary: `A ${kind} held in ${place.name}.`,
          date: { on: `2025-09-${String(day).padStart(2, '0')}`, inferred: false },
          place: place.id,
          participants: host.id === guest.id ? [host.id] : [host.id, guest.id],
          status: 'held',
        },
        [
          {
            sentence: `The ${kind} in ${place.name} ended on ${pick(WEEKDAYS)} with a joint statement on shipping lanes.`,
            fact: `It ended with a joint statement on shipping lanes.`,
          },
          {
            sentence: `${host.name} and ${guest.name} shook hands at the close of the ${name}.`,
            fact: `${host.name} and ${guest.name} met there.`,
          },
          {
            sentence: `Protesters gathered outside the venue of the ${name}, police in ${place.name} said.`,
            fact: `Protesters gathered outside the venue.`,
          },
        ],
      );
    }
  }

  let topics = 0;
  while (topics < topicCount + (eventCount - events)) {
    const topic = pick(TOPICS);
    const place = pick(places);
    const name = `${topic[0]?.toUpperCase()}${topic.slice(1)} in ${place.name}`;
    const id = `topic/${slugify(name)}`;
    const aliases = [name, `${place.name} ${topic}`, `${topic} debate in ${place.name}`];
    if (!reserve(id, aliases)) continue;
    topics++;
    add(
      {
        id,
        kind: 'topic',
        name,
        aliases: [
          aliases[0] as string,
          { text: aliases[1] as string, case: 'any' },
          { text: aliases[2] as string, case: 'any' },
        ],
        role: 'Local political issue',
        summary: `The debate over ${topic} in ${place.name}.`,
        place: place.id,
      },
      [
        {
          sentence: `The debate over ${topic} in ${place.name} has divided the city council for months.`,
          fact: `It has divided the city council.`,
        },
        {
          sentence: `A poll found most residents of ${place.name} wanted a decision on ${topic} before the winter.`,
          fact: `Most residents wanted a decision before winter.`,
        },
        {
          sentence: `Campaigners on ${topic} marched through central ${place.name} on ${pick(WEEKDAYS)}.`,
          fact: `Campaigners marched through the city centre.`,
        },
      ],
    );
  }

  // Sources: the claims' sentences in a shuffled order, SENTENCES_PER_SOURCE to an article.
  const order = shuffled(
    entities.flatMap((entity) => (claims.get(entity.id) ?? []).map((claim) => ({ entity, claim }))),
    rand,
  );
  const sources: Source[] = [];
  const texts: Record<string, string> = {};
  for (let s = 0; s * SENTENCES_PER_SOURCE < order.length; s++) {
    const id = `generated-report-${String(s + 1).padStart(4, '0')}`;
    const part = order.slice(s * SENTENCES_PER_SOURCE, (s + 1) * SENTENCES_PER_SOURCE);
    const day = String(1 + (s % 28)).padStart(2, '0');
    sources.push({
      id,
      seed: `${id}.txt`,
      title: `Regional news round-up ${s + 1}`,
      titleInText: false,
      outlet: OUTLETS[s % OUTLETS.length] as string,
      published: { earliest: `2025-10-${day}`, latest: `2025-10-${day}`, inferred: false },
    });
    // Four sentences to a paragraph, as news copy reads.
    const paragraphs: string[] = [];
    for (let i = 0; i < part.length; i += 4)
      paragraphs.push(
        part
          .slice(i, i + 4)
          .map((p) => p.claim.sentence)
          .join(' '),
      );
    texts[id] = `${paragraphs.join('\n\n')}\n`;
    for (const { entity, claim } of part) {
      const fact: Fact = { text: claim.fact, citations: [{ source: id, quote: claim.sentence }] };
      entity.facts.push(fact);
    }
  }

  const manifest: PackManifest = {
    id: options.id ?? `generated-${count}`,
    title: `Generated benchmark pack (${count} entities)`,
    version: '1.0.0',
    asOf: '2025-10-28',
    publisher: 'News Context benchmarks',
    license: 'CC0-1.0',
    description: `${count} made-up people, organisations, places, events and topics with three cited facts each, for measuring scale.`,
  };
  return { manifest, dataset: { entities, sources, texts } };
}

/** The generated pack as the file a reader would import. */
export function generatePackText(options: GeneratePackOptions = {}): string {
  const { manifest, dataset } = generatePackDataset(options);
  return serialisePack(buildPackFile(manifest, dataset));
}

function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
