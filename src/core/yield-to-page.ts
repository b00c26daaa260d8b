interface Scheduler {
  yield?: () => Promise<void>;
}

/** Gives the page the main thread back: `scheduler.yield()` where it exists, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
