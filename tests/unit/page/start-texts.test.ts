// @vitest-environment happy-dom
/**
 * A short page's text travels with the start message (`startWalk`), and its scan then takes the candidates
 * that came back (`AnsweredTexts`) instead of asking the matcher again: one round trip where there were three;
 * and it takes the walk's blocks instead of walking again, while the page has changed nothing the walk read.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src/core/matcher/match.ts';
import { MentionStore } from '../../../src/page/mention-store.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';
import { PageScanner } from '../../../src/page/page-scanner.ts';
import { AnsweredTexts, startWalk } from '../../../src/page/start-texts.ts';

/** A stand-in matcher: every "Steve Witkoff" and every "Alaska", in offsets of its input. */
function match(text: string): Candidate[] {
  return [...text.matchAll(/Steve Witkoff|Alaska/g)].map((m) => ({
    id: m[0] === 'Alaska' ? 'place/alaska' : 'person/steve-witkoff',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The matcher as the page asks it, recording each batch it is asked about. */
function recordingFind() {
  const asked: string[][] = [];
  const find = async (texts: readonly string[]) => {
    asked.push([...texts]);
    return texts.map(match);
  };
  return { asked, find };
}

const notOurs = () => false;

/** The texts of the start's walk (its blocks not taken). */
function startTexts(doc: Document, isOurs: (node: Node) => boolean): string[] | undefined {
  const walk = startWalk(doc, isOurs);
  walk?.drop();
  return walk?.texts;
}

const ARTICLE =
  '<nav><a>World</a> <a>Alaska</a></nav><main><h1>Envoy <b>Steve</b> Witkoff flies to Alaska</h1>' +
  '<p>The summit in Alaska follows talks in Moscow.</p><p hidden>Steve Witkoff, hidden</p>' +
  '<script>var alaska = "Alaska";</script><p>Officials said little.</p></main><footer>About Alaska</footer>';

async function scanWith(
  find: (texts: readonly string[]) => Promise<Candidate[][]>,
  walked?: Parameters<PageScanner['scan']>[1] extends infer O ? (O extends { walked?: infer W } ? W : never) : never,
  onHidden?: (element: Element) => void,
) {
  const store = new MentionStore();
  const scanner = new PageScanner({
    find,
    kindOf: (id) => (id.startsWith('place/') ? 'place' : 'person'),
    store,
    signal: new AbortController().signal,
    onHidden,
  });
  await scanner.scan(document.body, { walked });
  return store;
}

const marks = (store: MentionStore) => store.mentions().map((m) => [m.id, m.range.toString()]);

describe('a short page’s text at the start', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('is the text the scan asks about, so the scan asks the matcher nothing more and marks the same', async () => {
    document.body.innerHTML = ARTICLE;
    const texts = startTexts(document, notOurs) as string[];
    // The page's own text; not its navigation, footer, scripts or hidden text.
    expect(texts.join(' ')).toContain('The summit in Alaska follows talks in Moscow.');
    expect(texts.join(' ')).not.toMatch(/World|About Alaska|var alaska|hidden/);

    const alone = recordingFind();
    const expected = (await scanWith(alone.find)).mentions().map((m) => [m.id, m.range.toString()]);
    expect(alone.asked).toHaveLength(1);
    expect(alone.asked[0]).toEqual(texts);

    const matcher = recordingFind();
    const answered = new AnsweredTexts(texts, texts.map(match));
    const store = await scanWith(answered.find(matcher.find));
    expect(matcher.asked).toEqual([]);
    expect(store.mentions().map((m) => [m.id, m.range.toString()])).toEqual(expected);
    expect(expected).toEqual([
      ['person/steve-witkoff', 'Steve Witkoff'],
      ['place/alaska', 'Alaska'],
      ['place/alaska', 'Alaska'],
    ]);
  });

  it('cuts a long paragraph in the windows the scan matches, so those too are answered', async () => {
    const sentence = 'Steve Witkoff spoke in Alaska about the talks that went on until late. ';
    document.body.innerHTML = `<p>${sentence.repeat(Math.ceil((PAGE_DEFAULTS.maxMatchChars * 1.5) / sentence.length))}</p>`;
    const texts = startTexts(document, notOurs) as string[];
    expect(texts.length).toBeGreaterThan(1);
    const matcher = recordingFind();
    const alone = recordingFind();
    const store = await scanWith(new AnsweredTexts(texts, texts.map(match)).find(matcher.find));
    expect(matcher.asked).toEqual([]);
    expect(store.mentions().length).toBe((await scanWith(alone.find)).mentions().length);
  });

  it('is not read on a long page or one with an open shadow root: the scan asks as it goes', () => {
    document.body.innerHTML = `<p>${'word '.repeat(PAGE_DEFAULTS.firstLookMaxChars / 5 + 10)}</p>`;
    expect(startTexts(document, notOurs)).toBeUndefined();
    document.body.innerHTML = '<p>Steve Witkoff</p><div></div>';
    document.querySelector('div')?.attachShadow({ mode: 'open' }).append('Alaska');
    expect(startTexts(document, notOurs)).toBeUndefined();
  });

  it('counts the text its blocks hold, not a script: a short article with a long inline script is carried', () => {
    const script = `<script>var data = "${'x'.repeat(PAGE_DEFAULTS.firstLookMaxChars + 10)}";</script>`;
    document.body.innerHTML = `<p>Steve Witkoff</p>${script}<p>Alaska</p>`;
    expect(startTexts(document, notOurs)).toEqual(['Steve Witkoff', 'Alaska']);
  });

  it('hands its blocks to the scan, which walks nothing itself and marks the same', async () => {
    document.body.innerHTML = ARTICLE;
    const expected = marks(await scanWith(recordingFind().find));
    const walk = startWalk(document, notOurs);
    const walked = walk?.take();
    expect(walked?.blocks.map((b) => b.text)).toEqual(walk?.texts);
    const hidden: Element[] = [];
    expect(marks(await scanWith(recordingFind().find, walked, (element) => hidden.push(element)))).toEqual(expected);
    // The hidden paragraph the walk left out is remembered, so revealing it rescans it.
    expect(hidden).toEqual([document.querySelector('p[hidden]')]);
    // The scan takes exactly the blocks it is handed: without the heading's, the heading is not marked.
    const withoutHeading = { blocks: walked?.blocks.slice(1) ?? [], hidden: [] };
    const full = await scanWith(recordingFind().find);
    const h1 = document.querySelector('h1') as Element;
    const outsideHeading = full.mentions().filter((m) => !h1.contains(m.range.startContainer));
    expect(outsideHeading.length).toBeGreaterThan(0);
    expect(outsideHeading.length).toBeLessThan(expected.length);
    expect(marks(await scanWith(recordingFind().find, withoutHeading))).toEqual(
      outsideHeading.map((m) => [m.id, m.range.toString()]),
    );
  });

  it('gives its blocks only while nothing the walk read has changed', async () => {
    const taken = (change: () => void) => {
      document.body.innerHTML = ARTICLE;
      const walk = startWalk(document, notOurs);
      change();
      return walk?.take() !== undefined;
    };
    const paragraph = () => document.querySelector('main p') as HTMLElement;
    expect(taken(() => {})).toBe(true);
    // A class is not what the walk reads (visibility by style is asked per mention when marking).
    expect(taken(() => paragraph().classList.add('lead'))).toBe(true);
    expect(taken(() => (paragraph().firstChild as Text).appendData(' Alaska'))).toBe(false);
    expect(taken(() => paragraph().append(document.createElement('b')))).toBe(false);
    expect(taken(() => document.querySelector('p[hidden]')?.removeAttribute('hidden'))).toBe(false);
    expect(taken(() => paragraph().setAttribute('aria-hidden', 'true'))).toBe(false);
    // Taken once: the watch is over, and a change after it is the mutation watcher's.
    document.body.innerHTML = ARTICLE;
    const walk = startWalk(document, notOurs);
    expect(walk?.take()).toBeDefined();
    paragraph().append(' Alaska');
    await Promise.resolve();
    expect(walk?.take()).toBeDefined();
  });

  it('leaves out what the extension put on the page', () => {
    document.body.innerHTML = '<p>Alaska</p><nc-card>Steve Witkoff</nc-card>';
    const texts = startTexts(document, (node) => node.nodeName === 'NC-CARD');
    expect(texts).toEqual(['Alaska']);
  });
});

describe('the candidates that came with the start', () => {
  it('answer each text once, in the order asked; other texts, and the same asked again, go to the matcher', async () => {
    const answered = new AnsweredTexts(
      ['Alaska', 'Nothing here', 'Alaska'],
      [[{ id: 'a', start: 0, end: 6 }], [], [{ id: 'b', start: 0, end: 6 }]],
    );
    const matcher = recordingFind();
    const find = answered.find(matcher.find);
    const first = await find(['Alaska', 'Steve Witkoff met', 'Nothing here']);
    expect(first).toEqual([[{ id: 'a', start: 0, end: 6 }], [{ id: 'person/steve-witkoff', start: 0, end: 13 }], []]);
    expect(matcher.asked).toEqual([['Steve Witkoff met']]);
    // The second "Alaska" has its own answer; after that the matcher is asked.
    expect(await find(['Alaska'])).toEqual([[{ id: 'b', start: 0, end: 6 }]]);
    expect(await find(['Alaska', 'Nothing here'])).toEqual([[{ id: 'place/alaska', start: 0, end: 6 }], []]);
    expect(matcher.asked).toEqual([['Steve Witkoff met'], ['Alaska', 'Nothing here']]);
  });

  it('say whether the page may mention something: no first look is needed, or none until it changes', () => {
    expect(new AnsweredTexts(['a', 'b'], [[], [{ id: 'x', start: 0, end: 1 }]]).mentionsAny).toBe(true);
    expect(new AnsweredTexts(['a', 'b'], [[], []]).mentionsAny).toBe(false);
    expect(new AnsweredTexts([], []).mentionsAny).toBe(false);
  });
});
