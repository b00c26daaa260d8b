// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MatcherTables } from '../../../src/core/matcher/compile-matcher.ts';
import { findCandidates } from '../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../src/core/matcher/load-matcher.ts';
import { mayMention, whenPageMayMention } from '../../../src/page/first-look.ts';
import { PAGE_DEFAULTS } from '../../../src/page/page-defaults.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const index = loadMatcher(
  JSON.parse(readFileSync(join(ROOT, 'src', 'data', 'compiled', 'matcher.json'), 'utf8')) as MatcherTables,
);

/** The bundled dataset's matcher, as the background answers the page, with the texts it was asked about. */
const asked: string[][] = [];
const find = async (texts: readonly string[]) => {
  asked.push([...texts]);
  return texts.map((text) => findCandidates(text, index));
};

const LOCAL_NEWS =
  '<main><h1>Library opens on Sundays</h1><p>The town library will open on Sundays from March, the council said.</p>' +
  '<p>Volunteers will run the reading room and the children’s corner.</p></main>';

describe('the first look at a page', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    asked.length = 0;
  });

  it('finds nothing on a page that mentions nothing of the dataset, in one message with the page’s text', async () => {
    document.body.innerHTML = LOCAL_NEWS;
    expect(await mayMention(document, find)).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.join('')).toContain('Volunteers will run the reading room');
  });

  it('sees a mention anywhere in the text, even split by inline markup', async () => {
    document.body.innerHTML = `${LOCAL_NEWS}<p>Envoy <b>Steve</b> Witkoff flew to Moscow.</p>`;
    expect(await mayMention(document, find)).toBe(true);
  });

  it('does not count names found only in the site’s navigation, footer and sidebar', async () => {
    const chrome =
      '<nav><a>World</a> <a>Ukraine</a> <a>Europe</a> <a>US</a></nav>' +
      '<aside><h2>Most read</h2><p>Alaska cruise season opens</p></aside><footer>News from Europe and the US</footer>';
    document.body.innerHTML = `${chrome}${LOCAL_NEWS}`;
    expect(await mayMention(document, find)).toBe(false);
    // The same names in the article's own text do count.
    document.body.innerHTML = `${chrome}${LOCAL_NEWS}<p>Aid for Ukraine was also discussed.</p>`;
    expect(await mayMention(document, find)).toBe(true);
  });

  it('does not look at a page with an open shadow root: its text is not in the body’s, the full walk decides', async () => {
    document.body.innerHTML = LOCAL_NEWS;
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append('Vladimir Putin met the envoy.');
    document.querySelector('main')?.append(host);
    expect(await mayMention(document, find)).toBe(true);
    expect(asked).toHaveLength(0);
  });

  it('does not look at a long page (its text would be read twice)', async () => {
    const paragraph = `<p>${'A quiet day in town, with nothing to report. '.repeat(20)}</p>`;
    document.body.innerHTML = paragraph.repeat(Math.ceil(PAGE_DEFAULTS.firstLookMaxChars / 900) + 2);
    expect(await mayMention(document, find)).toBe(true);
    expect(asked).toHaveLength(0);
  });

  it('sends text longer than one matcher window in overlapping windows, and finds a name across their edge', async () => {
    const size = PAGE_DEFAULTS.maxMatchChars;
    const filler = 'The council met and talked about the roads. '.repeat(Math.ceil(size / 40));
    // The name starts a few characters before the first window's end.
    document.body.innerHTML = `<p>${filler.slice(0, size - 6)} Steve Witkoff arrived.</p>`;
    expect(await mayMention(document, find)).toBe(true);
    expect(asked[0]?.length).toBe(2);
    expect(asked[0]?.[0]?.length).toBe(size);
    expect(findCandidates(asked[0]?.[0] ?? '', index)).toEqual([]);
  });

  it('counts a page as one that may mention when the matcher cannot answer', async () => {
    document.body.innerHTML = LOCAL_NEWS;
    expect(await mayMention(document, () => Promise.reject(new Error('extension reloaded')))).toBe(true);
  });

  it('waits on a page without mentions until the page adds one, and not past its signal', async () => {
    document.body.innerHTML = LOCAL_NEWS;
    let resolved = false;
    const waiting = whenPageMayMention(document, find, new AbortController().signal).then(() => {
      resolved = true;
    });
    await new Promise((resolve) => setTimeout(resolve, PAGE_DEFAULTS.lookAgainMs + 100));
    expect(resolved).toBe(false);
    const looks = asked.length;
    // Text that mentions nothing: looked at again, still waiting.
    document.querySelector('main')?.append(Object.assign(document.createElement('p'), { textContent: 'Rain later.' }));
    await new Promise((resolve) => setTimeout(resolve, PAGE_DEFAULTS.lookAgainMs + 100));
    expect(asked.length).toBe(looks + 1);
    expect(resolved).toBe(false);
    const late = document.createElement('p');
    late.textContent = 'Later, Keir Starmer called the president.';
    document.querySelector('main')?.append(late);
    await waiting;
    expect(resolved).toBe(true);

    const stopped = new AbortController();
    document.body.innerHTML = LOCAL_NEWS;
    let woke = false;
    void whenPageMayMention(document, find, stopped.signal).then(() => {
      woke = true;
    });
    stopped.abort();
    document.querySelector('main')?.append(late.cloneNode(true));
    await new Promise((resolve) => setTimeout(resolve, PAGE_DEFAULTS.lookAgainMs + 100));
    expect(woke).toBe(false);
  });

  it('looks only once the page changes when the start’s answer has looked at it already', async () => {
    document.body.innerHTML = LOCAL_NEWS;
    let resolved = false;
    const waiting = whenPageMayMention(document, find, new AbortController().signal, true).then(() => {
      resolved = true;
    });
    await new Promise((resolve) => setTimeout(resolve, PAGE_DEFAULTS.lookAgainMs + 100));
    expect(asked).toEqual([]);
    expect(resolved).toBe(false);
    const late = document.createElement('p');
    late.textContent = 'Later, Keir Starmer called the president.';
    document.querySelector('main')?.append(late);
    await waiting;
    expect(asked).toHaveLength(1);
  });
});
