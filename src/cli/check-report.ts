import { type Dataset, ENTITY_KINDS } from '../core/dataset-schema.ts';

/** The coverage report `news-context check` prints for a valid dataset. */
export function checkReport(dataset: Dataset): string[] {
  const { entities, sources } = dataset;
  const facts = entities.reduce((n, e) => n + e.facts.length, 0);
  const disputes = entities.reduce((n, e) => n + (e.disputes?.length ?? 0), 0);
  const citations = entities.reduce(
    (n, e) =>
      n +
      e.facts.reduce((m, f) => m + f.citations.length, 0) +
      (e.disputes ?? []).reduce((m, d) => m + d.claims.reduce((k, c) => k + c.citations.length, 0), 0),
    0,
  );
  const aliases = entities.reduce((n, e) => n + e.aliases.length, 0);
  const lines = ['Dataset OK', `  sources:      ${sources.length}`, `  entities:     ${entities.length}`];
  for (const kind of ENTITY_KINDS) {
    lines.push(`    ${kind.padEnd(13)} ${entities.filter((e) => e.kind === kind).length}`);
  }
  lines.push(`  aliases:      ${aliases}`, `  facts:        ${facts}`, `  citations:    ${citations}`, `  disagreements: ${disputes}`);
  return lines;
}
