/**
 * Performance measures for studying the content script (`performance.measure`, seen in a trace): compiled in
 * only by a build made with `WXT_PERF_MARKS=true`, never switched on by a page (a page reads its own timeline).
 */
export const PERF_MARKS: boolean = (import.meta as { env?: Record<string, unknown> }).env?.WXT_PERF_MARKS === 'true';

/** Records a measure from `start` to now, in a perf build only. */
export function measure(name: string, start: number): void {
  if (PERF_MARKS) performance.measure(name, { start, end: performance.now() });
}
