import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Dataset } from '../core/dataset-schema.ts';
import { compileMatcher } from '../core/matcher/compile-matcher.ts';
import { loadMatcher } from '../core/matcher/load-matcher.ts';
import type { Match } from '../core/matcher/match.ts';
import { scanPage } from '../core/matcher/scan-page.ts';
import { CliError } from './cli-error.ts';
import { DATA_DIR, PROJECT_ROOT } from './read-dataset.ts';

/** Where the hand-annotated gold files live. */
export const GOLD_DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'gold');

/** The four groups the eval reports, plus the overall row. */
export const EVAL_KINDS = ['person', 'organization', 'place', 'event/topic'] as const;
export type EvalKind = (typeof EVAL_KINDS)[number];

interface GoldMention {
  id: string;
  start: number;
  end: number;
  text: string;
}

/** One gold file: a source id and its hand-annotated mentions. */
export interface Gold {
  source: string;
  mentions: GoldMention[];
  /** The annotated text, when it is not a source article of the dataset (a directory given by `--gold`). */
  text?: string;
  /** Spans where a mark of any id is neither right nor wrong (a dateline, a disputed boundary). */
  neutral?: { start: number; end: number }[];
}

/** What `evaluate` scores: the gold texts, and the ids scored (every id when undefined). */
export interface GoldSet {
  golds: Gold[];
  scored?: ReadonlySet<string>;
}

/** True positives, false positives and false negatives, and the scores they give. */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** A miss or a false mark, with where it is. */
export interface EvalError {
  source: string;
  id: string;
  start: number;
  end: number;
  text: string;
  context: string;
}

/** The eval's result: scores by kind and overall, and every miss and false mark. */
export interface EvalReport {
  byKind: Record<EvalKind, Score>;
  overall: Score;
  misses: EvalError[];
  falseMarks: EvalError[];
  /** Marks of ids the gold set does not score (countries, extras), by id. */
  unscored: Record<string, number>;
}

/** The group an entity id is scored in. */
export function evalKind(id: string): EvalKind {
  if (id.startsWith('person/')) return 'person';
  if (id.startsWith('org/')) return 'organization';
  if (id.startsWith('place/')) return 'place';
  return 'event/topic';
}

const isPhrase = (id: string): boolean => evalKind(id) === 'event/topic';
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Reads every gold file. */
export function readGold(dir = GOLD_DIR): Gold[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Gold);
}

/** The source text a gold file annotates. */
export function readSourceText(source: string): string {
  return readFileSync(join(DATA_DIR, 'sources', `${source}.txt`), 'utf8');
}

interface SurfaceEntry {
  id?: unknown;
  surface?: unknown;
  occurrence?: unknown;
}

/**
 * Reads a directory in the dev-set format: `articles/NN.txt`, `gold/NN.json` (`[{id, surface, occurrence}]`,
 * `occurrence` counting overlapping occurrences of the exact surface), optional `neutral/NN.json`, and the ids
 * it scores from `required-entities.tsv` in the directory or its parent (every id when there is none).
 * Any entry that cannot be placed is an error naming the file and the entry.
 */
