/** References between entities: ids are unique, every id a field names exists, and `sameAs` names one entity. */
import type { Entity } from '../dataset-schema.ts';
import type { Checked, DatasetFile, DatasetIssue } from './dataset-issue.ts';

/** Each id once; every `place`, `participants`, `related`, `precededBy` and `followedBy` id exists and is not the entity itself. */
export function checkReferences(
  entities: readonly Checked<Entity>[],
  brokenIds: ReadonlySet<string>,
  issues: DatasetIssue[],
): void {
  const seen = new Map<string, string>();
  for (const { file, value: entity } of entities) {
    const previous = seen.get(entity.id);
    if (previous) issues.push({ file, entityId: entity.id, field: 'id', message: `is also used by ${previous}` });
    seen.set(entity.id, file);
  }
  for (const { file, value: entity } of entities) {
    const check = (field: string, id: string) => {
      if (!seen.has(id) && !brokenIds.has(id))
        issues.push({ file, entityId: entity.id, field, message: `refers to unknown entity "${id}"` });
      if (id === entity.id) issues.push({ file, entityId: entity.id, field, message: 'refers to the entity itself' });
    };
    if (entity.place !== undefined) check('place', entity.place);
    for (const field of ['participants', 'related', 'precededBy', 'followedBy'] as const) {
      entity[field]?.forEach((id, i) => {
        check(`${field}.${i}`, id);
      });
    }
  }
}

/**
 * A `sameAs` identifier names one entity: within a dataset two entities sharing one would be merged
 * silently by any pack stacked on it, so it is an error here.
 */
export function checkSameAs(entities: readonly Checked<Entity>[], issues: DatasetIssue[]): void {
  const owner = new Map<string, string>();
  for (const { file, value: entity } of entities) {
    const own = new Set<string>();
    (entity.sameAs ?? []).forEach((identifier, i) => {
      const at = { file, entityId: entity.id, field: `sameAs.${i}` };
      const previous = owner.get(identifier);
      if (own.has(identifier)) issues.push({ ...at, message: `repeats "${identifier}"` });
      else if (previous) issues.push({ ...at, message: `"${identifier}" is also the identifier of ${previous}` });
      own.add(identifier);
      if (!previous) owner.set(identifier, entity.id);
    });
  }
}

/** Every required id exists; a missing one is reported at the file it would live in. */
export function checkRequiredIds(
  entities: readonly Checked<Entity>[],
  required: readonly string[],
  files: readonly DatasetFile[],
  issues: DatasetIssue[],
): void {
  const present = new Set(entities.map(({ value }) => value.id));
  const sample = files.map((file) => /^(.*?)(?:entities|sources)\//.exec(file.path)).find(Boolean);
  const root = sample?.[1] ?? 'src/data/';
  for (const id of required) {
    if (!present.has(id)) {
      issues.push({
        file: `${root}entities/${id}.json`,
        entityId: id,
        field: 'id',
        message: 'is required but no entity has it',
      });
    }
  }
}
