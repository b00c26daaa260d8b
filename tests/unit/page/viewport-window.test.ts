// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { BlockRecord } from '../../../src/page/mention-store.ts';
import { type ObserverFactory, ViewportWindow } from '../../../src/page/viewport-window.ts';

type Entry = Parameters<Parameters<ObserverFactory>[0]>[0][number];

/** A stand-in IntersectionObserver the test drives: which elements are watched, and a way to report entries. */
function fakeObserver() {
  const watched = new Set<Element>();
  let report: (entries: Entry[]) => void = () => {};
  let margin = '';
  const factory: ObserverFactory = (callback, options) => {
    report = (entries) => callback(entries);
    margin = options.rootMargin;
    return {
      observe: (element) => void watched.add(element),
      unobserve: (element) => void watched.delete(element),
      disconnect: () => watched.clear(),
    };
  };
  const box = { width: 100, height: 20 } as DOMRectReadOnly;
  const place = (elements: Element[], isIntersecting: boolean) =>
    report(elements.map((target) => ({ target, isIntersecting, boundingClientRect: box })));
  return {
    factory,
    watched,
    margin: () => margin,
    enter: (...elements: Element[]) => place(elements, true),
    leave: (...elements: Element[]) => place(elements, false),
  };
}

function block(element: Element): BlockRecord {
  const text = element.firstChild as Text;
  return new BlockRecord({ container: element, nodes: [text], starts: [0] });
}