export function readGoldDir(dir: string): GoldSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir}: is not a directory`);
  const articles = join(dir, 'articles');
  const goldDir = join(dir, 'gold');
  if (!existsSync(articles) || !existsSync(goldDir))
    throw new CliError(`${dir}: expected articles/NN.txt and gold/NN.json (the dev-set format)`);
  const golds: Gold[] = [];
  for (const file of readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const name = file.replace(/\.json$/, '');
    const textFile = join(articles, `${name}.txt`);
    if (!existsSync(textFile)) throw new CliError(`${join(goldDir, file)}: no article ${textFile}`);
    const text = readFileSync(textFile, 'utf8');
    const place = (path: string, entries: SurfaceEntry[]) =>
      entries.map((entry, n) => {
        const { surface, occurrence } = entry;
        if (typeof surface !== 'string' || typeof occurrence !== 'number' || surface.length === 0)
          throw new CliError(`${path}: entry ${n} needs a "surface" string and an "occurrence" number`);
        let at = -1;
        for (let k = 0; k <= occurrence; k++) {
          at = text.indexOf(surface, at + 1);
          if (at < 0)
            throw new CliError(`${path}: entry ${n} "${surface}" occurrence ${occurrence} is not in the text`);
        }
        return { id: String(entry.id ?? ''), start: at, end: at + surface.length, text: surface };
      });
    const goldPath = join(goldDir, file);
    const mentions = place(goldPath, readJsonArray(goldPath));
    for (const [n, m] of mentions.entries())
      if (!m.id) throw new CliError(`${goldPath}: entry ${n} "${m.text}" has no "id"`);
    const neutralPath = join(dir, 'neutral', file);
    const neutral = existsSync(neutralPath)
      ? place(neutralPath, readJsonArray(neutralPath)).map(({ start, end }) => ({ start, end }))
      : [];
    golds.push({ source: name, text, mentions, neutral });
  }
  if (golds.length === 0) throw new CliError(`${goldDir}: has no gold/NN.json files`);
  const tsv = [join(dir, 'required-entities.tsv'), join(dirname(dir), 'required-entities.tsv')].find((f) =>
    existsSync(f),
  );
  if (!tsv) return { golds };
  const scored = new Set(
    readFileSync(tsv, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[0]?.trim() ?? '')
      .filter((id) => id.includes('/')),
  );
  return { golds, scored };
}

function readJsonArray(path: string): SurfaceEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${path}: is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new CliError(`${path}: must be a JSON array`);
  return value as SurfaceEntry[];
}

/**
 * Scores predictions against gold, by the rules in tests/fixtures/gold/README.md: names need the exact
 * span and id; an event or topic mark is right when it overlaps a gold span of the same id (and a gold
 * event or topic is found when some such mark overlaps it); a gold name inside a correctly marked event
 * or topic phrase is not scored, since marks cannot overlap. Marks overlapping a neutral span are ignored;
 * with `scored`, marks of other ids are returned apart as `unscored`.
 */
export function scoreSource(
  text: string,
  gold: Gold,
  marks: readonly Match[],
  scored?: ReadonlySet<string>,
): { tallies: Tally[]; errors: { misses: EvalError[]; falseMarks: EvalError[] }; unscored: Match[] } {
  const tallies: Tally[] = [];
  const misses: EvalError[] = [];
  const falseMarks: EvalError[] = [];
  const error = (m: { id: string; start: number; end: number }): EvalError => ({
    source: gold.source,
    id: m.id,
    start: m.start,
    end: m.end,
    text: text.slice(m.start, m.end),
    context: text.slice(Math.max(0, m.start - 40), m.end + 40).replace(/\s+/g, ' '),
  });
  const goldPhrases = gold.mentions.filter((g) => isPhrase(g.id));
  const neutral = gold.neutral ?? [];
  const notNeutral = marks.filter((p) => !neutral.some((n) => overlaps(n, p)));
  const unscored = scored ? notNeutral.filter((p) => !scored.has(p.id)) : [];
  const predicted = scored ? notNeutral.filter((p) => scored.has(p.id)) : notNeutral;
  const rightPhrases = predicted.filter(
    (p) => isPhrase(p.id) && goldPhrases.some((g) => g.id === p.id && overlaps(g, p)),
  );
  for (const p of predicted) {
    const right = isPhrase(p.id)
      ? rightPhrases.includes(p)
      : gold.mentions.some((g) => g.id === p.id && g.start === p.start && g.end === p.end);
    tallies.push({ kind: evalKind(p.id), tp: right ? 1 : 0, fp: right ? 0 : 1, fn: 0 });
    if (!right) falseMarks.push(error(p));
  }
  // A gold mention in a neutral span that something marks is a boundary call ("Donbas" or "Donbas region").
  const settled = (g: GoldMention): boolean =>
    neutral.some((n) => n.start <= g.start && g.end <= n.end && marks.some((p) => overlaps(n, p)));
  for (const g of gold.mentions) {
    if (settled(g)) continue;
    if (isPhrase(g.id)) {
      if (!predicted.some((p) => p.id === g.id && overlaps(g, p))) {
        tallies.push({ kind: evalKind(g.id), tp: 0, fp: 0, fn: 1 });
        misses.push(error(g));
      }
      continue;
    }
    if (rightPhrases.some((p) => p.start <= g.start && g.end <= p.end)) continue;
    if (!predicted.some((p) => p.id === g.id && p.start === g.start && p.end === g.end)) {
      tallies.push({ kind: evalKind(g.id), tp: 0, fp: 0, fn: 1 });
      misses.push(error(g));
    }
  }
  return { tallies, errors: { misses, falseMarks }, unscored };
}

interface Tally {
  kind: EvalKind;
  tp: number;
  fp: number;
  fn: number;
}

function score(tallies: readonly Tally[]): Score {
  const tp = tallies.reduce((s, t) => s + t.tp, 0);
  const fp = tallies.reduce((s, t) => s + t.fp, 0);
  const fn = tallies.reduce((s, t) => s + t.fn, 0);
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * Runs the matcher over every gold text, each read as one page (`scanPage`, the rule the content script and
 * `scan` use), and scores it. By default the hand-annotated source articles.
 */
export function evaluate(dataset: Dataset, set: GoldSet = { golds: readGold() }): EvalReport {
  const index = loadMatcher(compileMatcher(dataset.entities));
  const tallies: Tally[] = [];
  const misses: EvalError[] = [];
  const falseMarks: EvalError[] = [];
  const unscored: Record<string, number> = {};
  for (const gold of set.golds) {
    const text = gold.text ?? readSourceText(gold.source);
    const result = scoreSource(text, gold, scanPage([text], index)[0] ?? [], set.scored);
    tallies.push(...result.tallies);
    misses.push(...result.errors.misses);
    falseMarks.push(...result.errors.falseMarks);
    for (const m of result.unscored) unscored[m.id] = (unscored[m.id] ?? 0) + 1;
  }
  const byKind = Object.fromEntries(EVAL_KINDS.map((k) => [k, score(tallies.filter((t) => t.kind === k))])) as Record<
    EvalKind,
    Score
  >;
  return { byKind, overall: score(tallies), misses, falseMarks, unscored };
}

/** The report as the command line prints it: a table, then every miss and false mark. */
export function formatEval(report: EvalReport): string[] {
  const f = (n: number): string => n.toFixed(3);
  const row = (name: string, s: Score): string =>
    `| ${name.padEnd(12)} | ${f(s.precision)} | ${f(s.recall)} | ${f(s.f1)} | ${String(s.tp).padStart(4)} | ${String(s.fp).padStart(4)} | ${String(s.fn).padStart(4)} |`;
  const lines = [
    '| kind         | precision | recall | F1    |   TP |   FP |   FN |'
      .replace('precision', 'P    ')
      .replace('recall', 'R    '),
    '|--------------|-------|-------|-------|------|------|------|',
    ...EVAL_KINDS.map((k) => row(k, report.byKind[k])),
    row('overall', report.overall),
    '',
    `Misses (${report.misses.length}):`,
    ...report.misses.map((e) => `  ${e.source}@${e.start}  ${e.id}  "${e.text}"  …${e.context}…`),
    '',
    `False marks (${report.falseMarks.length}):`,
    ...report.falseMarks.map((e) => `  ${e.source}@${e.start}  ${e.id}  "${e.text}"  …${e.context}…`),
  ];
  const apart = Object.entries(report.unscored).sort(([a], [b]) => (a < b ? -1 : 1));
  if (apart.length > 0)
    lines.push('', `Marks of ids this gold set does not score: ${apart.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  return lines;
}
