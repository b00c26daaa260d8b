/**
 * Rules that concern one entity on its own: the dataset schema runs them (`v.rawCheck`), so an entity that
 * breaks one is invalid wherever it is read, from `src/data` or from a pack file.
 */
import type { Entity } from '../dataset-schema.ts';
import { parseAlias } from '../matcher/parse-alias.ts';
import { cachedAliasKey } from './cached-alias-key.ts';

/** A problem at a path inside the record (`['aliases', 2, 'fuzzy']`). */
export interface RecordProblem {
  path: (string | number)[];
  message: string;
}

const GAP_MARK = '…';

/** Id lists in which an id may appear once. */
export const ID_LIST_FIELDS = ['related', 'participants', 'precededBy', 'followedBy'] as const;

/** How a gap is written in an alias: " … " (U+2026 with a space each side), never "...". */
export function gapProblem(text: string): string | undefined {
  if (text.includes('...')) return `"${text}" writes a gap as "..."; use " … " (U+2026 with a space each side)`;
  if (text.includes(GAP_MARK) && !/(?:^|\s)…\s/u.test(text)) return `"${text}" needs a space each side of "…"`;
  return undefined;
}

/** `maxGap` only where the alias has a gap to bound. */
export function maxGapProblem(alias: { text: string; maxGap?: number | undefined }): string | undefined {
  if (alias.maxGap === undefined || alias.text.includes(GAP_MARK)) return undefined;
  return `is only for phrases with a " … " gap, and "${alias.text}" has none`;
}

/** A context rule on an alias that is never marked could never apply. */
export function contextProblem(alias: {
  text: string;
  highlight?: boolean | undefined;
  context?: object | undefined;
}): string | undefined {
  if (!alias.context || alias.highlight !== false) return undefined;
  return `"${alias.text}" is search-only (highlight: false): a context rule would never apply`;
}

/** Rules across the fields of one entity: typo tolerance by kind, aliases listed twice, ids listed twice. */
export function entityProblems(entity: Entity): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const own = new Set<string>();
  entity.aliases.forEach((alias, i) => {
    const object = typeof alias === 'string' ? { text: alias } : alias;
    if (object.fuzzy === true) {
      const single = (parseAlias(object.text)?.keys.length ?? 0) === 1;
      if (!single || (entity.kind !== 'person' && entity.kind !== 'place')) {
        problems.push({
          path: ['aliases', i, 'fuzzy'],
          message: `applies only to single-word person and place aliases, not "${object.text}"`,
        });
      }
    }
    const key = cachedAliasKey(object.text);
    if (own.has(key)) {
      problems.push({
        path: ['aliases', i],
        message: `"${object.text}" is listed twice (the matcher reads it like an earlier alias)`,
      });
    }
    own.add(key);
  });
  for (const field of ID_LIST_FIELDS) {
    const first = new Map<string, number>();
    (entity[field] ?? []).forEach((id, i) => {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else problems.push({ path: [field, i], message: `repeats "${id}" (already at ${field}.${earlier})` });
    });
  }
  return problems;
}
