import type { EntityKind } from '../../src/core/dataset-schema.ts';
import type { Match } from '../../src/core/matcher/match.ts';
import { type HighlightFilter, HighlightRegistry } from '../../src/page/highlight-registry.ts';
import { MutationWatcher } from '../../src/page/mutation-watcher.ts';
import { PAGE_DEFAULTS } from '../../src/page/page-defaults.ts';
import { PageScanner } from '../../src/page/page-scanner.ts';

export interface PageHighlighterOptions {
  match: (text: string) => Match[];
  kindOf: (id: string) => EntityKind | undefined;
  filter: HighlightFilter;
  /** Called whenever the mentions may have changed. */
  onChange: () => void;
  debug?: boolean;
}

/**
 * Highlighting of one document while it is switched on: the registry, the time-sliced scanner and one
 * mutation observer per root. Everything it starts ends when `signal` aborts.
 */
export class PageHighlighter {
  readonly registry = new HighlightRegistry();
  readonly #scanner: PageScanner;
  readonly #watcher: MutationWatcher;
  readonly #doc: Document;

  constructor(doc: Document, options: PageHighlighterOptions, signal: AbortSignal) {
    this.#doc = doc;
    this.registry.setFilter(options.filter);
    this.#watcher = new MutationWatcher((batch) => {
      if (batch.removed) this.registry.prune();
      if (batch.full) void this.rescan();
      else for (const container of batch.changed) void this.#scanner.scan(container);
      options.onChange();
    }, signal);
    this.#scanner = new PageScanner({
      match: options.match,
      kindOf: options.kindOf,
      registry: this.registry,
      signal,
      onChange: options.onChange,
      onShadowRoot: (root) => this.#watcher.observe(root),
      debug: options.debug,
    });
    this.#watcher.observe(doc);
    // A page may clear CSS.highlights (or replace them): put ours back.
    const timer = setInterval(() => {
      if (!this.registry.isAttached()) this.registry.attach();
    }, PAGE_DEFAULTS.reattachEveryMs);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(timer);
        this.registry.clear();
      },
      { once: true },
    );
  }

  /** Scans the whole document, the visible part first. */
  start(): Promise<void> {
    return this.#scanner.scan(this.#doc.body ?? this.#doc.documentElement, true);
  }

  /** Drops every mention and scans the document again (SPA navigations, huge mutation batches). */
  rescan(): Promise<void> {
    this.registry.prune();
    return this.start();
  }

  /** Resolves when scanning has caught up. */
  idle(): Promise<void> {
    return this.#scanner.idle();
  }
}
