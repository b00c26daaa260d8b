// @vitest-environment happy-dom
/**
 * The handover between highlighters when the reader's packs change (`HighlightSession.#handOver`): the page keeps
 * its old marks while the new rules' highlighter scans, and gives them up once it has scanned, or after
 * `handOverMaxMs` when it never finishes (a page whose text keeps changing, a tab the browser does not render).
 * The highlighters are stand-ins here: the e2e tests run the real ones in the browsers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRules } from '../../../src/core/matcher/match-wire.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings-schema.ts';

/** Stand-ins for `PageHighlighter`, recorded as the session makes them; each one's scan ends when told. */
const { highlighters, StandInHighlighter } = vi.hoisted(() => {
  const highlighters: InstanceType<typeof StandInHighlighter>[] = [];
  class StandInHighlighter {
    readonly signal: AbortSignal;
    /** Whether the painter holds its marks back (`holdBack`), as a handover's new highlighter does. */
    heldBack = false;
    /** Entities it found, once its scan is over. */
    found = 0;
    readonly editing = false;
    readonly painter = {
      filter: { kinds: { person: true, place: true, organization: true, event: true, topic: true } },
      holdBack: (on: boolean) => {
        this.heldBack = on;
      },
      setFilter: () => {},
      wants: () => true,
      flash: () => {},
    };
    readonly store = {
      entityCount: () => this.found,
      entityCounts: () => (this.found ? [{ id: `person/found-by-${highlighters.indexOf(this)}`, count: 1 }] : []),
      mentions: () => [],
      firstOf: () => undefined,
    };
    #scanned: () => void = () => {};
    readonly #scan = new Promise<void>((resolve) => {
      this.#scanned = resolve;
    });
    constructor(_doc: Document, _options: unknown, signal: AbortSignal) {
      this.signal = signal;
      highlighters.push(this);
    }
    /** How its scan was started: after a frame (`start`), in the start answer's task (`startNow`), or as a handover. */
    started: 'start' | 'startNow' | 'startAndDraw' | undefined;
    start(): Promise<void> {
      this.started = 'start';
      return this.#scan;
    }
    /** The blocks handed to `startNow`. */
    walked: unknown;
    startNow(walked?: unknown): Promise<void> {
      this.started = 'startNow';
      this.walked = walked;
      return this.#scan;
    }
    startAndDraw(): Promise<void> {
      this.started = 'startAndDraw';
      return this.#scan;
    }
    setFilter(): void {}
    /** Ends the scan, having found `entities`. */
    finish(entities: number): void {
      this.found = entities;
      this.#scanned();
    }
  }
  return { highlighters, StandInHighlighter };
});

vi.mock('../../../src/page/page-highlighter.ts', () => ({ PageHighlighter: StandInHighlighter }));
// The page mentions something: highlighting starts at once. Each look asked for is recorded (its `looked`).
const { looks } = vi.hoisted(() => ({ looks: [] as boolean[] }));
vi.mock('../../../src/page/first-look.ts', () => ({
  whenPageMayMention: (_doc: Document, _find: unknown, _signal: AbortSignal, looked = false) => {
    looks.push(looked);
    return Promise.resolve();
  },
}));

const { HighlightSession } = await import('../../../src/page/highlight-session.ts');
const { PAGE_DEFAULTS } = await import('../../../src/page/page-defaults.ts');

/** The blocks a stand-in start walk hands over, and the walk itself, recording what the session asks of it. */
const WALKED = { blocks: [], hidden: [] };
function standInWalk(texts: string[]) {
  const calls: string[] = [];
  return {
    texts,
    calls,
    take: () => {
      calls.push('take');
      return WALKED;
    },
    drop: () => void calls.push('drop'),
  };
}

const RULES: PageRules = { marking: { familiar: [] }, rules: { ids: [], contexts: [] } };

function newSession() {
  const counts: number[] = [];
  const session = new HighlightSession(new AbortController().signal, {
    card: {
      isOpen: false,
      open: async () => {},
      close: () => {},
      contains: () => false,
      prefetch: () => {},
    },
    find: async (texts) => texts.map(() => []),
    names: { hostTag: 'nc-host', highlight: (kind: string) => `nc-${kind}`, isOurs: () => false } as never,
    sheet: { show: () => {}, remove: () => {} } as never,
    onCount: (count) => counts.push(count),
    highlightsInherit: true,
  });
  return { session, counts };
}

