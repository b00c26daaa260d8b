// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectTextNodes,
  type TextBlock,
  walkTextBlocks,
  walkTextBlocksIncrementally,
} from '../../../src/page/collect-text-nodes.ts';

const texts = (blocks: Iterable<TextBlock>) => [...blocks].map((b) => b.text);

describe('walkTextBlocks', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins the text of inline elements into one block, with the offset of every node', () => {
    document.body.innerHTML = '<p>Envoy <b>Steve</b> <a href="#">Witkoff</a> flew</p><p>Next</p>';
    const [block, next] = [...walkTextBlocks(document.body)];
    expect(block?.text).toBe('Envoy Steve Witkoff flew');
    expect(block?.nodes.map((n) => n.data)).toEqual(['Envoy ', 'Steve', ' ', 'Witkoff', ' flew']);
    expect(block?.starts).toEqual([0, 6, 11, 12, 19]);
    expect(block?.container).toBe(document.querySelector('p'));
    expect(next?.text).toBe('Next');
  });

  it('splits blocks at block-level elements', () => {
    document.body.innerHTML = '<div>One <div>Two</div> Three</div>';
    expect(texts(walkTextBlocks(document.body))).toEqual(['One ', 'Two', ' Three']);
  });

  it('never collects script, style, form fields, code, contenteditable, aria-hidden or hidden content', () => {
    document.body.innerHTML = `
      <p>Kept one</p>
      <script>var skipScript = 1;</script>
      <style>.skipStyle{}</style>
      <textarea>skipTextarea</textarea>
      <div contenteditable="true">skipEditable</div>
      <div aria-hidden="true">skipAria</div>
      <div hidden>skipHidden</div>
      <pre>skipPre</pre>
      <p>Kept <code>skipCode</code> two</p>
      <noscript>skipNoscript</noscript>`;
    const all = collectTextNodes(document.body)
      .map((n) => n.data)
      .join('|');
    expect(all).toContain('Kept one');
    expect(all).toContain('Kept ');
    expect(all).toContain(' two');
    expect(all).not.toMatch(/skip/);
  });

  it('enters open shadow roots and reports them', () => {
    document.body.innerHTML = '<p>Light</p><div id="host"></div>';
    const host = document.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>In the shadow</p>';
    const roots: ShadowRoot[] = [];
    expect(texts(walkTextBlocks(document.body, { onShadowRoot: (root) => roots.push(root) }))).toEqual([
      'Light',
      'In the shadow',
    ]);
    expect(roots).toEqual([shadow]);
  });
});

describe('walkTextBlocksIncrementally', () => {
  const page = () => {
    const parts: string[] = [];
    for (let i = 0; i < 60; i++) {
      parts.push(`<p>Para ${i} <b>bold ${i}</b> tail</p>`);
      if (i % 7 === 0) parts.push('<div><span></span><span></span><div></div><script>x</script></div>');
    }
    document.body.innerHTML = `<main><article>${parts.join('')}</article></main>`;
  };

  it('offers to stop every few nodes without finishing a block', () => {
    document.body.innerHTML = `<div>${'<span></span>'.repeat(50)}</div><p>Only text</p>`;
    const items = [...walkTextBlocksIncrementally(document.body, { stepNodes: 10 })];
    expect(items.filter((item) => item === null).length).toBeGreaterThanOrEqual(4);
    expect(items.filter((item) => item !== null).map((b) => b?.text)).toEqual(['Only text']);
  });

  it('yields the same blocks as a single pass, whatever the step', () => {
    page();
    const single = [...walkTextBlocks(document.body)];
    expect(single).toHaveLength(60);
    for (const step of [1, 2, 3, 17, 1000]) {
      const blocks = [...walkTextBlocksIncrementally(document.body, { stepNodes: step })].filter(
        (b): b is TextBlock => b !== null,
      );
      expect(blocks.map((b) => b.text)).toEqual(single.map((b) => b.text));
      expect(blocks.map((b) => b.nodes)).toEqual(single.map((b) => b.nodes));
      expect(blocks.map((b) => b.container)).toEqual(single.map((b) => b.container));
    }
  });

  it('resumes where it stopped when the caller pauses between steps', async () => {
    page();
    const walker = walkTextBlocksIncrementally(document.body, { stepNodes: 5 });
    const blocks: TextBlock[] = [];
    let pauses = 0;
    for (;;) {
      const next = walker.next();
      if (next.done) break;
      if (next.value === null) {
        pauses++;
        // A caller yields to the page here; the walk must carry on from the same place.
        await new Promise((resolve) => setTimeout(resolve, 0));
        continue;
      }
      blocks.push(next.value);
    }
    expect(pauses).toBeGreaterThan(10);
    expect(blocks.map((b) => b.text)).toEqual(texts(walkTextBlocks(document.body)));
    expect(blocks[3]?.text).toBe('Para 3 bold 3 tail');
  });
});

describe('headings, as the walk sees them', () => {
  it('tells each block whether it is inside a heading, from the walk or from the root up', () => {
    document.body.innerHTML =
      '<h1>Envoy <b>flies</b> to Moscow</h1><p>Body text</p><div role="heading"><p>Inside a role heading</p></div>' +
      '<h2><span>A</span><div>nested block</div></h2><p>After</p>';
    const seen = [...walkTextBlocks(document.body)].map((block) => [block.text, block.inHeading]);
    expect(seen).toEqual([
      ['Envoy flies to Moscow', true],
      ['Body text', false],
      ['Inside a role heading', true],
      ['A', true],
      ['nested block', true],
      ['After', false],
    ]);
    // A rescan of part of a heading knows it is in one.
    const nested = document.querySelector('h2 div') as Element;
    expect([...walkTextBlocks(nested)].map((block) => block.inHeading)).toEqual([true]);
  });
});
