/**
 * Deterministic news-like text and name-like dictionaries for the matcher benchmark: no fixtures to
 * download, the same bytes on every run.
 */
import type { Entity } from '../src/core/dataset-schema.ts';

/** A small seeded PRNG (mulberry32): the benchmark must not vary between runs. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = [
  'b',
  'br',
  'ch',
  'd',
  'dr',
  'f',
  'g',
  'h',
  'k',
  'kh',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'sh',
  't',
  'v',
  'w',
  'z',
  'zh',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ia', 'ie', 'ou', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'k', 'v', 'tz', 'sky', 'ov', 'enko', 'son', 'berg', 'ez', 'ini'];
const HEADS = ['summit', 'talks', 'deal', 'accord', 'pact', 'crisis', 'agreement', 'negotiations'];

function syllables(rand: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out +=
      (ONSETS[Math.floor(rand() * ONSETS.length)] as string) + (VOWELS[Math.floor(rand() * VOWELS.length)] as string);
  }
  return out + (CODAS[Math.floor(rand() * CODAS.length)] as string);
}

function name(rand: () => number): string {
  const s = syllables(rand, 1 + Math.floor(rand() * 3));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A dataset with `count` aliases: people ("Given Surname" and "Surname"), places, and event phrases
 * ("Place summit", case-free), in the proportions of the real dataset.
 */
export function syntheticEntities(count: number, seed = 1): Entity[] {
  const rand = random(seed);
  const entities: Entity[] = [];
  const used = new Set<string>();
  const fresh = (): string => {
    for (;;) {
      const n = name(rand);
      if (n.length >= 4 && !used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  let aliases = 0;
  for (let i = 0; aliases < count; i++) {
    const r = rand();
    const base = { role: 'bench', summary: 'bench', facts: [] };
    if (r < 0.6 && count - aliases >= 2) {
      const surname = fresh();
      entities.push({
        ...base,
        id: `person/p${i}`,
        kind: 'person',
        name: surname,
        aliases: [`${name(rand)} ${surname}`, surname],
      });
      aliases += 2;
    } else if (r < 0.85) {
      const place = fresh();
      entities.push({ ...base, id: `place/l${i}`, kind: 'place', name: place, aliases: [place] });
      aliases += 1;
    } else {
      const phrase = `${fresh()} ${HEADS[Math.floor(rand() * HEADS.length)]}`;
      entities.push({
        ...base,
        id: `event/e${i}`,
        kind: 'event',
        name: phrase,
        aliases: [{ text: phrase, case: 'any' }],
      });
      aliases += 1;
    }
  }
  return entities;
}

const WORDS = (
  'the of and to in a that for on with as said was is by at from it his an have has be are were not which this ' +
  'but had they their after would been will who more its about than also one into over two new other some could ' +
  'president government minister officials week talks peace security leaders meeting military war forces border ' +
  'agreement economic ministry statement support country people told reporters spokesman continued according ' +
  'however despite meanwhile monday tuesday wednesday thursday friday sanctions ceasefire negotiations region'
).split(' ');

/** The names a text may mention: every alias text of the dataset. */
function aliasTexts(entities: readonly Entity[]): string[] {
  return entities.flatMap((e) => e.aliases.map((a) => (typeof a === 'string' ? a : a.text)));
}

/**
 * About `bytes` UTF-16 code units of news-like prose: sentences of common words, capitalised sentence
 * starts, commas, curly quotes and possessives, with one mention of the dataset every ~25 words and a
 * sprinkling of capitalised non-names and accented words.
 */
export function newsLikeText(entities: readonly Entity[], bytes: number, seed = 7): string {
  const rand = random(seed);
  const names = aliasTexts(entities);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const words: string[] = [];
    const n = 12 + Math.floor(rand() * 20);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.04) words.push(pick(names) + (rand() < 0.2 ? '’s' : ''));
      else if (r < 0.08) words.push(name(rand));
      else if (r < 0.09) words.push('Zürich');
      else if (r < 0.13) words.push(`${pick(WORDS)},`);
      else if (r < 0.14) words.push(`“${pick(WORDS)}”`);
      else words.push(pick(WORDS));
    }
    const sentence = words.join(' ');
    const text = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${rand() < 0.15 ? '\n\n' : ' '}`;
    parts.push(text);
    length += text.length;
  }
  return parts.join('');
}
