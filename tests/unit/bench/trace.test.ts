import { describe, expect, it } from 'vitest';
import { mainThreadTime, optimisingCompiles, readPageTrace, type TraceEvent } from '../../../bench/page-bench/trace.ts';

const URL = 'http://127.0.0.1:1/article';
const PID = 7;
const TID = 1;
/** Microseconds since the trace's origin of navigation start. */
const NAV = 1_000_000;

/** A top-level task of the page's main thread, `start` and `dur` in ms after navigation, `cpu` its thread time. */
function task(start: number, dur: number, cpu: number): TraceEvent {
  return {
    name: 'ThreadControllerImpl::RunTask',
    ph: 'X',
    pid: PID,
    tid: TID,
    ts: NAV + start * 1000,
    dur: dur * 1000,
    tdur: cpu * 1000,
  };
}

function inside(name: string, start: number, args: Record<string, unknown>): TraceEvent {
  return { name, ph: 'X', pid: PID, tid: TID, ts: NAV + start * 1000 + 10, dur: 100, args };
}

const navigation: TraceEvent = {
  name: 'navigationStart',
  ph: 'R',
  pid: PID,
  tid: TID,
  ts: NAV,
  args: { data: { documentLoaderURL: URL, isLoadingMainFrame: true } },
};

describe('the page bench reads a trace', () => {
  const events: TraceEvent[] = [
    navigation,
    // The page's own parsing: 40 ms long, of which the thread ran 25 (it waited for a core the rest).
    task(0, 40, 25),
    inside('EvaluateScript', 0, { data: { url: `${URL}.js` } }),
    // A content script's task: its module runs in an isolated world.
    task(100, 10, 8),
    inside('v8.evaluateModule', 100, { worldName: 'News Context' }),
    // A task cut by the end of the window (until = 220 ms): half of it counts.
    task(210, 20, 10),
    // Another thread's task is not the page's.
    { ...task(0, 500, 500), tid: TID + 1 },
  ];

  it('tells the extension’s tasks from the page’s, with their CPU time', () => {
    const { tasks } = readPageTrace(events, URL);
    expect(tasks.map((t) => [t.start, t.duration, t.cpu, t.extension, t.evaluation, t.ownMs])).toEqual([
      [0, 40, 25, false, false, 0],
      [100, 10, 8, true, true, 10],
      [210, 20, 10, false, false, 0],
    ]);
  });

  it('counts of a parser’s task only the content script evaluated inside the parsing (document_start)', () => {
    const parserTask: TraceEvent[] = [
      navigation,
      task(0, 30, 20),
      { ...inside('ParseHTML', 0, {}), dur: 29_000 },
      {
        ...inside('EvaluateScript', 5, { data: { url: 'chrome-extension://abc/content-scripts/marks-style.js' } }),
        dur: 9_000,
      },
      task(50, 8, 6),
      inside('v8.evaluateModule', 50, { worldName: 'News Context' }),
    ];
    const { tasks } = readPageTrace(parserTask, URL);
    expect(tasks.map((t) => [t.duration, t.extension, t.evaluation, t.ownMs])).toEqual([
      [30, true, true, 9],
      [8, true, true, 8],
    ]);
  });

  it('sums main-thread time and CPU time up to a moment, cut tasks in proportion', () => {
    const trace = readPageTrace(events, URL);
    expect(mainThreadTime(trace, 220)).toBe(40 + 10 + 10);
    expect(mainThreadTime(trace, 220, 'cpu')).toBe(25 + 8 + 5);
  });

  it('sums main-thread time between two moments, tasks cut by either end in proportion', () => {
    const trace = readPageTrace(events, URL);
    // From 20 ms: half the parsing task (20 of 40), the content script's task, and half the cut task.
    expect(mainThreadTime(trace, 220, 'wall', 20)).toBe(20 + 10 + 10);
    expect(mainThreadTime(trace, 220, 'cpu', 105)).toBe(4 + 5);
  });

  it('counts V8’s optimising compiles of the page’s renderer up to a moment, with their CPU time', () => {
    /** A compile on a background thread of process `pid`, `start` ms after navigation. */
    const compile = (name: string, start: number, cpu: number, pid = PID): TraceEvent => ({
      name,
      ph: 'X',
      pid,
      tid: TID + 5,
      ts: NAV + start * 1000,
      dur: cpu * 2000,
      tdur: cpu * 1000,
    });
    const traced = [
      ...events,
      compile('V8.MaglevBackground', 120, 2),
      compile('V8.OptimizeBackground', 150, 6),
      // After the window, in another process (the service worker's), and an event that is not a compile.
      compile('V8.MaglevBackground', 400, 3),
      compile('V8.OptimizeBackground', 150, 9, PID + 1),
      compile('V8.Maglev.GraphBuilding', 121, 1),
    ];
    const trace = readPageTrace(traced, URL);
    expect(optimisingCompiles(traced, trace, 220)).toEqual({ count: 2, cpuMs: 8 });
    expect(optimisingCompiles(events, trace, 220)).toEqual({ count: 0, cpuMs: 0 });
  });

  it('counts a task without thread time by its duration', () => {
    const { tdur: _, ...withoutCpu } = task(0, 30, 0);
    const trace = readPageTrace([navigation, withoutCpu], URL);
    expect(mainThreadTime(trace, 1000, 'cpu')).toBe(30);
  });
});
