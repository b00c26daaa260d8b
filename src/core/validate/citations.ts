/** Citations: every cited source exists, and every quote is in it verbatim (folding only white space and quote marks). */
import type { Entity } from '../dataset-schema.ts';
import { foldQuote } from '../fold-text.ts';
import type { Checked, DatasetIssue } from './dataset-issue.ts';

/** Checks the citations of every fact and every dispute claim. */
export function checkCitations(
  entities: readonly Checked<Entity>[],
  sourceIds: ReadonlySet<string>,
  texts: Readonly<Record<string, string>>,
  brokenIds: ReadonlySet<string>,
  issues: DatasetIssue[],
): void {
  const foldedTexts = new Map(Object.entries(texts).map(([id, text]) => [id, foldQuote(text)]));
  for (const { file, value: entity } of entities) {
    const claims = [
      ...entity.facts.map((fact, i) => ({ fact, field: `facts.${i}` })),
      ...(entity.disputes ?? []).flatMap((dispute, d) =>
        dispute.claims.map((fact, i) => ({ fact, field: `disputes.${d}.claims.${i}` })),
      ),
    ];
    for (const { fact, field } of claims) {
      fact.citations.forEach((citation, c) => {
        const text = foldedTexts.get(citation.source);
        if (brokenIds.has(citation.source)) return;
        if (!sourceIds.has(citation.source) || text === undefined) {
          issues.push({
            file,
            entityId: entity.id,
            field: `${field}.citations.${c}.source`,
            message: `unknown source "${citation.source}"`,
          });
        } else if (!text.includes(foldQuote(citation.quote))) {
          issues.push({
            file,
            entityId: entity.id,
            field: `${field}.citations.${c}.quote`,
            message: `is not found verbatim in source "${citation.source}": "${citation.quote}"`,
          });
        }
      });
    }
  }
}
