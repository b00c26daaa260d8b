import { aliasObject, type Dataset, ENTITY_KINDS, type Entity, type Fact } from '../core/dataset-schema.ts';

/** Every cited claim of an entity: its facts and the claims of its disputes. */
function claimsOf(entity: Entity): Fact[] {
  return [...entity.facts, ...(entity.disputes ?? []).flatMap((dispute) => dispute.claims)];
}

/** The coverage report `news-context check` prints for a valid dataset. */
export function checkReport(dataset: Dataset): string[] {
  const { entities, sources } = dataset;
  const facts = entities.reduce((n, e) => n + e.facts.length, 0);
  const disputes = entities.flatMap((e) => (e.disputes ?? []).map((d) => ({ id: e.id, question: d.question })));
  const citations = entities.flatMap((e) => claimsOf(e).flatMap((fact) => fact.citations));
  const aliases = entities.flatMap((e) => e.aliases.map(aliasObject));
  const searchOnly = aliases.filter((a) => a.highlight === false).length;
  const ambiguous = aliases.filter((a) => a.ambiguous).length;

  const lines = ['Dataset OK', `  sources:       ${sources.length}`, `  entities:      ${entities.length}`];
  for (const kind of ENTITY_KINDS) {
    lines.push(`    ${kind.padEnd(13)} ${entities.filter((e) => e.kind === kind).length}`);
  }
  lines.push(
    `  aliases:       ${aliases.length} (${aliases.length - searchOnly} highlighted, ${searchOnly} search only, ${ambiguous} marked ambiguous)`,
    `  facts:         ${facts}`,
    `  citations:     ${citations.length}`,
    `  disagreements: ${disputes.length}`,
  );
  for (const { id, question } of disputes) lines.push(`    ${id}: ${question}`);

  lines.push('  citations per source (citations, entities citing it):');
  for (const source of sources) {
    const count = citations.filter((c) => c.source === source.id).length;
    const citing = entities.filter((e) => claimsOf(e).some((f) => f.citations.some((c) => c.source === source.id)));
    lines.push(`    ${source.id.padEnd(40)} ${String(count).padStart(4)} ${String(citing.length).padStart(4)}`);
  }

  const thin = entities.filter((e) => e.facts.length === 1).map((e) => e.id);
  lines.push(`  entities with only one fact: ${thin.length}`);
  for (const id of thin) lines.push(`    ${id}`);
  return lines;
}
