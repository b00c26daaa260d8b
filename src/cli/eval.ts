import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../core/dataset-schema.ts';
import { compileMatcher } from '../core/matcher/compile-matcher.ts';
import { findMatches } from '../core/matcher/find-matches.ts';
import { loadMatcher } from '../core/matcher/load-matcher.ts';
import type { Match } from '../core/matcher/match.ts';
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

/**
 * Scores predictions against gold, by the rules in tests/fixtures/gold/README.md: names need the exact
 * span and id; an event or topic mark is right when it overlaps a gold span of the same id (and a gold
 * event or topic is found when some such mark overlaps it); a gold name inside a correctly marked event
 * or topic phrase is not scored, since marks cannot overlap.
 */
export function scoreSource(
  text: string,
  gold: Gold,
  predicted: readonly Match[],
): { tallies: Tally[]; errors: { misses: EvalError[]; falseMarks: EvalError[] } } {
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
  for (const g of gold.mentions) {
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
  return { tallies, errors: { misses, falseMarks } };
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

/** Runs the matcher over every gold source and scores it. */
export function evaluate(dataset: Dataset, golds: readonly Gold[] = readGold()): EvalReport {
  const index = loadMatcher(compileMatcher(dataset.entities));
  const tallies: Tally[] = [];
  const misses: EvalError[] = [];
  const falseMarks: EvalError[] = [];
  for (const gold of golds) {
    const text = readSourceText(gold.source);
    const result = scoreSource(text, gold, findMatches(text, index));
    tallies.push(...result.tallies);
    misses.push(...result.errors.misses);
    falseMarks.push(...result.errors.falseMarks);
  }
  const byKind = Object.fromEntries(EVAL_KINDS.map((k) => [k, score(tallies.filter((t) => t.kind === k))])) as Record<
    EvalKind,
    Score
  >;
  return { byKind, overall: score(tallies), misses, falseMarks };
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
  return lines;
}
