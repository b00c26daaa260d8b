import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseText } from '../core/authoring/analyse-text.ts';
import { buildDrafts, type DraftProposals, type ProposedDraft } from '../core/authoring/build-drafts.ts';
import { aliasObject, type Dataset, type Entity, type Source } from '../core/dataset-schema.ts';
import { compileMatcher } from '../core/matcher/compile-matcher.ts';
import { findMatches } from '../core/matcher/find-matches.ts';
import { loadMatcher } from '../core/matcher/load-matcher.ts';
import { CliError } from './cli-error.ts';
import { type PackPaths, rejectedIds, writeJsonFiles } from './pack-files.ts';

/** What `draft` wrote. */
export interface DraftResult {
  proposals: DraftProposals;
  written: string[];
  /** Draft files that were already there (perhaps edited): left as they are. */
  kept: string[];
  /** Ids proposed again but rejected in an earlier review: not written. */
  rejected: string[];
}

/** A source's text and metadata, pending under `drafts/<id>/` or in the pack's `sources/`. */
export function readSource(id: string, pack: PackPaths): { source: Source; text: string } {
  for (const [meta, text] of [
    [join(pack.drafts, id, 'source.json'), join(pack.drafts, id, 'source.txt')],
    [join(pack.sources, `${id}.json`), join(pack.sources, `${id}.txt`)],
  ] as const) {
    if (existsSync(meta) && existsSync(text)) {
      return { source: JSON.parse(readFileSync(meta, 'utf8')) as Source, text: readFileSync(text, 'utf8') };
    }
  }
  throw new CliError(`no source "${id}" in ${pack.root} (add one with "news-context add-source FILE")`, 1);
}

/**
 * The entity with its search-only aliases marked too: a page would not mark "ceasefire", but an editor
 * drafting facts wants to see every sentence about the ceasefire.
 */
function withSearchOnlyAliases(entity: Entity): Entity {
  return { ...entity, aliases: entity.aliases.map((alias) => ({ ...aliasObject(alias), highlight: true })) };
}

/** The path of a draft file: `drafts/<source>/<prefix>/<slug>.json`. */
export function draftPath(pack: PackPaths, sourceId: string, entityId: string): string {
  return join(pack.drafts, sourceId, `${entityId}.json`);
}

/**
 * Proposes what a source adds to the pack and writes each proposal as a draft file. Drafts already on disk
 * are kept as they are, and ids rejected in `review` are not proposed again: running `draft` again never
 * overwrites or undoes an editor's work.
 */
export function draftSource(id: string, pack: PackPaths, dataset: Dataset): DraftResult {
  const { source, text } = readSource(id, pack);
  const index = loadMatcher(compileMatcher(dataset.entities.map(withSearchOnlyAliases)));
  const matches = findMatches(text, index);
  const proposals = buildDrafts(
    { id, text, published: source.published.earliest, titleInText: source.titleInText },
    dataset.entities,
    matches,
    analyseText(text),
  );
  const all: ProposedDraft[] = [...proposals.names, ...proposals.events, ...proposals.known];
  const written: string[] = [];
  const kept: string[] = [];
  const toWrite: { path: string; value: unknown }[] = [];
  const rejected = rejectedIds(pack, id);
  const skipped: string[] = [];
  for (const draft of all) {
    const path = draftPath(pack, id, draft.id);
    if (rejected.has(draft.id)) {
      skipped.push(draft.id);
      continue;
    }
    if (existsSync(path)) kept.push(path);
    else {
      toWrite.push({ path, value: draft.content });
      written.push(path);
    }
  }
  writeJsonFiles(toWrite, false);
  return { proposals, written, kept, rejected: skipped };
}
