import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { acceptedEntity, DraftUnreadable, parseDraft, placeholdersIn } from '../core/authoring/accept-draft.ts';
import type { DraftContent } from '../core/authoring/build-drafts.ts';
import type { Entity } from '../core/dataset-schema.ts';
import { type DatasetFile, formatIssue, validateDataset } from '../core/validate-dataset.ts';
import { displayPath, type PackPaths, pendingSources, recordRejected, writeJsonFiles } from './pack-files.ts';
import { PROJECT_ROOT, readDatasetFiles } from './read-dataset.ts';

type Out = (line: string) => void;

/** What `review` needs from its surroundings; tests pass scripted input and a scripted editor. */
export interface ReviewOptions {
  pack: PackPaths;
  input: Readable;
  out: Out;
  /** The editor command ($VISUAL, $EDITOR, else vi); it gets the draft's path as its last argument. */
  editor: string;
}

/** Counts of what the editor decided. */
export interface ReviewTally {
  accepted: number;
  rejected: number;
  skipped: number;
  left: number;
}

const PROMPT = '[a]ccept  [e]dit  [s]kip  [r]eject  [q]uit > ';

/**
 * Walks every pending draft: shows it, then asks. Accept validates the pack with the draft moved in (the
 * existing validator, all of it) and writes it only when it adds no problem; edit opens the editor and shows
 * the draft again; skip leaves it pending; reject deletes it. Stops at quit or at the end of the input.
 */
export async function reviewDrafts({ pack, input, out, editor }: ReviewOptions): Promise<ReviewTally> {
  const lines = createInterface({ input, terminal: false })[Symbol.asyncIterator]();
  const ask = async (): Promise<string | undefined> => {
    out(PROMPT);
    const next = await lines.next();
    return next.done ? undefined : next.value.trim().toLowerCase();
  };
  const files = pendingSources(pack).flatMap((p) => inReviewOrder(p.drafts).map((file) => ({ source: p.id, file })));
  const tally: ReviewTally = { accepted: 0, rejected: 0, skipped: 0, left: files.length };
  if (files.length === 0) {
    out('No pending drafts.');
    return tally;
  }
  out(`${files.length} pending draft(s).`);
  let position = 0;
  for (const { source, file } of files) {
    position++;
    let decided = false;
    while (!decided) {
      out('');
      out(`(${position}/${files.length}) ${displayPath(file)}`);
      let content: DraftContent | undefined;
      try {
        content = parseDraft(readFileSync(file, 'utf8'));
        for (const line of describeDraft(content)) out(line);
      } catch (error) {
        if (!(error instanceof DraftUnreadable)) throw error;
        out(`  ${displayPath(file)}: ${error.message}`);
      }
      const answer = await ask();
      if (answer === undefined || answer === 'q') {
        out(`Stopped: ${tally.left} draft(s) left pending.`);
        return tally;
      }
      if (answer === 'a') {
        if (!content) {
          out('  cannot accept a draft that does not read: edit or reject it');
          continue;
        }
        const { problems, written } = acceptDraft(pack, source, file, content);
        if (problems.length > 0) {
          out('  not accepted:');
          for (const problem of problems) out(`    ${problem}`);
          continue;
        }
        out(`  accepted: ${written.map(displayPath).join(', ')} (validated)`);
        tally.accepted++;
        decided = true;
      } else if (answer === 'e') {
        const result = spawnSync(`${editor} ${shellQuote(file)}`, { shell: true, stdio: 'inherit' });
        if (result.status !== 0) out(`  the editor (${editor}) exited with ${result.status ?? result.signal}`);
      } else if (answer === 's') {
        tally.skipped++;
        decided = true;
      } else if (answer === 'r') {
        rmSync(file);
        recordRejected(
          pack,
          source,
          relative(join(pack.drafts, source), file)
            .replace(/\\/g, '/')
            .replace(/\.json$/, ''),
        );
        removeEmptyDirs(dirname(file), join(pack.drafts, source));
        out(`  rejected: deleted ${displayPath(file)} (draft will not propose it again)`);
        tally.rejected++;
        decided = true;
      } else {
        out(`  "${answer}" is not a choice`);
      }
    }
    tally.left--;
  }
  out('');
  out(`Done: ${tally.accepted} accepted, ${tally.rejected} rejected, ${tally.skipped} skipped.`);
  return tally;
}

/**
 * New names first, best ranked first, then events, then candidate facts for known entities by mentions;
 * a draft that does not read comes last (and is shown with its problem).
 */
function inReviewOrder(files: readonly string[]): string[] {
  const rank = (file: string): [number, number] => {
    try {
      const { draft } = parseDraft(readFileSync(file, 'utf8'));
      if (draft.action === 'new') return draft.score !== undefined ? [0, -draft.score] : [1, -draft.mentions];
      return [2, -draft.mentions];
    } catch {
      return [3, 0];
    }
  };
  const ranks = new Map(files.map((file) => [file, rank(file)]));
  return [...files].sort((a, b) => {
    const [ga, sa] = ranks.get(a) as [number, number];
    const [gb, sb] = ranks.get(b) as [number, number];
    return ga - gb || sa - sb || a.localeCompare(b);
  });
}

