/**
 * One measured page load in a fresh tab: traced from navigation until the page's highlights have settled
 * plus one second, then the heap after a forced GC, then a wheel scroll from top to bottom while the page's
 * own observer collects long animation frames. Everything is read from outside the extension: the trace,
 * the page probe (pages.ts) and CSS.highlights / `mark` elements.
 */
import { writeFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { mainThreadTime, optimisingCompiles, type PageTrace, readPageTrace, type TraceEvent, taskAt } from './trace.ts';

/** The configurations every run measures. */
export const CONFIGS = ['none', 'ours', 'mark.js'] as const;
/** Those, and the floor (`--floor`, bench/floor-reference), measured only when asked for. */
export type ConfigName = (typeof CONFIGS)[number] | 'floor';

/** The configurations a run measures, in the order its rounds rotate over. */
export function configsInUse({ floor }: { floor: boolean }): ConfigName[] {
  return floor ? [...CONFIGS, 'floor'] : [...CONFIGS];
}

/** What one load measured; times in milliseconds, null where it does not apply. */
export interface LoadResult {
  config: ConfigName;
  /** Main-thread time of the page (the bench's probe left out) from navigation to settled + 1 s. */
  mainThreadMs: number;
  /** The same tasks' CPU time on the main thread (their duration less the time they waited for a core). */
  mainThreadCpuMs: number;
  /** Longest long task (> 50 ms) the page saw after DOMContentLoaded; 0 when none. */
  longestTaskMs: number;
  /** Tasks that evaluate the extension's scripts. */
  startupMs: number | null;
  /**
   * When the page first saw a highlight (since navigation start; probe's 5 ms sampling): one clock for
   * extensions whose scripts start at different moments (ours has one at document_start, one at document_idle).
   */
  firstHighlightMs: number | null;
  /** When the highlight count last changed (since navigation start); for none, the load event's end. */
  settledMs: number;
  /** Highlight ranges (all CSS.highlights entries) plus `mark` elements when settled. */
  highlights: number;
  /**
   * V8's optimising compiles in the page's renderer until settled + 1 s (count, CPU time), when the load was
   * traced for them (`--jit`); null otherwise.
   */
  optimising: { count: number; cpuMs: number } | null;
  /** Every task of the extension's until settled + 1 s. */
  extensionTasks: { count: number; totalMs: number; longestMs: number };
  /** V8 heap used after a forced GC, and Blink's (embedder) heap, in bytes. */
  heapBytes: number;
  embedderHeapBytes: number;
  /** Long animation frames from navigation until settled + 1 s. */
  loadFrames: FrameCounts;
  /**
   * While scrolling the page top to bottom with the wheel: long animation frames, and the main thread's time
   * (every task of the page's, the extension's and the rendering of each frame, from the first wheel step to
   * half a second after the last).
   */
  scroll: { steps: number; mainThreadMs: number } & FrameCounts;
}

interface ProbeWindow {
  __nc: {
    longTasks: { start: number; duration: number }[];
    frames: Frame[];
    count: number;
    firstSeen: number | null;
    stopped: boolean;
    settle(expectMarks: boolean): Promise<number>;
  };
}

const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
].join(',');

/** Added with `jit`: V8's optimising compiles (one event each, on the renderer's background threads). */
const JIT_TRACE_CATEGORY = 'disabled-by-default-v8.compile';

/** Frames over this long count as long animation frames (the API reports from 50 ms). */
const LONG_FRAME_MS = 50;
const SETTLE_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Loads `url` in a new tab of `context` and measures it (see the module's comment). */
export async function measureLoad(
  context: BrowserContext,
  config: ConfigName,
  url: string,
  {
    scrollStepMs = 100,
    dumpTrace,
    expectMarks = true,
    jit = false,
  }: {
    scrollStepMs?: number;
    dumpTrace?: string;
    /**
     * Also trace V8's optimising compiles (`LoadResult.optimising`). Its events add to the trace's own cost, so
     * a run that counts them is not compared with one that does not.
     */
    jit?: boolean;
    /** False on a page without any mention: a highlighter's load settles as the bare page's does. */
    expectMarks?: boolean;
  } = {},
): Promise<LoadResult> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    const categories = jit ? `${TRACE_CATEGORIES},${JIT_TRACE_CATEGORY}` : TRACE_CATEGORIES;
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load', timeout: SETTLE_TIMEOUT_MS });
    const settled = page.evaluate(
      (expectMarks) => (window as unknown as ProbeWindow).__nc.settle(expectMarks),
      config !== 'none' && expectMarks,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const message = `${config}: highlights did not settle within ${SETTLE_TIMEOUT_MS / 1000} s on ${url}`;
      timer = setTimeout(() => reject(new Error(message)), SETTLE_TIMEOUT_MS);
    });
    const settledMs = await Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
    const now = await page.evaluate(() => performance.now());
    await sleep(settledMs + 1000 - now + 20);
    const probe = await page.evaluate(() => {
      const nc = (window as unknown as ProbeWindow).__nc;
      nc.stopped = true;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        longTasks: nc.longTasks,
        firstSeen: nc.firstSeen,
        count: nc.count,
        frames: nc.frames.map(({ start, duration }) => ({ start, duration })),
        domContentLoaded: navigation.domContentLoadedEventStart,
      };
    });
    const heap = await heapAfterGc(cdp);
    const scrollStart = await page.evaluate(() => performance.now());
    const scrollFrames = await scrollToBottom(page, probe.frames.length, scrollStepMs);
    const scrollEnd = await page.evaluate(() => performance.now());
    // Traced to the end of the scroll, to tell which long frames ran a task of the extension's.
    await cdp.send('Tracing.end');
    await traced;
    if (dumpTrace) writeFileSync(dumpTrace, JSON.stringify(events));
    const trace = readPageTrace(events, url);
    const until = settledMs + 1000;
    return {
      config,
      mainThreadMs: mainThreadTime(trace, until),
      mainThreadCpuMs: mainThreadTime(trace, until, 'cpu'),
      // The probe's own first count of thousands of marks can be a long task: not the page's.
      longestTaskMs: Math.max(
        0,
        ...probe.longTasks
          .filter((t) => t.start >= probe.domContentLoaded && !taskAt(trace, t.start + t.duration / 2)?.probe)
          .map((t) => t.duration),
      ),
      ...startup(trace, probe.firstSeen),
      settledMs,
      highlights: probe.count,
      extensionTasks: extensionTasks(trace, until),
      optimising: jit ? optimisingCompiles(events, trace, until) : null,
      heapBytes: heap.usedSize,
      embedderHeapBytes: heap.embedderHeapUsedSize ?? 0,
      loadFrames: longFrames(
        probe.frames.filter((f) => f.start < until),
        trace,
      ),
      scroll: {
        steps: scrollFrames.steps,
        mainThreadMs: mainThreadTime(trace, scrollEnd, 'wall', scrollStart),
        ...longFrames(scrollFrames.frames, trace),
      },
    };
  } finally {
    await page.close();
  }
}

