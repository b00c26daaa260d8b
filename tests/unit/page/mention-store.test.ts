// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { Match } from '../../../src/core/matcher/match.ts';
import { MentionStore, nodeAt } from '../../../src/page/mention-store.ts';

const shown = () => true;

/** Records a paragraph's text node with matches of `name` wherever it occurs. */
function record(store: MentionStore, p: Element, id: string, name: string, isShown = shown) {
  const node = p.firstChild as Text;
  const found: Match[] = [...node.data.matchAll(new RegExp(name, 'g'))].map((m) => ({
    id,
    start: m.index,
    end: m.index + name.length,
  }));
  return store.set({ container: p, nodes: [node], starts: [0] }, found, () => 'person', isShown);
}

describe('MentionStore', () => {
  let ps: Element[];
  beforeEach(() => {
    document.body.innerHTML = '<p>Putin and Putin</p><p>Putin</p><p>Witkoff</p><p>Putin</p>';
    ps = [...document.querySelectorAll('p')];
  });

  it('keeps blocks in document order whatever order they are added in, and counts every mention', () => {
    const store = new MentionStore();
    record(store, ps[3] as Element, 'putin', 'Putin');
    record(store, ps[0] as Element, 'putin', 'Putin');
    record(store, ps[2] as Element, 'witkoff', 'Witkoff');
    record(store, ps[1] as Element, 'putin', 'Putin');
    expect(store.records().map((r) => r.container)).toEqual(ps);
    expect(store.mentions().map((m) => `${m.id}@${ps.indexOf(m.block.container as Element)}:${m.start}`)).toEqual([
      'putin@0:0',
      'putin@0:10',
      'putin@1:0',
      'witkoff@2:0',
      'putin@3:0',
    ]);
    expect(store.entityCounts(() => true)).toEqual([
      { id: 'putin', count: 4 },
      { id: 'witkoff', count: 1 },
    ]);
    expect(store.firstOf('putin')?.block.container).toBe(ps[0]);
  });

  it('replaces a rescanned block, and moves the first mention when the first block goes', () => {
    const store = new MentionStore();
    for (const p of ps.slice(0, 2)) record(store, p, 'putin', 'Putin');
    const { removed } = record(store, ps[0] as Element, 'other', 'nothing here');
    expect(removed).toHaveLength(1);
    expect(store.entityCounts(() => true)).toEqual([{ id: 'putin', count: 1 }]);
    expect(store.firstOf('putin')?.block.container).toBe(ps[1]);
  });

  it('drops blocks whose text left the page', () => {
    const store = new MentionStore();
    for (const p of ps) record(store, p, 'x', p.textContent?.includes('Putin') ? 'Putin' : 'Witkoff');
    ps[1]?.remove();
    expect(store.prune().map((r) => r.container)).toEqual([ps[1]]);
    expect(store.records()).toHaveLength(3);
    expect(store.recordOf(ps[1]?.firstChild as Node)).toBeUndefined();
  });

  it('leaves hidden mentions out of counts, hit-testing and order, and brings them back when shown', () => {
    const store = new MentionStore();
    let visible = false;
    record(store, ps[1] as Element, 'putin', 'Putin', () => visible);
    record(store, ps[3] as Element, 'putin', 'Putin');
    expect(store.entityCounts(() => true)).toEqual([{ id: 'putin', count: 1 }]);
    expect(store.mentionsAt(ps[1]?.firstChild as Node)).toEqual([]);
    expect(store.firstOf('putin')?.block.container).toBe(ps[3]);
    visible = true;
    const changed = store.recheck(store.records(), () => visible);
    expect(changed.map((r) => r.container)).toEqual([ps[1]]);
    expect(store.entityCounts(() => true)).toEqual([{ id: 'putin', count: 2 }]);
    expect(store.firstOf('putin')?.block.container).toBe(ps[1]);
    expect(store.mentionsAt(ps[1]?.firstChild as Node)).toHaveLength(1);
  });

  it('makes a live range only when asked, over exactly the mention', () => {
    const store = new MentionStore();
    record(store, ps[0] as Element, 'putin', 'Putin');
    const [, second] = store.mentions();
    expect(second?.hasRange).toBe(false);
    expect(second?.range.toString()).toBe('Putin');
    expect(second?.range.startOffset).toBe(10);
    expect(second?.hasRange).toBe(true);
    second?.releaseRange();
    expect(second?.hasRange).toBe(false);
  });
});

describe('nodeAt', () => {
  it('finds the node holding a start offset, and gives an end on a boundary to the node before', () => {
    const starts = [0, 5, 6, 13];
    expect(nodeAt(starts, 0, false)).toBe(0);
    expect(nodeAt(starts, 5, false)).toBe(1);
    expect(nodeAt(starts, 5, true)).toBe(0);
    expect(nodeAt(starts, 13, true)).toBe(2);
    expect(nodeAt(starts, 20, true)).toBe(3);
  });
});

describe('MentionStore.entityCount', () => {
  it('counts the entities with a shown mention, of the kinds wanted, as entityCounts lists them', () => {
    document.body.innerHTML = '<p>Putin and Witkoff</p><p>Putin</p>';
    const [first, second] = [...document.querySelectorAll('p')] as unknown as [Element, Element];
    const store = new MentionStore();
    const node = first.firstChild as Text;
    store.set(
      { container: first, nodes: [node], starts: [0] },
      [
        { id: 'putin', start: 0, end: 5 },
        { id: 'witkoff', start: 10, end: 17 },
      ],
      (id) => (id === 'witkoff' ? 'place' : 'person'),
      () => true,
    );
    record(store, second, 'putin', 'Putin');
    expect(store.entityCount(() => true)).toBe(2);
    expect(store.entityCount((kind) => kind === 'person')).toBe(1);
    expect(store.entityCounts((kind) => kind === 'person')).toEqual([{ id: 'putin', count: 2 }]);
    store.removeOver([node]);
    expect(store.entityCount(() => true)).toBe(1);
  });
});

describe('MentionStore.set with ids the dataset does not know', () => {
  it('drops their matches, and records nothing for a block that held only them (replacing what it held)', () => {
    document.body.innerHTML = '<p>Putin and Nobody</p><p>Nobody</p>';
    const [first, second] = [...document.querySelectorAll('p')] as unknown as [Element, Element];
    const store = new MentionStore();
    const kindOf = (id: string) => (id === 'putin' ? 'person' : undefined);
    const firstText = { container: first, nodes: [first.firstChild as Text], starts: [0] };
    const kept = store.set(
      firstText,
      [
        { id: 'putin', start: 0, end: 5 },
        { id: 'nobody', start: 10, end: 16 },
      ],
      kindOf,
      () => true,
    );
    expect(kept.added?.mentions.map((m) => [m.id, m.kind, m.start, m.end])).toEqual([['putin', 'person', 0, 5]]);
    const none = store.set(
      { container: second, nodes: [second.firstChild as Text], starts: [0] },
      [{ id: 'nobody', start: 0, end: 6 }],
      kindOf,
      () => true,
    );
    expect(none.added).toBeUndefined();
    // The first block scanned again finds only the unknown id: the block it held is dropped.
    const again = store.set(firstText, [{ id: 'nobody', start: 10, end: 16 }], kindOf, () => true);
    expect(again.added).toBeUndefined();
    expect(again.removed).toEqual([kept.added]);
    expect(store.mentions()).toEqual([]);
  });
});
