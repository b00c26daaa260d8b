/**
 * Aliases across entities: who may share an alias and which entity wins, "longest-wins" that a longer alias
 * really contains, and context rules that name entities of the dataset. (Rules about one alias on its own are
 * in the schema.)
 */
import { aliasObject, type Entity } from '../dataset-schema.ts';
import { parseAlias } from '../matcher/parse-alias.ts';
import { cachedAliasKey } from './cached-alias-key.ts';
import type { Checked, DatasetIssue } from './dataset-issue.ts';

/** An alias may belong to two entities only when every holder marks it ambiguous and exactly one prefers it. */
export function checkSharedAliases(entities: readonly Checked<Entity>[], issues: DatasetIssue[]): void {
  const holders = new Map<string, { file: string; entity: Entity; field: string; text: string; resolve?: string }[]>();
  const ids = new Set<string>();
  for (const { file, value: entity } of entities) {
    // A second entity with the same id is reported as such (references), not as sharing every alias.
    if (ids.has(entity.id)) continue;
    ids.add(entity.id);
    const own = new Set<string>();
    entity.aliases.forEach((alias, i) => {
      const object = aliasObject(alias);
      const key = cachedAliasKey(object.text);
      // Listed twice in one entity is the schema's to report.
      if (own.has(key)) return;
      own.add(key);
      const list = holders.get(key) ?? [];
      list.push({ file, entity, field: `aliases.${i}`, text: object.text, resolve: object.ambiguous?.resolve });
      holders.set(key, list);
    });
  }
  for (const list of holders.values()) {
    const alias = list[0]?.text ?? '';
    if (list.length < 2) {
      const only = list[0];
      if (only?.resolve === 'defer') {
        issues.push({
          file: only.file,
          entityId: only.entity.id,
          field: `${only.field}.ambiguous`,
          message: `resolves "defer" but no other entity has "${alias}" to prefer it`,
        });
      }
      continue;
    }
    const names = list.map(({ entity }) => entity.id).join(', ');
    const unmarked = list.filter(({ resolve }) => resolve !== 'prefer' && resolve !== 'defer');
    const preferred = list.filter(({ resolve }) => resolve === 'prefer');
    for (const { file, entity, field } of unmarked) {
      issues.push({
        file,
        entityId: entity.id,
        field,
        message: `"${alias}" also belongs to ${names}: mark it ambiguous with resolve "prefer" or "defer"`,
      });
    }
    if (unmarked.length === 0 && preferred.length !== 1) {
      const { file, entity, field } = list[0] as (typeof list)[number];
      issues.push({
        file,
        entityId: entity.id,
        field,
        message: `"${alias}" is shared by ${names}: exactly one must resolve "prefer" (found ${preferred.length})`,
      });
    }
  }
}

/**
 * "longest-wins" needs a longer alias (of any entity, also one that failed the schema) that contains it;
 * a context rule names entities that exist.
 */
export function checkAliasesAgainstDataset(
  entities: readonly Checked<Entity>[],
  brokenAliases: readonly string[],
  issues: DatasetIssue[],
): void {
  const words = (text: string) => parseAlias(text)?.keys.join(' ') ?? text.toLowerCase();
  // Every alias's words, read only when some alias resolves "longest-wins" (tokenising every alias is costly).
  let allWords: string[] | undefined;
  const everyAliasWords = () => {
    allWords ??= [
      ...entities.flatMap(({ value }) => value.aliases.map((alias) => words(aliasObject(alias).text))),
      ...brokenAliases.map(words),
    ];
    return allWords;
  };
  const ids = new Set(entities.map(({ value }) => value.id));
  for (const { file, value: entity } of entities) {
    entity.aliases.forEach((alias, i) => {
      const object = aliasObject(alias);
      const at = { file, entityId: entity.id };
      (object.context?.of ?? []).forEach((id, k) => {
        if (!ids.has(id)) {
          issues.push({ ...at, field: `aliases.${i}.context.of.${k}`, message: `"${id}" is not an entity id` });
        }
      });
      if (object.ambiguous?.resolve === 'longest-wins') {
        const own = words(object.text);
        const inside = everyAliasWords().some((other) => other !== own && ` ${other} `.includes(` ${own} `));
        if (!inside) {
          issues.push({
            ...at,
            field: `aliases.${i}.ambiguous`,
            message: `resolves "longest-wins" but no longer alias contains "${object.text}"`,
          });
        }
      }
    });
  }
}
