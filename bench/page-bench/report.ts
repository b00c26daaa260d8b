/**
 * The page benchmark's tables: medians over loads, the extensions' costs paired with the bare page's load
 * of the same round (and page), and the ratios ours / mark.js (and ours / floor when the floor ran).
 */
import type { ConfigName, LoadResult } from './measure-load.ts';

/** The loads of one configuration and the matching bare-page loads, in the same order. */
export interface Paired {
  loads: LoadResult[];
  none: LoadResult[];
}

/** A run's loads by configuration: the floor's only when it ran (`--floor`). */
export type ConfigPairs = Record<Exclude<ConfigName, 'floor'>, Paired> & { floor?: Paired };

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A time of the loads (what `time` reads of each), added over the bare page's load of the same round (median). */
const addedOverBare = ({ loads, none }: Paired, time: (load: LoadResult) => number) =>
  median(loads.map((l, i) => time(l) - time(none[i] as LoadResult)));
const wall = (load: LoadResult) => load.mainThreadMs;
const cpu = (load: LoadResult) => load.mainThreadCpuMs;

const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);

function ms(value: number, digits = 0): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : '–';
}

function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(2)} MB` : '–';
}

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return '–';
  return `${(a / b).toFixed(2)}`;
}

interface Cell {
  text: string;
  /** The number the ratio is computed from (null: no ratio). */
  value: number | null;
  /** A cell of several figures (count / total / longest): compared with the floor's figure by figure. */
  parts?: number[];
}

interface Row {
  label: string;
  /** The value per configuration. */
  cell(config: ConfigName, pair: Paired): Cell;
  /** Whether a run has the row: without it, every run does. */
  shownFor?(pairs: ConfigPairs): boolean;
}

/** Long tasks and frames are only reported from 50 ms: a median or maximum below is "<50". */
const longOrNot = (value: number) => (value >= 50 ? value.toFixed(0) : '<50');

const maxOf = (values: number[]) => (values.length ? Math.max(...values) : Number.NaN);

const ROWS: Row[] = [
  {
    label: 'main-thread time (navigation → settled + 1 s)',
    cell: (_, { loads }) => {
      const value = median(loads.map((l) => l.mainThreadMs));
      return { text: ms(value), value: null };
    },
  },
  {
    label: 'main-thread time added over the bare page',
    cell: (config, pair) => {
      if (config === 'none') return { text: '–', value: null };
      const value = addedOverBare(pair, wall);
      return { text: ms(value), value };
    },
  },
  {
    label: 'main-thread CPU time added over the bare page (the same tasks, less time waiting for a core)',
    cell: (config, pair) => {
      if (config === 'none') return { text: ms(median(pair.loads.map((l) => l.mainThreadCpuMs))), value: null };
      const value = addedOverBare(pair, cpu);
      return { text: ms(value), value };
    },
  },
  {
    label: 'longest task after DOMContentLoaded (page observer), median / max',
    cell: (_, { loads }) => {
      const values = loads.map((l) => l.longestTaskMs);
      const value = median(values);
      return { text: `${longOrNot(value)} / ${longOrNot(maxOf(values))} ms`, value: value >= 50 ? value : null };
    },
  },
  {
    label: 'content script evaluation (trace: its tasks, or its script in the parser’s)',
    cell: (_, { loads }) => {
      const value = median(present(loads.map((l) => l.startupMs)));
      return { text: ms(value, 1), value };
    },
  },
  {
    label: 'first highlight seen (since navigation start)',
    cell: (_, { loads }) => {
      const value = median(present(loads.map((l) => l.firstHighlightMs)));
      return { text: ms(value), value };
    },
  },
  {
    label: 'highlights settled (since navigation start)',
    cell: (config, { loads }) => {
      const value = median(loads.map((l) => l.settledMs));
      return { text: config === 'none' ? `(load ${ms(value)})` : ms(value), value: config === 'none' ? null : value };
    },
  },
  {
    label: 'highlights (ranges or marks) when settled',
    cell: (_, { loads }) => ({ text: String(median(loads.map((l) => l.highlights))), value: null }),
  },
  {
    label: "extension's tasks: count / total / longest (trace; in the parser's task, its script only)",
    cell: (config, { loads }) => {
      if (config === 'none') return { text: '–', value: null };
      const t = loads.map((l) => l.extensionTasks);
      const parts = [median(t.map((x) => x.count)), median(t.map((x) => x.totalMs)), median(t.map((x) => x.longestMs))];
      const [count, total, longest] = parts as [number, number, number];
      return { text: `${count} / ${ms(total)} / ${ms(longest, 1)}`, value: null, parts };
    },
  },
  {
    label: "V8's optimising compiles in the page's background threads, count / CPU (`--jit`)",
    cell: (_, { loads }) => {
      const compiles = present(loads.map((l) => l.optimising?.count ?? null));
      const value = median(present(loads.map((l) => l.optimising?.cpuMs ?? null)));
      return compiles.length ? { text: `${median(compiles)} / ${ms(value)}`, value } : { text: '–', value: null };
    },
    shownFor: (pairs) => pairs.ours.loads.some((l) => l.optimising !== null),
  },
  {
    label: 'scroll: main-thread time, top to bottom (added over the bare page)',
    cell: (config, pair) => {
      const scrolled = (load: LoadResult) => load.scroll.mainThreadMs;
      if (config === 'none') return { text: ms(median(pair.loads.map(scrolled))), value: null };
      const value = addedOverBare(pair, scrolled);
      return { text: ms(value), value };
    },
  },
  {
    label: 'scroll: long animation frames > 50 ms (median count)',
    cell: (_, { loads }) => {
      const value = median(loads.map((l) => l.scroll.longFrames));
      return { text: String(value), value };
    },
  },
  {
    label: 'scroll: longest animation frame, median / max',
    cell: (_, { loads }) => {
      const values = loads.map((l) => l.scroll.longestFrameMs);
      const value = median(values);
      return { text: `${longOrNot(value)} / ${longOrNot(maxOf(values))} ms`, value: value >= 50 ? value : null };
    },
  },
  {
    label: 'scroll: long frames overlapping a task of the extension (all loads)',
    cell: (config, { loads }) => ({
      text: config === 'none' ? '–' : String(loads.reduce((sum, l) => sum + l.scroll.withExtensionScript, 0)),
      value: null,
    }),
  },
  {
    label: 'scroll: long frames the extension’s task time made long (all loads)',
    cell: (config, { loads }) => ({
      text: config === 'none' ? '–' : String(loads.reduce((sum, l) => sum + l.scroll.longBecauseOfExtension, 0)),
      value: null,
    }),
  },
  {
    label: 'JS heap after GC, added over the bare page',
    cell: (config, { loads, none }) => {
      if (config === 'none') return { text: mb(median(loads.map((l) => l.heapBytes))), value: null };
      const value = median(loads.map((l, i) => l.heapBytes - (none[i] as LoadResult).heapBytes));
      return { text: mb(value), value };
    },
  },
  {
    label: 'DOM (Blink) heap after GC, added over the bare page',
    cell: (config, { loads, none }) => {
      if (config === 'none') return { text: mb(median(loads.map((l) => l.embedderHeapBytes))), value: null };
      const value = median(loads.map((l, i) => l.embedderHeapBytes - (none[i] as LoadResult).embedderHeapBytes));
      return { text: mb(value), value };
    },
  },
];

/** `a / b`, or figure by figure for cells of several figures ("2.50 / 1.10 / 0.90"); '–' where there is none. */
function cellRatio(a: Cell, b: Cell): string {
  if (a.parts && b.parts) return a.parts.map((part, i) => ratio(part, b.parts?.[i] ?? Number.NaN)).join(' / ');
  return a.value !== null && b.value !== null ? ratio(a.value, b.value) : '–';
}

/**
 * A Markdown table: one row per metric, a column per configuration and the ratio ours / mark.js; when the floor
 * ran, its column and the ratio ours / floor too.
 */
export function metricsTable(pairs: ConfigPairs): string {
  const { floor } = pairs;
  const lines = floor
    ? [
        '| metric (median) | none | ours | mark.js | floor | ours / mark.js | ours / floor |',
        '|---|---|---|---|---|---|---|',
      ]
    : ['| metric (median) | none | ours | mark.js | ours / mark.js |', '|---|---|---|---|---|'];
  for (const row of ROWS) {
    if (row.shownFor && !row.shownFor(pairs)) continue;
    const none = row.cell('none', pairs.none);
    const ours = row.cell('ours', pairs.ours);
    const mark = row.cell('mark.js', pairs['mark.js']);
    const r = ours.value !== null && mark.value !== null ? ratio(ours.value, mark.value) : '–';
    if (floor) {
      const least = row.cell('floor', floor);
      lines.push(
        `| ${row.label} | ${none.text} | ${ours.text} | ${mark.text} | ${least.text} | ${r} | ${cellRatio(ours, least)} |`,
      );
    } else lines.push(`| ${row.label} | ${none.text} | ${ours.text} | ${mark.text} | ${r} |`);
  }
  return lines.join('\n');
}

/**
 * Per article page: main-thread time and CPU time added (median), the floor's too when it ran, and the longest
 * task after DOMContentLoaded (max).
 */
export function perPageTable(pages: { label: string; pairs: ConfigPairs }[]): string {
  const names: ('ours' | 'mark.js' | 'floor')[] = ['ours', 'mark.js'];
  if (pages.some(({ pairs }) => pairs.floor)) names.push('floor');
  const lines = [
    `| page | ${names.map((name) => `added: ${name}`).join(' | ')} | CPU added: ${names.join(' / ')} | longest task: none / ours / mark.js (max) |`,
    `${'|---'.repeat(names.length + 3)}|`,
  ];
  const added = (p: Paired | undefined) => (p ? ms(addedOverBare(p, wall)) : '–');
  const cpuAdded = (p: Paired | undefined) => (p ? ms(addedOverBare(p, cpu)) : '–');
  const longest = (p: Paired) => longOrNot(maxOf(p.loads.map((l) => l.longestTaskMs)));
  for (const { label, pairs } of pages) {
    const columns = names.map((name) => pairs[name]);
    lines.push(
      `| ${label} | ${columns.map(added).join(' | ')} | ${columns.map(cpuAdded).join(' / ')} | ${longest(pairs.none)} / ${longest(pairs.ours)} / ${longest(pairs['mark.js'])} ms |`,
    );
  }
  return lines.join('\n');
}

/** One line per load, to read the spread and check the medians against. */
export function loadLine(label: string, round: number, r: LoadResult): string {
  const e = r.extensionTasks;
  return [
    `  ${label} r${round} ${r.config.padEnd(7)}`,
    `main ${r.mainThreadMs.toFixed(0)} ms (CPU ${r.mainThreadCpuMs.toFixed(0)})`,
    `long task ${longOrNot(r.longestTaskMs)}`,
    r.startupMs === null ? '' : `eval ${r.startupMs.toFixed(1)}`,
    r.firstHighlightMs === null ? '' : `first ${r.firstHighlightMs.toFixed(0)}`,
    `settled ${r.settledMs.toFixed(0)}`,
    `n ${r.highlights}`,
    e.count ? `ext ${e.count} tasks ${e.totalMs.toFixed(0)} ms max ${e.longestMs.toFixed(1)}` : '',
    r.optimising ? `jit ${r.optimising.count} compiles ${r.optimising.cpuMs.toFixed(0)} ms` : '',
    `heap ${mb(r.heapBytes)}+${mb(r.embedderHeapBytes)}`,
    `load LoAF ${r.loadFrames.longFrames} max ${r.loadFrames.longestFrameMs.toFixed(0)} (ext ${r.loadFrames.withExtensionScript})`,
    `scroll ${r.scroll.steps} steps: ${r.scroll.longFrames} LoAF max ${r.scroll.longestFrameMs.toFixed(0)} (ext ${r.scroll.withExtensionScript}, made long ${r.scroll.longBecauseOfExtension})`,
  ]
    .filter(Boolean)
    .join(' · ');
}