describe('ViewportWindow', () => {
  let paragraphs: HTMLElement[];
  beforeEach(() => {
    document.body.innerHTML = '<p>one</p><p>two</p><p>three</p>';
    paragraphs = [...document.querySelectorAll('p')];
  });

  it('reports blocks as they come near the viewport and as they leave it, with the configured margin', () => {
    const observer = fakeObserver();
    const changes: string[] = [];
    const window = new ViewportWindow(
      (entered, left) =>
        changes.push(`+${entered.map((b) => b.nodes[0]?.data).join()} -${left.map((b) => b.nodes[0]?.data).join()}`),
      { marginScreens: 2, signal: new AbortController().signal, observe: observer.factory, groupBlocks: 1 },
    );
    const [one, two, three] = paragraphs.map(block) as [BlockRecord, BlockRecord, BlockRecord];
    for (const b of [one, two, three]) window.add(b);
    expect(observer.margin()).toBe('200% 0px');
    expect(observer.watched.size).toBe(3);
    expect(changes).toEqual([]);
    observer.enter(paragraphs[0] as Element, paragraphs[1] as Element);
    expect(window.isNear(one) && window.isNear(two) && !window.isNear(three)).toBe(true);
    observer.leave(paragraphs[0] as Element);
    observer.enter(paragraphs[2] as Element);
    // Reporting the same state twice changes nothing.
    observer.enter(paragraphs[2] as Element);
    expect(changes).toEqual(['+one,two -', '+ -one', '+three -']);
    expect([...window.near()].map((b) => b.nodes[0]?.data)).toEqual(['two', 'three']);
  });

  it('says when every watched block has been placed by the observer, and not before', async () => {
    const observer = fakeObserver();
    const window = new ViewportWindow(() => {}, {
      marginScreens: 0,
      signal: new AbortController().signal,
      observe: observer.factory,
      groupBlocks: 1,
    });
    // Nothing watched: placed at once.
    let placed = false;
    await window.placed().then(() => {
      placed = true;
    });
    expect(placed).toBe(true);
    for (const p of paragraphs) window.add(block(p));
    placed = false;
    void window.placed().then(() => {
      placed = true;
    });
    observer.enter(paragraphs[0] as Element);
    observer.leave(paragraphs[1] as Element);
    await Promise.resolve();
    expect(placed).toBe(false);
    observer.leave(paragraphs[2] as Element);
    await Promise.resolve();
    expect(placed).toBe(true);
    expect([...window.near()].map((b) => b.nodes[0]?.data)).toEqual(['one']);
  });

  it('places unreported blocks from their boxes at once, leaves reported ones, and takes the observer’s word after', async () => {
    document.body.innerHTML = Array.from({ length: 6 }, (_, i) => `<p>p${i}</p>`).join('');
    const elements = [...document.querySelectorAll('p')];
    const observer = fakeObserver();
    const read: string[] = [];
    const changes: string[] = [];
    const text = (blocks: Iterable<BlockRecord>) => [...blocks].map((b) => b.nodes[0]?.data).join();
    const window = new ViewportWindow((entered, left) => changes.push(`+${text(entered)} -${text(left)}`), {
      marginScreens: 1,
      signal: new AbortController().signal,
      observe: observer.factory,
      groupBlocks: 1,
      // Screens from the viewport's top: p0 is on it, each next paragraph a screen lower; near within the margin.
      placeOfBox: (element, marginScreens) => {
        read.push(element.textContent ?? '');
        return elements.indexOf(element as HTMLParagraphElement) <= marginScreens ? 'near' : 'far';
      },
    });
    window.addAll(elements.map(block));
    observer.enter(elements[5] as Element);
    changes.length = 0;
    let placed = false;
    void window.placed().then(() => {
      placed = true;
    });
    window.placeNow();
    // p5 was reported (near, as the observer said); the others are read from their boxes with the margin.
    expect(read).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(text(window.near())).toBe('p5,p0,p1');
    expect(changes).toEqual(['+p0,p1 -']);
    await Promise.resolve();
    expect(placed).toBe(true);
    // Nothing left unplaced: nothing read again.
    window.placeNow();
    expect(read).toHaveLength(5);
    // The observer's reports come after and correct what a box could not tell (p1 clipped away by an ancestor).
    observer.leave(elements[1] as Element);
    expect(changes).toEqual(['+p0,p1 -', '+ -p1']);
  });

  it('watches an element once for all its blocks and stops when the last is removed, without reporting it', async () => {
    const observer = fakeObserver();
    const changes: number[] = [];
    const window = new ViewportWindow((entered, left) => changes.push(entered.length - left.length), {
      marginScreens: 0,
      signal: new AbortController().signal,
      observe: observer.factory,
    });
    const p = paragraphs[0] as Element;
    const first = block(p);
    const second = new BlockRecord({ container: p, nodes: [p.firstChild as Text], starts: [0] });
    window.add(first);
    window.add(second);
    expect(observer.watched.size).toBe(1);
    observer.enter(p);
    expect(changes).toEqual([2]);
    window.remove([first]);
    expect(observer.watched.has(p)).toBe(true);
    window.remove([second]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(observer.watched.has(p)).toBe(false);
    expect(window.near().size).toBe(0);
    expect(changes).toEqual([2]);
  });

  it('names the blocks a scroll reaches next, beyond the near ones in the reader’s direction', () => {
    document.body.innerHTML = Array.from({ length: 8 }, (_, i) => `<p>p${i}</p>`).join('');
    const elements = [...document.querySelectorAll('p')];
    const observer = fakeObserver();
    const window = new ViewportWindow(() => {}, {
      marginScreens: 0,
      signal: new AbortController().signal,
      observe: observer.factory,
      groupBlocks: 1,
    });
    const text = (blocks: BlockRecord[]) => blocks.map((b) => b.nodes[0]?.data).join();
    window.addAll(elements.map(block));
    // Nothing near yet: no window to go beyond.
    expect(window.ahead(1, 2)).toEqual([]);
    observer.leave(...elements);
    observer.enter(elements[3] as Element, elements[4] as Element);
    expect(text(window.ahead(1, 2))).toBe('p5,p6');
    expect(text(window.ahead(-1, 2))).toBe('p2,p1');
    // At the page's ends it gives what there is.
    expect(text(window.ahead(1, 10))).toBe('p5,p6,p7');
    expect(text(window.ahead(-1, 10))).toBe('p2,p1,p0');
  });

  it('stops watching everything when its signal aborts', () => {
    const observer = fakeObserver();
    const controller = new AbortController();
    const window = new ViewportWindow(() => {}, {
      marginScreens: 0,
      signal: controller.signal,
      observe: observer.factory,
    });
    for (const p of paragraphs) window.add(block(p));
    observer.enter(...paragraphs);
    controller.abort();
    expect(observer.watched.size).toBe(0);
    expect(window.near().size).toBe(0);
  });
});

describe('ViewportWindow across a rescan', () => {
  it('draws the successor of a block dropped and added again in one task, without waiting for the observer', async () => {
    document.body.innerHTML = '<p>one</p>';
    const p = document.querySelector('p') as Element;
    const observer = fakeObserver();
    const near: string[] = [];
    const window = new ViewportWindow((entered) => near.push(...entered.map(() => 'entered')), {
      marginScreens: 0,
      signal: new AbortController().signal,
      observe: observer.factory,
    });
    const before = block(p);
    window.add(before);
    observer.enter(p);
    // A rescan: the old block goes and its successor comes in the same task; the element stays watched.
    const after = block(p);
    window.remove([before]);
    window.add(after);
    expect(window.isNear(after)).toBe(true);
    expect(near).toEqual(['entered', 'entered']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(observer.watched.has(p)).toBe(true);
    // Dropped for good: unwatched once the task is over.
    window.remove([after]);
    expect(observer.watched.has(p)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(observer.watched.has(p)).toBe(false);
  });
});

describe('ViewportWindow watching one block in a group', () => {
  let paragraphs: HTMLElement[];
  let observer: ReturnType<typeof fakeObserver>;
  let window: ViewportWindow;
  let blocks: BlockRecord[];
  /** Where the viewport's middle is, in paragraphs from the top (each paragraph 100 px tall). */
  let middle = 0;
  const nearIndexes = () => blocks.flatMap((b, i) => (window.isNear(b) ? [i] : []));
  beforeEach(() => {
    document.body.innerHTML = Array.from({ length: 40 }, (_, i) => `<p>p${i}</p>`).join('');
    paragraphs = [...document.querySelectorAll('p')];
    observer = fakeObserver();
    window = new ViewportWindow(() => {}, {
      marginScreens: 0,
      signal: new AbortController().signal,
      observe: observer.factory,
      groupBlocks: 16,
      offsetFromMiddle: (element) => (paragraphs.indexOf(element as HTMLElement) - middle) * 100,
    });
    blocks = paragraphs.map(block);
    window.addAll(blocks);
  });
  const p = (i: number) => paragraphs[i] as Element;

  it('watches every sixteenth block and the last, not each', () => {
    expect([...observer.watched]).toEqual([p(0), p(16), p(32), p(39)]);
    expect(window.watched).toBe(4);
  });

  it('draws the blocks between two sentinels when the reader is between them, and not the sentinels', () => {
    middle = 9.5;
    observer.leave(p(0), p(16), p(32), p(39));
    expect(nearIndexes()).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // A jump to the page's end with no sentinel near: the observer reports nothing new about the far ones.
    middle = 36;
    observer.leave(p(0));
    expect(nearIndexes()).toEqual([33, 34, 35, 36, 37, 38]);
  });

  it('draws both runs next to a sentinel that is near, and nothing once every sentinel is far', () => {
    observer.leave(p(0), p(32), p(39));
    observer.enter(p(16));
    expect(nearIndexes()).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    // Far above every sentinel (the margin is before the first block).
    middle = -50;
    observer.leave(p(16));
    expect(nearIndexes()).toEqual([]);
  });

  it('keeps its sentinels when a block is rescanned in the middle of the page', () => {
    middle = 25;
    observer.leave(p(0), p(16), p(32), p(39));
    const old = blocks[20] as BlockRecord;
    const successor = block(p(20));
    window.remove([old]);
    window.add(successor);
    blocks[20] = successor;
    expect([...observer.watched]).toEqual([p(0), p(16), p(32), p(39)]);
    expect(nearIndexes()).toEqual(Array.from({ length: 15 }, (_, i) => i + 17));
  });

  it('moves the end sentinel to a block appended after the last', () => {
    document.body.insertAdjacentHTML('beforeend', '<p>p40</p>');
    const last = document.querySelector('p:last-child') as HTMLElement;
    window.add(block(last));
    expect(observer.watched.has(last)).toBe(true);
    expect(window.watched).toBe(4);
  });

  it('decides blocks a scan appends batch by batch from the sentinels already placed', () => {
    const fresh = new ViewportWindow(() => {}, {
      marginScreens: 0,
      signal: new AbortController().signal,
      observe: observer.factory,
      groupBlocks: 16,
      offsetFromMiddle: (element) => (paragraphs.indexOf(element as HTMLElement) - middle) * 100,
    });
    fresh.addAll(blocks.slice(0, 20));
    observer.leave(p(0));
    observer.enter(p(16), p(19));
    const nearNow = () => blocks.flatMap((b, i) => (fresh.isNear(b) ? [i] : []));
    expect(nearNow()).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // The next batch: p19 is no longer the last block, p32 is chosen and p39 is the new last, not yet reported.
    fresh.addAll(blocks.slice(20));
    expect(nearNow()).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    observer.leave(p(32), p(39));
    expect(nearNow()).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    // Scrolled on: only p32 near now.
    observer.leave(p(16));
    observer.enter(p(32));
    expect(nearNow()).toEqual(Array.from({ length: 22 }, (_, i) => i + 17));
  });

  it('takes a block away when the sentinel before its run leaves while another stays near', () => {
    observer.leave(p(0), p(39));
    observer.enter(p(16), p(32));
    expect(nearIndexes()).toEqual(Array.from({ length: 38 }, (_, i) => i + 1));
    observer.leave(p(16));
    expect(nearIndexes()).toEqual(Array.from({ length: 22 }, (_, i) => i + 17));
    observer.enter(p(0));
    observer.leave(p(32));
    expect(nearIndexes()).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });
});
