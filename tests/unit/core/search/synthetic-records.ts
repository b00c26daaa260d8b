import type { SearchRecord } from '../../../../src/core/search/search-entities.ts';

/**
 * Synthetic records shaped like the real ones, after the real ones: synthetic
 * names and aliases, a role from a handful of patterns, event phrases naming synthetic places and a
 * 2–3 sentence summary (two sentences of real summaries and one naming other synthetic entities).
 */
export function syntheticRecords(real: readonly SearchRecord[], size: number): SearchRecord[] {
  const syllables = [
    'ka',
    'lo',
    'vi',
    'ster',
    'mar',
    'en',
    'dro',
    'ush',
    'kov',
    'ze',
    'len',
    'ski',
    'wit',
    'bor',
    'an',
  ];
  const word = (seed: number, length: number) =>
    Array.from(
      { length },
      (_, i) => syllables[(seed * 7 + i * 13 + Math.floor(seed / (i + 1))) % syllables.length],
    ).join('');
  const title = (text: string) => text.replace(/\b\w/g, (c) => c.toUpperCase());
  const sentences = real.flatMap((record) => record.summary.split(/(?<=\.)\s+/));
  const pick = <T>(list: readonly T[], seed: number) => list[seed % list.length] as T;
  const roles = [
    (x: string) => `Minister of ${x} affairs`,
    (x: string) => `Special envoy to ${x}`,
    (x: string) => `Chief executive of ${x} Group`,
    (x: string) => `Governor of the ${x} region`,
    (x: string) => `Spokesperson for the ${x} party`,
    (x: string) => `Talks between ${x} and its neighbours`,
  ];
  const records: SearchRecord[] = [...real];
  for (let i = records.length; i < size; i++) {
    const template = pick(real, i);
    const name = title(`${word(i, 2)} ${word(i * 3 + 1, 3)}`);
    const place = title(word(i * 11 + 5, 2));
    const other = title(`${word(i + 17, 2)} ${word(i * 3 + 52, 3)}`);
    records.push({
      id: `${template.kind}/synthetic-${i}`,
      kind: template.kind,
      name,
      aliases: [word(i * 5, 3)],
      phrases: template.kind === 'event' ? [`${place} talks`, `meeting in ${place}`] : [],
      role: pick(roles, i * 7 + 3)(place),
      descriptions: [],
      summary: [
        pick(sentences, i * 13 + 1),
        `${name} met ${other} in ${place} in ${2000 + (i % 26)}.`,
        ...(i % 3 ? [pick(sentences, i * 29 + 7)] : []),
      ].join(' '),
    });
  }
  return records;
}
