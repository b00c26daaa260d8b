/**
 * Reads a Chromium trace (CDP Tracing) of one page load: the page renderer's main thread, its top-level
 * tasks, and which of them belong to an extension (whichever it is: each browser of the bench loads one).
 * A task is the extension's when it runs the extension's script (an EvaluateScript, FunctionCall or V8
 * compile event inside it names a chrome-extension:// URL, or a V8 event inside it runs in an isolated world),
 * when an extension API's answer arrives in it and runs microtasks (promise continuations of the content
 * script), or when it resumes a scheduler.yield() of an extension's task. A task that only runs the page
 * probe's sampler (`__ncSample`, see pages.ts) or a DevTools command of the bench is the bench's own and is
 * left out of the page's time.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, where the trace has it. */
  tdur?: number;
  args?: Record<string, unknown>;
}

/** One top-level task of the page's main thread, in milliseconds since navigation start. */
export interface Task {
  start: number;
  duration: number;
  /**
   * The main thread's CPU time in the task: its duration less the time the thread waited, descheduled, for a
   * core (on a busy 2-core machine the same task's duration swings with the load; its CPU time much less).
   */
  cpu: number;
  /** Runs the extension's script. */
  extension: boolean;
  /** Evaluates the extension's script or a module it imports (its compile and first run). */
  evaluation: boolean;
  /**
   * How much of the task is the extension's, in ms: the whole task, except in a task of the page's parser, where
   * a content script run at `document_start` is evaluated inside the page's parsing: there only the evaluation
   * of the extension's script (its `EvaluateScript` events) is the extension's.
   */
  ownMs: number;
  /** Only the bench's page probe sampling. */
  probe: boolean;
}

/** The page's main thread in one trace. */
export interface PageTrace {
  pid: number;
  tid: number;
  /** Navigation start, in the trace's microseconds. */
  origin: number;
  tasks: Task[];
}

const TOP_LEVEL = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.compile',
  'v8.compileModule',
  'v8.run',
  'v8.evaluateModule',
  'v8.callFunction',
]);

/**
 * Names an extension's script by its URL, or runs in an isolated world (a content script's: the page's own
 * world has no name). A module a content script imports is evaluated with its world named, not its URL.
 */
function namesExtension(event: TraceEvent): boolean {
  if (!SCRIPT_EVENTS.has(event.name)) return false;
  return typeof event.args?.worldName === 'string' || JSON.stringify(event.args ?? {}).includes('chrome-extension://');
}

function isProbe(event: TraceEvent): boolean {
  const data = event.args?.data as { functionName?: string } | undefined;
  return event.name === 'FunctionCall' && data?.functionName === '__ncSample';
}

/**
 * The main thread of the document loaded from `url` (its navigationStart names the URL) and its top-level
 * tasks from navigation start on; nested tasks are folded into the outermost one.
 */
export function readPageTrace(events: readonly TraceEvent[], url: string): PageTrace {
  const navigation = events.find((e) => {
    if (e.name !== 'navigationStart') return false;
    const data = e.args?.data as { documentLoaderURL?: string; isLoadingMainFrame?: boolean } | undefined;
    return data?.documentLoaderURL === url && data.isLoadingMainFrame === true;
  });
  if (!navigation) throw new Error(`No navigationStart for ${url} in the trace`);
  const { pid, tid, ts: origin } = navigation;
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const outer: TraceEvent[] = [];
  for (const task of thread.filter((e) => TOP_LEVEL.has(e.name)).sort((a, b) => a.ts - b.ts)) {
    const last = outer[outer.length - 1];
    if (last && task.ts < last.ts + (last.dur ?? 0)) continue;
    outer.push(task);
  }
  const flags = outer.map(() => ({ extension: false, evaluation: false, probe: false, other: false }));
  /** Per task: whether the page's parser ran in it, and how long the extension's scripts were evaluated there. */
  const parsing = outer.map(() => false);
  const evaluatedMs = outer.map(() => 0);
  const resumes = outer.map(() => false);
  const yieldsIn = outer.map(() => 0);
  for (const event of thread.concat(events.filter((e) => e.pid === pid && e.tid === tid && e.ph !== 'X'))) {
    const index = enclosing(outer, event.ts);
    const flag = flags[index];
    if (!flag) continue;
    const mojo = mojoInterface(event);
    if (namesExtension(event)) {
      flag.extension = true;
      if (event.name === 'EvaluateScript' || event.name === 'v8.evaluateModule') {
        flag.evaluation = true;
        evaluatedMs[index] = (evaluatedMs[index] ?? 0) + (event.dur ?? 0) / 1000;
      }
    } else if (isProbe(event) || mojo.startsWith('blink.mojom.DevToolsSession')) flag.probe = true;
    else if (SCRIPT_EVENTS.has(event.name) && scriptUrl(event)) flag.other = true;
    // An extension API's answer (storage, messaging) resumes the content script in the task's microtasks.
    if (mojo.startsWith('extensions.mojom.') && hasMicrotasks(thread, outer[index])) flag.extension = true;
    if (event.name === 'ParseHTML') parsing[index] = true;
    if (event.name === 'RunYieldContinuation') resumes[index] = true;
    if (event.name === 'ScheduleYieldContinuation') yieldsIn[index] = (yieldsIn[index] ?? 0) + 1;
  }
  // scheduler.yield(): the continuation is a new task that runs the code that yielded, so it belongs to
  // whoever yielded (continuations of one priority run in the order they were scheduled).
  const pending: boolean[] = [];
  for (const [i, flag] of flags.entries()) {
    if (resumes[i] && pending.shift()) flag.extension = true;
    for (let k = 0; k < (yieldsIn[i] ?? 0); k++) pending.push(flag.extension);
  }
  const tasks = outer
    .map((task, i) => {
      const flag = flags[i] as (typeof flags)[number];
      const duration = (task.dur ?? 0) / 1000;
      return {
        start: (task.ts - origin) / 1000,
        duration,
        ownMs: !flag.extension ? 0 : parsing[i] ? Math.min(duration, evaluatedMs[i] ?? 0) : duration,
        cpu: (task.tdur ?? task.dur ?? 0) / 1000,
        extension: flag.extension,
        evaluation: flag.evaluation,
        probe: flag.probe && !flag.extension && !flag.other,
      };
    })
    .filter((task) => task.start + task.duration >= 0);
  return { pid, tid, origin, tasks };
}

