/** Sources: each has its article text, each text has its metadata, and each source is cited. */
import type { Entity, Source } from '../dataset-schema.ts';
import type { Checked, DatasetIssue } from './dataset-issue.ts';

/** Checks sources against their texts and against the citations of the entities. */
export function checkSources(
  sources: readonly Checked<Source>[],
  entities: readonly Checked<Entity>[],
  texts: Readonly<Record<string, string>>,
  textFiles: ReadonlyMap<string, string>,
  brokenIds: ReadonlySet<string>,
  issues: DatasetIssue[],
): void {
  const cited = new Set<string>();
  for (const { value: entity } of entities) {
    for (const fact of entity.facts) for (const citation of fact.citations) cited.add(citation.source);
    for (const dispute of entity.disputes ?? []) {
      for (const claim of dispute.claims) for (const citation of claim.citations) cited.add(citation.source);
    }
  }
  const described = new Set(sources.map(({ value }) => value.id));
  // In a folder the file names keep source ids apart; in a pack file two sources may claim one id.
  const seen = new Map<string, string>();
  for (const { file, value: source } of sources) {
    const at = { file, entityId: source.id };
    const previous = seen.get(source.id);
    if (previous) issues.push({ ...at, field: 'id', message: `is also used by ${previous}` });
    seen.set(source.id, file);
    if (texts[source.id] === undefined) {
      issues.push({ ...at, field: 'id', message: `has no article text (expected ${source.id}.txt beside it)` });
    }
    if (!cited.has(source.id)) {
      issues.push({ ...at, field: 'id', message: 'is never cited: cite it from a fact or remove it' });
    }
  }
  for (const [id, file] of textFiles) {
    if (!described.has(id) && !brokenIds.has(id)) {
      issues.push({ file, entityId: id, field: '(file)', message: `has no metadata (expected ${id}.json beside it)` });
    }
  }
}
