// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { Match } from '../../../src/core/matcher/match.ts';
import { HighlightRegistry, type Mention } from '../../../src/page/highlight-registry.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';
import { nodeAt, PageScanner } from '../../../src/page/page-scanner.ts';

/** A stand-in matcher: every "Steve Witkoff" and every "Alaska" (offsets of its input, sorted). */
const calls: string[] = [];
function match(text: string): Match[] {
  calls.push(text);
  const out: Match[] = [];
  for (const m of text.matchAll(/Steve Witkoff|Alaska/g))
    out.push({ id: m[0] === 'Alaska' ? 'alaska' : 'witkoff', start: m.index, end: m.index + m[0].length } as Match);
  return out;
}

async function scan(root: Node, registry = new HighlightRegistry()) {
  const scanner = new PageScanner({
    match,
    kindOf: (id) => (id === 'alaska' ? 'place' : 'person'),
    registry,
    signal: new AbortController().signal,
  });
  await scanner.scan(root);
  return registry;
}

const all = (registry: HighlightRegistry) => registry.shownMentions();
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

  it('adds every mention of a page with more mentions than a slice may add', async () => {
    const count = PAGE_DEFAULTS.maxRangesPerSlice * 2 + 7;
    document.body.innerHTML = Array.from({ length: count }, (_, i) => `<p>${i} Alaska</p>`).join('');
    const registry = await scan(document.body);
    expect(all(registry)).toHaveLength(count);
    expect(registry.entityCounts()).toEqual([{ id: 'alaska', count }]);
  });

  it('replaces the mentions of a rescanned block instead of adding them twice', async () => {
    document.body.innerHTML = '<p>Alaska and Steve Witkoff</p><p>Alaska</p>';
    const registry = await scan(document.body);
    const first = document.querySelector('p') as HTMLElement;
    (first.firstChild as Text).data = 'Alaska only';
    await scan(first, registry);
    expect(registry.entityCounts()).toEqual([{ id: 'alaska', count: 2 }]);
  });

  it('skips text in skipped regions', async () => {
    document.body.innerHTML =
      '<p>Alaska</p><textarea>Alaska</textarea><div aria-hidden="true">Alaska</div><script>"Alaska"</script>';
    expect(all(await scan(document.body))).toHaveLength(1);
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