/** Lets the session's promise callbacks run (fake timers hold only the timers). */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('a page handing over to a new pack set', () => {
  beforeEach(() => {
    highlighters.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  async function pageWithMarks() {
    const { session, counts } = newSession();
    session.useRules(RULES);
    session.apply(DEFAULT_SETTINGS as Settings, true);
    await flush();
    const first = highlighters[0];
    if (!first) throw new Error('no highlighter was started');
    first.finish(2);
    await flush();
    return { session, counts, first };
  }

  it('keeps the old marks while the new highlighter scans, and hands over as soon as it has', async () => {
    const { session, first } = await pageWithMarks();
    session.useRules(RULES);
    const second = highlighters[1];
    expect(second?.heldBack).toBe(true);
    await vi.advanceTimersByTimeAsync(PAGE_DEFAULTS.handOverMaxMs / 2);
    // Still scanning: the old highlighter keeps the page, and is what the popup reads.
    expect(first.signal.aborted).toBe(false);
    expect(session.entityCounts()).toEqual([{ id: 'person/found-by-0', count: 1 }]);
    second?.finish(1);
    await flush();
    expect(first.signal.aborted).toBe(true);
    expect(second?.signal.aborted).toBe(false);
    expect(second?.heldBack).toBe(false);
    expect(session.entityCounts()).toEqual([{ id: 'person/found-by-1', count: 1 }]);
  });

  it('gives up the old marks after handOverMaxMs when the new highlighter never finishes its scan', async () => {
    const { session, counts, first } = await pageWithMarks();
    session.useRules(RULES);
    const second = highlighters[1];
    await vi.advanceTimersByTimeAsync(PAGE_DEFAULTS.handOverMaxMs - 1);
    expect(first.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // The old pack set's marks are gone; the new highlighter draws what it has found so far, and goes on.
    expect(first.signal.aborted).toBe(true);
    expect(second?.signal.aborted).toBe(false);
    expect(second?.heldBack).toBe(false);
    expect(session.entityCounts()).toEqual([]);
    expect(counts.at(-1)).toBe(0);
  });

  it('replaces a highlighter still being prepared when the packs change again, and hands over once', async () => {
    const { session, first } = await pageWithMarks();
    session.useRules(RULES);
    session.useRules(RULES);
    const [, second, third] = highlighters;
    expect(second?.signal.aborted).toBe(true);
    expect(first.signal.aborted).toBe(false);
    third?.finish(3);
    await flush();
    expect(first.signal.aborted).toBe(true);
    expect(session.entityCounts()).toEqual([{ id: 'person/found-by-2', count: 1 }]);
  });
});

describe('a page whose text came with the start', () => {
  beforeEach(() => {
    highlighters.length = 0;
    looks.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('starts highlighting without a first look where the start found a candidate', async () => {
    const { session } = newSession();
    const walk = standInWalk(['Steve Witkoff flew']);
    session.useRules(RULES, {
      texts: walk.texts,
      found: [[{ id: 'person/steve-witkoff', start: 0, end: 13 }]],
      walk,
    });
    session.apply(DEFAULT_SETTINGS as Settings, true);
    await flush();
    expect(looks).toEqual([]);
    expect(highlighters).toHaveLength(1);
    // Its candidates are at hand: scanned and drawn at once, not after a frame, from the blocks the walk read.
    expect(highlighters[0]?.started).toBe('startNow');
    expect(highlighters[0]?.walked).toBe(WALKED);
    expect(walk.calls).toEqual(['take']);
  });

  it('waits for the page to change where the start found nothing, and looks normally once switched off and on', async () => {
    const { session } = newSession();
    const walk = standInWalk(['Rain later']);
    session.useRules(RULES, { texts: walk.texts, found: [[]], walk });
    session.apply(DEFAULT_SETTINGS as Settings, true);
    await flush();
    expect(looks).toEqual([true]);
    expect(highlighters[0]?.started).toBe('start');
    // Nothing to scan from the start's walk: it stops watching the page.
    expect(walk.calls).toEqual(['drop']);
    session.apply(DEFAULT_SETTINGS as Settings, false);
    session.apply(DEFAULT_SETTINGS as Settings, true);
    await flush();
    // The start's answer was about the page as it was then: switched on again, the page is looked at.
    expect(looks).toEqual([true, false]);
  });
});
