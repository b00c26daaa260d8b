// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { Match } from '../../../src/core/matcher/match.ts';
import { type Mention, MentionStore } from '../../../src/page/mention-store.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';
import { PageScanner } from '../../../src/page/page-scanner.ts';

/** A stand-in matcher: every "Steve Witkoff" and every "Alaska" (offsets of its input, sorted). */
const calls: string[] = [];
function match(text: string): Match[] {
  calls.push(text);
  const out: Match[] = [];
  for (const m of text.matchAll(/Steve Witkoff|Alaska/g))
    out.push({ id: m[0] === 'Alaska' ? 'alaska' : 'witkoff', start: m.index, end: m.index + m[0].length } as Match);
  return out;
}

async function scan(root: Node, store = new MentionStore()) {
  const scanner = new PageScanner({
    find: async (texts) => texts.map(match),
    kindOf: (id) => (id === 'alaska' ? 'place' : 'person'),
    store,
    signal: new AbortController().signal,
  });
  await scanner.scan(root);
  return store;
}

const all = (store: MentionStore) => store.mentions();
const everyKind = () => true;
const covered = (m: Mention) => m.range.toString();

describe('PageScanner', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    calls.length = 0;
  });

  it('maps a name split by inline markup back to the right text nodes and offsets', async () => {
    document.body.innerHTML = '<p>Envoy <b>Steve</b> Witkoff flew to <i>Alas</i>ka.</p>';
    const [witkoff, alaska] = all(await scan(document.body));
    const b = document.querySelector('b')?.firstChild as Text;
    const after = b.parentNode?.nextSibling as Text;
    expect(witkoff?.id).toBe('witkoff');
    expect(witkoff?.range.startContainer).toBe(b);
    expect(witkoff?.range.startOffset).toBe(0);
    expect(witkoff?.range.endContainer).toBe(after);
    expect(witkoff?.range.endOffset).toBe(' Witkoff'.length);
    expect(witkoff?.nodes).toEqual([b, after]);
    expect(covered(witkoff as Mention)).toBe('Steve Witkoff');
    expect(alaska?.kind).toBe('place');
    expect(covered(alaska as Mention)).toBe('Alaska');
    expect(alaska?.nodes).toHaveLength(2);
  });

  it('scans in the caller’s task when asked to start now and the answers are at hand, and after a frame otherwise', async () => {
    document.body.innerHTML = '<p>Steve Witkoff flew to Alaska.</p><p>Alaska again.</p>';
    const scanned = async (now: boolean, sliceMs?: number, answerMs = 0) => {
      const store = new MentionStore();
      const scanner = new PageScanner({
        find: async (texts) => {
          // An answer at hand that still takes the main thread a while (decoding it, say).
          for (const until = performance.now() + answerMs; performance.now() < until; );
          return texts.map(match);
        },
        kindOf: (id) => (id === 'alaska' ? 'place' : 'person'),
        store,
        signal: new AbortController().signal,
        sliceMs,
      });
      // A task queued before the scan: it has run if the scan gave the page the main thread at any point.
      let taskRan = false;
      setTimeout(() => {
        taskRan = true;
      }, 0);
      await scanner.scan(document.body, { now });
      return { count: all(store).length, taskRan };
    };
    expect(await scanned(true)).toEqual({ count: 3, taskRan: false });
    expect(await scanned(false)).toEqual({ count: 3, taskRan: true });
    // Started now, the walk and the answer's recording share one slice: past it, the page runs between them.
    expect(await scanned(true, 50, 5)).toEqual({ count: 3, taskRan: false });
    expect(await scanned(true, 3, 5)).toEqual({ count: 3, taskRan: true });
  });

  it('matches a block longer than a window in windows, finding every name exactly once', async () => {
    const filler = 'word '.repeat(97);
    let text = '';
    const expected: number[] = [];
    while (text.length < PAGE_DEFAULTS.maxMatchChars * 3.5) {
      text += filler;
      expected.push(text.length);
      text += 'Steve Witkoff ';
    }
    // One huge text node, split by nothing: only windowing keeps each match call small.
    const p = document.createElement('p');
    p.append(text);
    document.body.append(p);
    const mentions = all(await scan(document.body));
    expect(mentions.map((m) => m.range.startOffset)).toEqual(expected);
    expect(mentions.every((m) => covered(m) === 'Steve Witkoff')).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(PAGE_DEFAULTS.maxMatchChars);
  });

  it('finds a name that straddles a window edge', async () => {
    // Place names around every position where the first window ends.
    const edge = PAGE_DEFAULTS.maxMatchChars;
    const before = 'x '.repeat((edge - 6) / 2);
    const p = document.createElement('p');
    p.append(`${before}Steve Witkoff and Alaska ${'y '.repeat(PAGE_DEFAULTS.maxMatchChars)}Alaska`);
    document.body.append(p);
    const mentions = all(await scan(document.body));
    expect(mentions.map((m) => [m.id, m.range.startOffset])).toEqual([
      ['witkoff', before.length],
      ['alaska', before.length + 'Steve Witkoff and '.length],
      ['alaska', (p.firstChild as Text).data.length - 'Alaska'.length],
    ]);
  });

  it('records every mention of a page larger than one slice, in document order', async () => {
    const count = 807;
    document.body.innerHTML = Array.from({ length: count }, (_, i) => `<p>${i} Alaska</p>`).join('');
    const store = await scan(document.body);
    const mentions = all(store);
    expect(mentions).toHaveLength(count);
    expect(mentions.map((m) => m.block.nodes[0]?.data)).toEqual(Array.from({ length: count }, (_, i) => `${i} Alaska`));
    expect(store.entityCounts(everyKind)).toEqual([{ id: 'alaska', count }]);
  });

  it('records a batch answered at once in slices, yielding to the page between them, and loses no mention', async () => {
    document.body.innerHTML = Array.from(
      { length: 20 },
      (_, i) => `<p>Steve Witkoff met them in Alaska, day ${i}.</p>`,
    ).join('');
    // Each block takes 4 ms to record, so the one batch's twenty blocks outlast a slice several times over.
    class SlowStore extends MentionStore {
      override set(...args: Parameters<MentionStore['set']>) {
        const until = performance.now() + 4;
        while (performance.now() < until) {}
        return super.set(...args);
      }
    }
    const store = new SlowStore();
    let batches = 0;
    const slices: number[] = [];
    let pageTurns = 0;
    const turns = setInterval(() => pageTurns++, 0);
    await new PageScanner({
      find: async (texts) => {
        batches++;
        return texts.map(match);
      },
      kindOf: (id) => (id === 'alaska' ? 'place' : 'person'),
      store,
      signal: new AbortController().signal,
      onChange: (added) => slices.push(added.length),
    }).scan(document.body);
    clearInterval(turns);
    expect(batches).toBe(1);
    expect(slices.length).toBeGreaterThan(2);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(20);
    expect(pageTurns).toBeGreaterThan(2);
    expect(all(store)).toHaveLength(40);
  });

  it('keeps no live range for a mention until one is asked for', async () => {
    document.body.innerHTML = '<p>Alaska</p><p>Steve Witkoff</p>';
    const store = await scan(document.body);
    expect(all(store).map((m) => m.hasRange)).toEqual([false, false]);
    expect(covered(all(store)[1] as Mention)).toBe('Steve Witkoff');
    expect(all(store).map((m) => m.hasRange)).toEqual([false, true]);
  });

  it('records text its own attributes hide as hidden, and hands the hiding elements over', async () => {
    document.body.innerHTML =
      '<p>Alaska <span style="display: none">Steve Witkoff</span></p><details><summary>Alaska</summary><p>Steve Witkoff</p></details><p hidden>Alaska</p>';
    const hidden: Element[] = [];
    const store = new MentionStore();
    await new PageScanner({
      find: async (texts) => texts.map(match),
      kindOf: (id) => (id === 'alaska' ? 'place' : 'person'),
      store,
      signal: new AbortController().signal,
      onHidden: (element) => hidden.push(element),
    }).scan(document.body);
    expect(all(store).map(covered)).toEqual(['Alaska', 'Alaska']);
    expect(hidden.map((e) => e.tagName)).toEqual(['SPAN', 'DETAILS', 'P']);
  });

  it('replaces the mentions of a rescanned block instead of adding them twice', async () => {
    document.body.innerHTML = '<p>Alaska and Steve Witkoff</p><p>Alaska</p>';
    const store = await scan(document.body);
    const first = document.querySelector('p') as HTMLElement;
    (first.firstChild as Text).data = 'Alaska only';
    await scan(first, store);
    expect(store.entityCounts(everyKind)).toEqual([{ id: 'alaska', count: 2 }]);
    expect(all(store).map((m) => m.block.nodes[0]?.data)).toEqual(['Alaska only', 'Alaska']);
  });

  it.each([
    ['looking at every block again', false],
    ['told of the change by the mutation count', true],
  ])('walks a block again when the page changed its text while the background matched it (%s)', async (_, counted) => {
    document.body.innerHTML = '<p>Steve Witkoff met them in Alaska</p><p>Alaska</p>';
    const first = document.querySelector('p')?.firstChild as Text;
    const store = new MentionStore();
    let changes = 0;
    const scanner = new PageScanner({
      // The page rewrites the first paragraph while its batch is with the matcher: the offsets found in the
      // old text would fall on the wrong words of the new one.
      find: async (texts) => {
        if (changes === 0) {
          changes++;
          first.data = 'In Alaska, Steve Witkoff met them';
        }
        return texts.map(match);
      },
      kindOf: (id) => (id === 'alaska' ? 'place' : 'person'),
      store,
      signal: new AbortController().signal,
      ...(counted ? { textChanges: () => changes } : {}),
    });
    await scanner.scan(document.body);
    const mentions = all(store);
    expect(mentions.map(covered)).toEqual(['Alaska', 'Steve Witkoff', 'Alaska']);
    expect(mentions[0]?.block.nodes[0]).toBe(first);
  });

  it('stops quietly when the background cannot answer (the extension was updated under the page)', async () => {
    document.body.innerHTML = '<p>Alaska</p>';
    const store = new MentionStore();
    const scanner = new PageScanner({
      find: async () => {
        throw new Error('Extension context invalidated.');
      },
      kindOf: () => 'place',
      store,
      signal: new AbortController().signal,
    });
    await expect(scanner.scan(document.body)).resolves.toBeUndefined();
    expect(store.records()).toHaveLength(0);
  });

  it('skips text in skipped regions', async () => {
    document.body.innerHTML =
      '<p>Alaska</p><textarea>Alaska</textarea><div aria-hidden="true">Alaska</div><script>"Alaska"</script>';
    expect(all(await scan(document.body))).toHaveLength(1);
  });
});

describe('PageScanner reports', () => {
  it('only blocks the store keeps, when one block is scanned twice in a slice', async () => {
    document.body.innerHTML = '<p>Alaska</p>';
    const store = new MentionStore();
    const reports: { added: number; removed: number }[] = [];
    const scanner = new PageScanner({
      find: async (texts) => texts.map(match),
      kindOf: () => 'place',
      store,
      signal: new AbortController().signal,
      onChange: (added, removed) => reports.push({ added: added.length, removed: removed.length }),
    });
    const p = document.querySelector('p') as Element;
    void scanner.scan(p);
    await scanner.scan(document.body);
    expect(reports).toEqual([{ added: 1, removed: 0 }]);
    expect(store.records()).toHaveLength(1);
    expect(store.records()[0]?.container).toBe(p);
  });
});
