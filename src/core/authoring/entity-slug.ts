import { foldText } from '../fold-text.ts';
import { AUTHORING_DEFAULTS } from './authoring-defaults.ts';

/** A kebab-case id for a name, unused in the pack and in this draft. */
export function freeId(prefix: string, name: string, taken: Set<string>): string {
  const slug = slugify(name) || 'unnamed';
  let id = `${prefix}/${slug}`;
  for (let n = 2; taken.has(id); n++) id = `${prefix}/${slug}-${n}`;
  taken.add(id);
  return id;
}

/** Lower-case ASCII words joined by hyphens: "Dmitry Polyansky" -> "dmitry-polyansky". */
export function slugify(text: string, maxLength: number = AUTHORING_DEFAULTS.maxIdLength): string {
  const words = foldText(text)
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, maxLength);
}