function startup(trace: PageTrace, firstSeen: number | null): Pick<LoadResult, 'startupMs' | 'firstHighlightMs'> {
  const evaluations = trace.tasks.filter((t) => t.evaluation);
  const first = evaluations[0];
  if (!first) return { startupMs: null, firstHighlightMs: null };
  return {
    startupMs: evaluations.reduce((sum, t) => sum + t.ownMs, 0),
    firstHighlightMs: firstSeen,
  };
}

function extensionTasks(trace: PageTrace, until: number): LoadResult['extensionTasks'] {
  const ours = trace.tasks.filter((t) => t.extension && t.start < until);
  return {
    count: ours.length,
    totalMs: ours.reduce((sum, t) => sum + t.ownMs, 0),
    longestMs: Math.max(0, ...ours.map((t) => t.ownMs)),
  };
}

interface Frame {
  start: number;
  duration: number;
}

/** Long animation frames (over 50 ms) and which of them the extension's tasks ran in. */
export interface FrameCounts {
  longFrames: number;
  longestFrameMs: number;
  /** Long frames in which a task of the extension ran, however short. */
  withExtensionScript: number;
  /**
   * Long frames that would not be long without the extension's task time in them (the frame's duration less
   * that time is 50 ms or under): those its scripts made long. What its marks cost the renderer (style, paint)
   * is in the frame but not in its tasks, so it is not told apart here.
   */
  longBecauseOfExtension: number;
}

/**
 * The long animation frames (over 50 ms) among `frames`, and how many ran a task of the extension's
 * (from the trace: LoAF's own script attribution leaves out content scripts' isolated worlds).
 */
function longFrames(frames: Frame[], trace: PageTrace): FrameCounts {
  const long = frames.filter((f) => f.duration > LONG_FRAME_MS);
  const extension = trace.tasks.filter((t) => t.extension);
  const overlap = (f: Frame) =>
    extension.reduce(
      (sum, t) => sum + Math.max(0, Math.min(t.start + t.duration, f.start + f.duration) - Math.max(t.start, f.start)),
      0,
    );
  const withExtension = long.map((f) => ({ frame: f, ours: overlap(f) })).filter(({ ours }) => ours > 0);
  return {
    longFrames: long.length,
    longestFrameMs: Math.max(0, ...long.map((f) => f.duration)),
    withExtensionScript: withExtension.length,
    longBecauseOfExtension: withExtension.filter(({ frame, ours }) => frame.duration - ours <= LONG_FRAME_MS).length,
  };
}

async function heapAfterGc(
  cdp: import('playwright-core').CDPSession,
): Promise<{ usedSize: number; embedderHeapUsedSize?: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
}

/**
 * Scrolls the page top to bottom with the mouse wheel, about one viewport every `stepMs`, and returns the
 * animation frames the long-animation-frame observer saw meanwhile (frames from index `framesBefore` on).
 */
async function scrollToBottom(
  page: import('playwright-core').Page,
  framesBefore: number,
  stepMs: number,
): Promise<{ steps: number; frames: Frame[] }> {
  const { height, viewport } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
  }));
  const delta = Math.round(viewport * 0.95);
  await page.mouse.move(640, Math.round(viewport / 2));
  // One wheel step every `stepMs`, however long the browser takes to take the wheel event.
  const step = async () => {
    const started = Date.now();
    await page.mouse.wheel(0, delta);
    await sleep(stepMs - (Date.now() - started));
  };
  const planned = Math.max(0, Math.ceil((height - viewport) / delta));
  for (let i = 0; i < planned; i++) await step();
  // A few more if a wheel step fell short or the page grew.
  let extra = 0;
  const atBottom = () =>
    page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
  while (extra < 20 && !(await atBottom())) {
    await step();
    extra++;
  }
  const steps = planned + extra;
  await sleep(500);
  const frames = await page.evaluate(
    (from) =>
      (window as unknown as ProbeWindow).__nc.frames.slice(from).map(({ start, duration }) => ({ start, duration })),
    framesBefore,
  );
  return { steps, frames };
}
