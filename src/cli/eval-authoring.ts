import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSource } from './add-source.ts';
import { CliError } from './cli-error.ts';
import { draftSource } from './draft-source.ts';
import { packPaths } from './pack-files.ts';
import { DATA_DIR, readDataset } from './read-dataset.ts';

interface GoldMention {
  id: string;
  surface: string;
}

/** One article's figures. */
export interface AuthoringRow {
  file: string;
  gold: number;
  listedKnown: number;
  listedNew: number;
  missed: string[];
  newNames: { id: string; kind: string; name: string; aliases: string[]; score: number }[];
  events: string[];
  addSourceMs: number;
  draftMs: number;
}

/**
 * Measures `add-source` plus `draft` on an annotated set laid out like the dev set (articles/NN.txt,
 * gold/NN.json, articles.json), each article added to a fresh copy of the pack as if it were new: which
 * gold entities the drafts list (as known entities or as new names), which new names they propose, and the
 * time the two steps take in this process. Reads the set where it is; copies nothing into the project.
 */
export function evaluateAuthoring(setDir: string, packDir = DATA_DIR, emptyPack = false): AuthoringRow[] {
  const articlesDir = join(setDir, 'articles');
  if (!existsSync(articlesDir)) throw new CliError(`${setDir}: has no articles/ folder`);
  const meta = JSON.parse(readFileSync(join(setDir, 'articles.json'), 'utf8')) as {
    file: string;
    date: string | null;
  }[];
  // Undated articles take the month of the latest dated one: the set is one news story.
  const dated = meta
    .map((m) => m.date)
    .filter((d): d is string => d !== null)
    .sort();
  const fallback = dated[dated.length - 1]?.slice(0, 7);
  const rows: AuthoringRow[] = [];
  for (const file of readdirSync(articlesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const gold = JSON.parse(
      readFileSync(join(setDir, 'gold', file.replace(/\.txt$/, '.json')), 'utf8'),
    ) as GoldMention[];
    const work = mkdtempSync(join(tmpdir(), 'news-context-eval-authoring-'));
    try {
      // An empty pack makes every name new: a measure of the new-name finder alone.
      for (const folder of ['entities', 'sources']) {
        if (emptyPack) mkdirSync(join(work, folder));
        else cpSync(join(packDir, folder), join(work, folder), { recursive: true });
      }
      const pack = packPaths(work);
      const date = meta.find((m) => m.file === file)?.date ?? fallback;
      const t0 = performance.now();
      const added = addSource(join(articlesDir, file), pack, { date: date ?? undefined });
      const t1 = performance.now();
      const { dataset, issues } = readDataset(work);
      if (!dataset) throw new CliError(`the pack has ${issues.length} error(s); run "news-context check"`, 1);
      const { proposals } = draftSource(added.id, pack, dataset);
      const t2 = performance.now();

      const knownIds = new Set(proposals.known.map((d) => d.id));
      const surfacesById = new Map<string, Set<string>>();
      for (const g of gold) surfacesById.set(g.id, (surfacesById.get(g.id) ?? new Set()).add(g.surface.toLowerCase()));
      const newAliases = [...proposals.names, ...proposals.events].flatMap((d) =>
        'entity' in d.content
          ? d.content.entity.aliases.map((a) => (typeof a === 'string' ? a : a.text).toLowerCase())
          : [],
      );
      let listedKnown = 0;
      let listedNew = 0;
      const missed: string[] = [];
      for (const [id, surfaces] of surfacesById) {
        if (knownIds.has(id)) listedKnown++;
        else if ([...surfaces].some((s) => newAliases.includes(s))) listedNew++;
        else missed.push(id);
      }
      rows.push({
        file,
        gold: surfacesById.size,
        listedKnown,
        listedNew,
        missed,
        newNames: proposals.names.flatMap((d) =>
          'entity' in d.content
            ? [
                {
                  id: d.id,
                  kind: d.content.entity.kind,
                  name: d.content.entity.name,
                  aliases: d.content.entity.aliases.map((a) => (typeof a === 'string' ? a : a.text)),
                  score: d.content.draft.score ?? 0,
                },
              ]
            : [],
        ),
        events: proposals.events.map((d) => d.id),
        addSourceMs: t1 - t0,
        draftMs: t2 - t1,
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The table and the lists `eval-authoring` prints. */
export function formatAuthoringEval(rows: readonly AuthoringRow[]): string[] {
  const lines = [
    '| article | gold entities | listed as known | listed as new | share listed | new names proposed | draft events | add-source ms | draft ms | total ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const sum = (f: (r: AuthoringRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  for (const r of rows) {
    lines.push(
      `| ${r.file} | ${r.gold} | ${r.listedKnown} | ${r.listedNew} | ${((r.listedKnown + r.listedNew) / r.gold).toFixed(3)} | ${r.newNames.length} | ${r.events.length} | ${r.addSourceMs.toFixed(0)} | ${r.draftMs.toFixed(0)} | ${(r.addSourceMs + r.draftMs).toFixed(0)} |`,
    );
  }
  const gold = sum((r) => r.gold);
  const listed = sum((r) => r.listedKnown + r.listedNew);
  lines.push(
    `| all | ${gold} | ${sum((r) => r.listedKnown)} | ${sum((r) => r.listedNew)} | ${(listed / gold).toFixed(3)} | ${sum((r) => r.newNames.length)} | ${sum((r) => r.events.length)} | ${(sum((r) => r.addSourceMs) / rows.length).toFixed(0)} (mean) | ${(sum((r) => r.draftMs) / rows.length).toFixed(0)} (mean) | ${Math.max(...rows.map((r) => r.addSourceMs + r.draftMs)).toFixed(0)} (max) |`,
  );
  lines.push('', 'Gold entities not listed:');
  for (const r of rows) if (r.missed.length) lines.push(`  ${r.file}: ${r.missed.join(', ')}`);
  lines.push('', 'New names proposed (score, kind, aliases): judge each as a real entity of that kind or not');
  for (const r of rows) {
    for (const n of r.newNames)
      lines.push(`  ${r.file}  ${String(n.score).padStart(3)}  ${n.kind.padEnd(12)} ${n.aliases.join(' | ')}`);
  }
  lines.push('', 'Draft events:');
  for (const r of rows) if (r.events.length) lines.push(`  ${r.file}: ${r.events.join(', ')}`);
  return lines;
}
