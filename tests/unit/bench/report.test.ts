import { describe, expect, it } from 'vitest';
import { configsInUse, type LoadResult } from '../../../bench/page-bench/measure-load.ts';
import { type ConfigPairs, metricsTable, type Paired, perPageTable } from '../../../bench/page-bench/report.ts';

/** One load: `main` ms of main-thread time (CPU the same), `tasks` extension tasks of `task` ms each. */
function load(config: LoadResult['config'], main: number, tasks = 0, task = 0, scrollMain = main * 10): LoadResult {
  const frames = { longFrames: 0, longestFrameMs: 0, withExtensionScript: 0, longBecauseOfExtension: 0 };
  return {
    config,
    mainThreadMs: main,
    mainThreadCpuMs: main,
    longestTaskMs: 0,
    startupMs: config === 'none' ? null : 1,
    firstHighlightMs: config === 'none' ? null : 10,
    settledMs: 100,
    highlights: config === 'none' ? 0 : 5,
    extensionTasks: { count: tasks, totalMs: tasks * task, longestMs: task },
    optimising: null,
    heapBytes: 1e6,
    embedderHeapBytes: 1e6,
    loadFrames: frames,
    scroll: { steps: 3, mainThreadMs: scrollMain, ...frames },
  };
}

const none = [load('none', 100)];
const paired = (loads: LoadResult[]): Paired => ({ loads, none });
const pairs: ConfigPairs = {
  none: paired(none),
  ours: paired([load('ours', 140, 4, 5)]),
  'mark.js': paired([load('mark.js', 180, 1, 60)]),
};
const withFloor: ConfigPairs = { ...pairs, floor: paired([load('floor', 110, 2, 2)]) };

const header = (table: string) => table.split('\n')[0];
const row = (table: string, label: string) => table.split('\n').find((line) => line.startsWith(`| ${label}`));

describe('the page bench report', () => {
  it('measures the floor only when asked for, and rotates over it then', () => {
    expect(configsInUse({ floor: false })).toEqual(['none', 'ours', 'mark.js']);
    expect(configsInUse({ floor: true })).toEqual(['none', 'ours', 'mark.js', 'floor']);
  });

  it('has the floor column and the ratio ours / floor only when the floor ran', () => {
    expect(header(metricsTable(pairs))).toBe('| metric (median) | none | ours | mark.js | ours / mark.js |');
    expect(header(metricsTable(withFloor))).toBe(
      '| metric (median) | none | ours | mark.js | floor | ours / mark.js | ours / floor |',
    );
    expect(row(metricsTable(pairs), 'main-thread time added')).toBe(
      '| main-thread time added over the bare page | – | 40 ms | 80 ms | 0.50 |',
    );
    expect(row(metricsTable(withFloor), 'main-thread time added')).toBe(
      '| main-thread time added over the bare page | – | 40 ms | 80 ms | 10 ms | 0.50 | 4.00 |',
    );
  });

  it('gives the main thread’s time while the page scrolls, the bare page’s and what each extension adds to it', () => {
    const bare = [load('none', 100, 0, 0, 900)];
    const scrolled: ConfigPairs = {
      none: { loads: bare, none: bare },
      ours: { loads: [load('ours', 140, 4, 5, 1_500)], none: bare },
      'mark.js': { loads: [load('mark.js', 180, 1, 60, 1_100)], none: bare },
    };
    // The bare page's own, then ours and mark.js's over it (600 and 200 ms), and their ratio.
    expect(row(metricsTable(scrolled), 'scroll: main-thread time')).toBe(
      '| scroll: main-thread time, top to bottom (added over the bare page) | 900 ms | 600 ms | 200 ms | 3.00 |',
    );
  });

  it('compares the extension’s tasks with the floor’s figure by figure', () => {
    expect(row(metricsTable(pairs), "extension's tasks")).toBe(
      "| extension's tasks: count / total / longest (trace; in the parser's task, its script only) | – | 4 / 20 ms / 5.0 ms | 1 / 60 ms / 60.0 ms | – |",
    );
    expect(row(metricsTable(withFloor), "extension's tasks")).toBe(
      "| extension's tasks: count / total / longest (trace; in the parser's task, its script only) | – | 4 / 20 ms / 5.0 ms | 1 / 60 ms / 60.0 ms | 2 / 4 ms / 2.0 ms | – | 2.00 / 5.00 / 2.50 |",
    );
  });

  it('has the row of V8’s optimising compiles only when the run counted them (`--jit`)', () => {
    const label = "V8's optimising compiles";
    expect(row(metricsTable(pairs), label)).toBeUndefined();
    const jit = (l: LoadResult, count: number, cpuMs: number): LoadResult => ({ ...l, optimising: { count, cpuMs } });
    const counted: ConfigPairs = {
      none: { loads: [jit(load('none', 100), 0, 0)], none: [jit(load('none', 100), 0, 0)] },
      ours: { loads: [jit(load('ours', 140), 44, 80)], none },
      'mark.js': { loads: [jit(load('mark.js', 180), 16, 20)], none },
    };
    expect(row(metricsTable(counted), label)).toBe(
      "| V8's optimising compiles in the page's background threads, count / CPU (`--jit`) | 0 / 0 ms | 44 / 80 ms | 16 / 20 ms | 4.00 |",
    );
  });

  it('gives the floor’s added time per page only when it ran', () => {
    expect(perPageTable([{ label: 'a', pairs }])).toBe(
      [
        '| page | added: ours | added: mark.js | CPU added: ours / mark.js | longest task: none / ours / mark.js (max) |',
        '|---|---|---|---|---|',
        '| a | 40 ms | 80 ms | 40 ms / 80 ms | <50 / <50 / <50 ms |',
      ].join('\n'),
    );
    expect(perPageTable([{ label: 'a', pairs: withFloor }])).toBe(
      [
        '| page | added: ours | added: mark.js | added: floor | CPU added: ours / mark.js / floor | longest task: none / ours / mark.js (max) |',
        '|---|---|---|---|---|---|',
        '| a | 40 ms | 80 ms | 10 ms | 40 ms / 80 ms / 10 ms | <50 / <50 / <50 ms |',
      ].join('\n'),
    );
  });
});