function scriptUrl(event: TraceEvent): string {
  const data = event.args?.data as { url?: string } | undefined;
  return data?.url ?? '';
}

function mojoInterface(event: TraceEvent): string {
  const info = event.args?.chrome_mojo_event_info as { mojo_interface_tag?: string } | undefined;
  return info?.mojo_interface_tag ?? '';
}

function hasMicrotasks(thread: readonly TraceEvent[], task: TraceEvent | undefined): boolean {
  if (!task) return false;
  const end = task.ts + (task.dur ?? 0);
  return thread.some((e) => e.name === 'RunMicrotasks' && e.ts >= task.ts && e.ts <= end);
}

/** Index of the task that contains `ts` (tasks sorted and disjoint), or -1. */
function enclosing(tasks: readonly TraceEvent[], ts: number): number {
  let low = 0;
  let high = tasks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const task = tasks[mid] as TraceEvent;
    if (ts < task.ts) high = mid - 1;
    else if (ts > task.ts + (task.dur ?? 0)) low = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Main-thread time (ms) of the page's tasks from `from` (navigation start unless given) to `until` (ms after
 * navigation start), the probe's left out: their duration (`wall`) or their CPU time (`cpu`); a task cut by
 * either end counts in proportion.
 */
export function mainThreadTime(trace: PageTrace, until: number, clock: 'wall' | 'cpu' = 'wall', from = 0): number {
  let total = 0;
  for (const task of trace.tasks) {
    if (task.probe || task.start >= until || task.start + task.duration <= from || task.duration <= 0) continue;
    const inside = Math.min(task.start + task.duration, until) - Math.max(task.start, from);
    total += ((clock === 'cpu' ? task.cpu : task.duration) * inside) / task.duration;
  }
  return total;
}

/** V8's optimising compiles, one trace event each (trace category `disabled-by-default-v8.compile`). */
const OPTIMISING_COMPILES = new Set(['V8.MaglevBackground', 'V8.OptimizeBackground']);

/**
 * V8's optimising compiles (Maglev and Turbofan) in the page's renderer that started from navigation start to
 * `until` (ms): how many, and their CPU time. They run on background threads, so they are not in the main
 * thread's time, but on a 2-core machine they take the core the main thread's tasks would otherwise have. Each
 * page is a new isolated world, so a content script's hot functions are optimised again on every page.
 * Zero unless the trace was taken with the `disabled-by-default-v8.compile` category.
 */
export function optimisingCompiles(
  events: readonly TraceEvent[],
  trace: PageTrace,
  until: number,
): { count: number; cpuMs: number } {
  let count = 0;
  let cpuMs = 0;
  for (const event of events) {
    if (event.ph !== 'X' || event.pid !== trace.pid || !OPTIMISING_COMPILES.has(event.name)) continue;
    const start = (event.ts - trace.origin) / 1000;
    if (start < 0 || start >= until) continue;
    count++;
    cpuMs += (event.tdur ?? event.dur ?? 0) / 1000;
  }
  return { count, cpuMs };
}

/** The task running at `time` (ms since navigation start), if any. */
export function taskAt(trace: PageTrace, time: number): Task | undefined {
  return trace.tasks.find((task) => task.start <= time && time <= task.start + task.duration);
}