/** A few lines that say what a draft proposes. */
function describeDraft(content: DraftContent): string[] {
  const lines = [`  ${content.draft.note}`];
  if ('entity' in content) {
    const e = content.entity;
    lines.push(`  ${e.kind} ${e.id}: "${e.name}"`);
    lines.push(`  aliases: ${e.aliases.map((a) => (typeof a === 'string' ? a : a.text)).join(' | ')}`);
    if (e.date) lines.push(`  date: ${e.date.on}${e.date.inferred ? ` (inferred: ${e.date.note ?? ''})` : ''}`);
    if (e.participants) lines.push(`  participants: ${e.participants.join(', ')}`);
  }
  const facts = 'entity' in content ? content.entity.facts : content.facts;
  facts.forEach((fact, i) => {
    lines.push(`  fact ${i}: ${fact.text}`);
    for (const c of fact.citations) lines.push(`     “${c.quote}”`);
  });
  return lines;
}

/**
 * Moves a draft into the pack if the pack then validates without new problems; returns the problems
 * otherwise (and writes nothing). The draft's source moves into `sources/` with its first accepted draft.
 */
function acceptDraft(
  pack: PackPaths,
  sourceId: string,
  file: string,
  content: DraftContent,
): { problems: string[]; written: string[] } {
  const refuse = (problems: string[]) => ({ problems, written: [] });
  const rel = (path: string) => relative(PROJECT_ROOT, path);
  const placeholders = placeholdersIn(content);
  if (placeholders.length > 0) {
    return refuse(
      placeholders.map((field) => `${displayPath(file)}: ${field}: still says "TODO": write it, or delete it`),
    );
  }
  const targetPath = (id: string) => join(pack.entities, `${id}.json`);
  const target =
    'target' in content && existsSync(targetPath(content.target))
      ? (JSON.parse(readFileSync(targetPath(content.target), 'utf8')) as unknown)
      : undefined;
  let accepted: { id: string; entity: Entity };
  try {
    accepted = acceptedEntity(content, target);
  } catch (error) {
    if (error instanceof DraftUnreadable) return refuse([`${displayPath(file)}: ${error.message}`]);
    throw error;
  }
  if (content.draft.action === 'new' && existsSync(targetPath(accepted.id))) {
    return refuse([
      `${displayPath(file)}: entity.id: "${accepted.id}" is already in the pack; give the draft another id`,
    ]);
  }
  if ('facts' in content && content.facts.length === 0) {
    return refuse([`${displayPath(file)}: facts: none left to add; reject the draft instead`]);
  }
  const pendingDir = join(pack.drafts, sourceId);
  const pendingText = join(pendingDir, 'source.txt');
  const pendingMeta = join(pendingDir, 'source.json');
  const sourceMoves = existsSync(pendingText)
    ? [
        { from: pendingText, to: join(pack.sources, `${sourceId}.txt`) },
        { from: pendingMeta, to: join(pack.sources, `${sourceId}.json`) },
      ]
    : [];
  const entityPath = targetPath(accepted.id);
  const before = readDatasetFiles(pack.root);
  const after: DatasetFile[] = [
    ...before.filter((f) => f.path !== rel(entityPath)),
    { path: rel(entityPath), text: JSON.stringify(accepted.entity) },
    ...sourceMoves.map(({ from, to }) => ({ path: rel(to), text: readFileSync(from, 'utf8') })),
  ];
  const known = new Set(validateDataset(before).issues.map(formatIssue));
  const added = validateDataset(after)
    .issues.map(formatIssue)
    .filter((issue) => !known.has(issue));
  if (added.length > 0) return refuse(added);

  mkdirSync(pack.sources, { recursive: true });
  for (const { from, to } of sourceMoves) renameSync(from, to);
  const movedMeta = sourceMoves.find(({ to }) => to.endsWith('.json'))?.to;
  writeJsonFiles([
    { path: entityPath, value: accepted.entity },
    ...(movedMeta ? [{ path: movedMeta, value: JSON.parse(readFileSync(movedMeta, 'utf8')) as unknown }] : []),
  ]);
  rmSync(file);
  removeEmptyDirs(dirname(file), pendingDir);
  return { problems: [], written: [entityPath, ...sourceMoves.map(({ to }) => to)] };
}

/** Removes empty folders from `dir` up to and including `top`. */
function removeEmptyDirs(dir: string, top: string): void {
  let current = dir;
  while (current.startsWith(top) && existsSync(current) && readdirSync(current).length === 0) {
    rmdirSync(current);
    if (current === top) break;
    current = dirname(current);
  }
}

function shellQuote(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}
