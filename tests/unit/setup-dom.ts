/**
 * Runs before every unit test file (vitest.config.ts `setupFiles`). In the files that run in happy-dom
 * (`// @vitest-environment happy-dom`) it adds what real browsers have, the page code uses and happy-dom lacks;
 * in Node-only files it does nothing.
 */

if (typeof document !== 'undefined') {
  const g = globalThis as unknown as { Highlight?: unknown; CSS?: { highlights?: unknown } };
  // The CSS Custom Highlight API: a Set-like Highlight and a Map-like registry are all the page code uses.
  if (!g.Highlight) g.Highlight = class Highlight extends Set<AbstractRange> {};
  if (!g.CSS?.highlights) {
    // happy-dom's CSS is a getter that builds a new object on each read: pin one, with its methods, and the registry.
    const css = Object.assign(g.CSS ?? {}, { highlights: new Map() });
    Object.defineProperty(globalThis, 'CSS', { value: css, configurable: true, writable: true });
  }
}
