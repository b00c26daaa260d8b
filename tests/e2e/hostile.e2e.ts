/**
 * Pages that fight back: each case is a page of its own, served from 127.0.0.1, that does what real sites do to
 * injected code (re-render text nodes, clear highlights, remove nodes they did not create, hostile CSS, a strict
 * CSP, patched DOM methods, frames written by script, design mode…), and asserts what a reader would notice:
 * marks where they should be and none where they should not, the card opening, the page's own DOM and console
 * left alone, and nothing requested from the network. The texts are our own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../src/core/matcher/load-matcher.ts';
import compiledMatcher from '../../src/data/compiled/matcher.json' with { type: 'json' };
import { PAGE_DEFAULTS } from '../../src/page/page-defaults.ts';
import {
  ARTIFACTS,
  describeInBrowsers,
  hover,
  mutationsSinceLoad,
  OBSERVER_SCRIPT,
  OUR_MARK,
  readCard,
  readHighlights,
  scrollToHighlight,
  storeSettings,
  waitFor,
} from './harness.ts';
import { openPopup, tabIdOf, waitForSelector } from './popup-harness.ts';

const matcher = loadMatcher(compiledMatcher as MatcherTables);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records the page's own errors and console errors (our content script's would not reach the page's world). */
const ERRORS_SCRIPT = `<script>
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => window.__errors.push('rejection: ' + e.reason));
  const pageConsoleError = console.error.bind(console);
  console.error = (...args) => { window.__errors.push('console: ' + args.join(' ')); pageConsoleError(...args); };
</script>`;

const PARAGRAPH = 'Steve Witkoff flew to Moscow, where Vladimir Putin received him at the Kremlin.';

/** An article page: our error and mutation recorders first in <head>, then `head`, then the body. */
function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A test article</title>${ERRORS_SCRIPT}${OBSERVER_SCRIPT}${head}
<style>body { font: 18px/1.5 Georgia, serif; max-width: 720px; margin: 24px auto; }</style></head>
<body><main><article><h1>A test article</h1>${body}</article></main></body></html>`;
}

const repeat = (count: number, make: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => make(i)).join('');

/**
 * The hostile pages, by path. Scripts are the page's own: the content script starts before them (document_start)
 * but looks at the page's text only once it is parsed.
 */
const PAGES: Record<string, () => string> = {
  '/load-order': () =>
    page(
      `<p>${PARAGRAPH}</p>`,
      `<script>
        // The page's own view of its load: a task it posts when the parsing ends, and the load event.
        window.__order = [];
        document.addEventListener('DOMContentLoaded', () => setTimeout(() => window.__order.push('next task'), 0));
        addEventListener('load', () => window.__order.push('load'));
      </script>`,
    ),
  '/rerender': () =>
    page(
      `<p id="a">${PARAGRAPH}</p><p id="b">Volodymyr Zelensky was not in Alaska.</p>`,
      `<script>
        // A framework re-rendering: every 80 ms, each paragraph's text node is replaced by an equal new one.
        let round = 0;
        window.__rounds = 0;
        const timer = setInterval(() => {
          for (const p of document.querySelectorAll('article p')) p.replaceChildren(document.createTextNode(p.textContent));
          window.__rounds = ++round;
          if (round === 12) clearInterval(timer);
        }, 80);
      </script>`,
    ),
  '/plain': () => page(`<p>${PARAGRAPH}</p><p>Volodymyr Zelensky was not in Alaska.</p>`),
  '/live-blog': () =>
    page(
      `<p>${PARAGRAPH}</p><div id="feed"></div>`,
      `<script>
        // A live blog: 40 updates, one every 40 ms.
        addEventListener('load', () => {
          let n = 0;
          const timer = setInterval(() => {
            const p = document.createElement('p');
            p.textContent = 'Update ' + (++n) + ': Volodymyr Zelensky spoke about Alaska.';
            document.getElementById('feed').append(p);
            if (n === 40) clearInterval(timer);
          }, 40);
        });
      </script>`,
    ),
  '/huge': () =>
    // 3,300 paragraphs of 30 spans each: about 100,000 elements, one name each.
    page(
      repeat(
        3_300,
        (i) =>
          `<p>${repeat(14, (j) => `<span>w${j}</span> `)}<span>${i % 2 ? 'Vladimir Putin' : 'Steve Witkoff'}</span> ${repeat(15, (j) => `<span>x${j}</span> `)}${i}.</p>`,
      ),
    ),
  '/hostile-css': () =>
    page(
      `<p>${PARAGRAPH}</p>`,
      `<style>
        * { all: unset !important; }
        html, body, main, article, p, h1 { display: block !important; }
        *:not(html, body, main, article, p, h1) { display: none !important; font-size: 2px !important; color: transparent !important; }
      </style>`,
    ),
  '/csp': () => page(`<p>${PARAGRAPH}</p>`),
  '/host-removed': () => page(`<p>${PARAGRAPH}</p>`),
  '/hidden': () =>
    page(
      `<style>.gone { display: none; } .tab:not(.open) { display: none; }</style>
      <p id="shown">Steve Witkoff met the press.</p>
      <p>Before the talks <span style="display:none">Vladimir Putin and the Kremlin</span> said nothing.</p>
      <p>Aides <span style="visibility: hidden">Volodymyr Zelensky</span> waited.</p>
      <p>Envoys <span class="gone">Vladimir Putin</span> waited too.</p>
      <p hidden>Vladimir Putin, hidden by an attribute.</p>
      <div style="content-visibility: hidden"><p>Vladimir Putin behind content-visibility.</p></div>
      <div aria-hidden="true"><p>Vladimir Putin in an aria-hidden region.</p></div>
      <div class="tab" id="tab"><p>Volodymyr Zelensky in a closed tab.</p></div>`,
    ),
  '/details': () =>
    page(
      `<p>Steve Witkoff met the press.</p>
      <details id="more"><summary>Read more</summary><p>Vladimir Putin received him at the Kremlin.</p></details>`,
    ),
  '/frames': () =>
    page(
      `<p>${PARAGRAPH}</p>
      <iframe id="served" src="/frame-doc"></iframe>
      <iframe id="srcdoc" srcdoc="<p>Volodymyr Zelensky in a srcdoc frame.</p>"></iframe>
      <iframe id="blank"></iframe>
      <script>
        // A frame the page writes into itself, as embedded article bodies and ad-free readers do.
        const doc = document.getElementById('blank').contentDocument;
        doc.open();
        doc.write('<!doctype html><p>Vladimir Putin in a frame written by script.</p>');
        doc.close();
      </script>`,
    ),
  '/quiet': () =>
    // A page that mentions nothing at first (the first look leaves it alone), with a name in a closed tab.
    page(
      `<style>.tab:not(.open) { display: none; }</style>
      <p>The town library will open on Sundays from March, the council said.</p>
      <div class="tab" id="tab"><p>Volodymyr Zelensky in a closed tab.</p></div><div id="feed"></div>`,
    ),
  '/shadow-only': () =>
    // The only mention is in an open shadow root, which the body's own text leaves out.
    page(
      `<p>The town library will open on Sundays from March.</p><news-quote id="quote"></news-quote>
      <script>
        document.getElementById('quote').attachShadow({ mode: 'open' }).innerHTML =
          '<p>Steve Witkoff said the talks would go on.</p>';
      </script>`,
    ),
  '/frame-doc': () => '<!doctype html><html><body><p>Steve Witkoff in a served frame.</p></body></html>',
  '/many-frames': () =>
    page(`<p>${PARAGRAPH}</p>${repeat(50, () => '<iframe src="/frame-doc" height="60"></iframe>')}`),
  '/patched': () =>
    page(
      `<p>${PARAGRAPH}</p>`,
      `<script>
        // The page patches DOM methods before any content script runs; a content script must not go through them.
        window.__patchedCalls = 0;
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (...args) { window.__patchedCalls++; throw new Error('attachShadow is not allowed here'); };
        const append = Node.prototype.appendChild;
        Node.prototype.appendChild = function (...args) { window.__patchedCalls++; return append.apply(this, args); };
        window.getComputedStyle = function () { window.__patchedCalls++; return { display: 'none', visibility: 'hidden', direction: 'rtl', backgroundColor: 'rgb(0, 0, 0)', getPropertyValue: () => '' }; };
      </script>`,
    ),
  '/janitor': () =>
    page(
      `<p>${PARAGRAPH}</p>`,
      `<script>
        // Removes every element it did not create, on every mutation, for ever (and counts its removals).
        window.__removed = 0;
        addEventListener('DOMContentLoaded', () => {
          const own = new WeakSet(document.querySelectorAll('*'));
          new MutationObserver((records) => {
            for (const record of records)
              for (const node of record.addedNodes)
                if (node.nodeType === 1 && !own.has(node)) { node.remove(); window.__removed++; }
          }).observe(document, { childList: true, subtree: true });
        });
      </script>`,
    ),
  '/replace-state': () =>
    page(
      `<p id="story">${PARAGRAPH}</p>`,
      `<script>
        window.__ticks = 0;
        setInterval(() => window.__ticks++, 10);
        window.__storm = () => new Promise((resolve) => {
          // 100 history.replaceState calls in one second, the story changing half-way.
          let n = 0;
          const timer = setInterval(() => {
            history.replaceState({ n }, '', '/replace-state?step=' + n);
            if (++n === 50) document.getElementById('story').textContent = 'Volodymyr Zelensky answered from Kyiv.';
            if (n === 100) { clearInterval(timer); resolve(n); }
          }, 10);
        });
      </script>`,
    ),
  '/long-text': () => {
    // One text node of 100,000 characters, names at known places, the last near its end.
    let text = '';
    let i = 0;
    while (text.length < 99_900)
      text += `${i++ % 3 === 0 ? 'Steve Witkoff' : 'the envoy'} went on talking about nothing in particular. `;
    return page(`<p id="long">${text.slice(0, 99_880)} Vladimir Putin.</p>`);
  },
  '/design-mode': () => page(`<p>${PARAGRAPH}</p>`),
  '/replaces-sheets': () =>
    page(
      `<p>${PARAGRAPH}</p><p class="page-note">Volodymyr Zelensky was not in Alaska.</p>`,
      `<script>
        // A framework that owns the document's constructed sheets: it assigns its own, dropping any other,
        // when the page has loaded and again a moment later.
        const own = new CSSStyleSheet();
        own.replaceSync('.page-note { font-style: italic; }');
        window.__assigned = 0;
        const assign = () => { document.adoptedStyleSheets = [own]; window.__assigned++; };
        addEventListener('load', () => { assign(); setTimeout(assign, 300); });
      </script>`,
    ),
  '/debug-attribute': () =>
    page(`<p>${PARAGRAPH}</p>`).replace('<html lang="en">', '<html lang="en" data-news-context-debug>'),
};

/** Every request the server saw (method and path), for the no-network assertions. */
const requests: string[] = [];

/**
 * A page that arrives slowly: its first half at once, the rest `SLOW_PAGE_PAUSE_MS` later, with a script that
 * notes which `::highlight()` rules the document's constructed sheets hold while the parser reaches it.
 */
const SLOW_PAGE_PAUSE_MS = 1_500;
function serveSlowly(response: ServerResponse): void {
  const html = page(
    `<p>${PARAGRAPH}</p><!--half--><p>Volodymyr Zelensky was not in Alaska.</p>
    <script>
      window.__highlightRulesWhileParsing = document.adoptedStyleSheets
        .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
        .filter((text) => text.includes('::highlight('));
    </script>`,
  );
  const [first, rest] = html.split('<!--half-->');
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.write(first);
  setTimeout(() => response.end(rest), SLOW_PAGE_PAUSE_MS);
}

function serve(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  requests.push(url.pathname);
  if (url.pathname === '/slow-parse') {
    serveSlowly(response);
    return;
  }
  const render = PAGES[url.pathname];
  if (!render) {
    response.writeHead(404).end();
    return;
  }
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  // The strictest usual CSP: no script, style, image, font or connection of any origin but none at all.
  if (url.pathname === '/csp') headers['content-security-policy'] = "default-src 'none'; script-src 'unsafe-inline'";
  response.writeHead(200, headers).end(render());
}

let origin = '';
const server = createServer(serve);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The entity ids of the drawn highlights' texts, counted. */
async function markedIds(page: DriverPage): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { text } of await readHighlights(page)) {
    const id = findMatches(text, matcher)[0]?.id ?? `?${text}`;
    out[id] = (out[id] ?? 0) + 1;
  }
  return out;
}

function pageErrors(page: DriverPage): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);
}

/** Our highlight names and ranges inside each iframe of the page, by the iframe's id or index. */
function frameMarks(page: DriverPage): Promise<string[][]> {
  return page.evaluate(
    (pattern) =>
      [...document.querySelectorAll('iframe')].map((frame) => {
        const ours = new RegExp(pattern);
        const css = (frame.contentWindow as (Window & { CSS: typeof CSS }) | null)?.CSS;
        const texts: string[] = [];
        for (const [name, highlight] of css?.highlights ?? [])
          if (ours.test(name))
            for (const range of highlight as unknown as Iterable<Range>) texts.push(range.toString());
        return texts;
      }),
    OUR_MARK,
  );
}

/** The mentions the popup's "On this page" lists for the tab of `page`, summed. */
async function mentionsOnPage(browser: { driver: import('../../scripts/browsers.ts').Driver }, page: DriverPage) {
  const tabId = await tabIdOf(browser.driver, page);
  const popup = await openPopup(browser.driver, { tabId });
  await waitForSelector(popup, '.nc-onpage [role="option"]');
  const rows = await popup.evaluate(() =>
    [...document.querySelectorAll('.nc-onpage [role="option"]')].map((item) => ({
      id: item.getAttribute('data-entity') ?? '',
      count: Number(/(\d+) ×/.exec(item.textContent ?? '')?.[1]),
    })),
  );
  await popup.close();
  return Object.fromEntries(rows.map((row) => [row.id, row.count]));
}

describeInBrowsers('hostile pages', (browser) => {
  const { name } = browser;
  let page: DriverPage;

  // These pages test what is found and drawn near the reader, not the marking policy: every mention is drawn.
  beforeAll(() => storeSettings(browser.driver, { marking: 'every' }));

  beforeEach(async () => {
    await page?.close().catch(() => {});
    page = await browser.driver.newPage();
    requests.length = 0;
  });

  it('keeps every mark live while a framework re-renders the text nodes twelve times', async () => {
    await page.goto(`${origin}/rerender`);
    await waitFor(() => page.evaluate(() => (window as unknown as { __rounds: number }).__rounds === 12), '12 rounds');
    const live = await waitFor(async () => {
      const marks = await markedIds(page);
      return marks['person/steve-witkoff'] === 1 && marks['place/alaska'] === 1 ? marks : undefined;
    }, 'the marks after the last round');
    expect(live).toMatchObject({ 'person/steve-witkoff': 1, 'person/vladimir-putin': 1, 'org/kremlin': 1 });
    // Every registered range is over text still on the page, within the highlighter's check of the page.
    const deadRanges = () =>
      page.evaluate(() => {
        let count = 0;
        for (const [, highlight] of CSS.highlights)
          for (const range of highlight as unknown as Iterable<Range>)
            if (range.collapsed || !range.startContainer.isConnected) count++;
        return count;
      });
    await waitFor(async () => (await deadRanges()) === 0, 'no range left over removed text', 5_000);
    expect(await pageErrors(page)).toEqual([]);
  });

  it('puts its highlights back after the page clears CSS.highlights', async () => {
    await page.goto(`${origin}/plain`);
    await scrollToHighlight(page, 'Witkoff');
    await page.evaluate(() => CSS.highlights.clear());
    expect((await readHighlights(page)).length).toBe(0);
    await waitFor(async () => (await readHighlights(page)).length >= 4, 'the highlights to come back');
  });

  it('marks all 40 updates a live blog appends', async () => {
    await page.goto(`${origin}/live-blog`);
    const marks = await waitFor(async () => {
      const found = await markedIds(page);
      return found['person/volodymyr-zelensky'] === 40 ? found : undefined;
    }, '40 marked updates');
    expect(marks['place/alaska']).toBe(40);
    expect(await pageErrors(page)).toEqual([]);
  });

  it('finds every name on a page of 100,000 elements, drawing only those near the viewport', async () => {
    await page.goto(`${origin}/huge`);
    await scrollToHighlight(page, 'Witkoff');
    const counts = await waitFor(
      async () => {
        const found = await mentionsOnPage(browser, page);
        return (found['person/steve-witkoff'] ?? 0) + (found['person/vladimir-putin'] ?? 0) === 3_300
          ? found
          : undefined;
      },
      'all 3,300 names counted',
      30_000,
    );
    expect(counts).toEqual({ 'person/steve-witkoff': 1_650, 'person/vladimir-putin': 1_650 });
    // Only the blocks near the viewport have ranges: far fewer than the page's mentions.
    const drawn = (await readHighlights(page)).length;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(600);
    // The last paragraph, far below the fold at load, is drawn once the reader gets there, and its card opens.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = await waitFor(async () => {
      const marks = await readHighlights(page);
      return marks.find((m) => m.text === 'Vladimir Putin' && m.y > 0 && m.y < 900);
    }, 'a mark at the end of the page');
    await hover(page, last);
    expect((await waitFor(() => readCard(page), 'the card at the end of the page')).name).toBe('Vladimir Putin');
  });

  it('keeps the card readable over CSS that unsets everything', async () => {
    await page.goto(`${origin}/hostile-css`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    const card = await waitFor(() => readCard(page), 'the card');
    expect(card.name).toBe('Steve Witkoff');
    const look = await page.evaluate(() => {
      const host = [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'));
      const popover = host?.shadowRoot?.querySelector('.nc-popover:popover-open') as HTMLElement;
      const name = popover.querySelector('.nc-card__name') as HTMLElement;
      const box = popover.getBoundingClientRect();
      const style = getComputedStyle(name);
      return { width: box.width, height: box.height, fontSize: Number.parseFloat(style.fontSize), color: style.color };
    });
    expect(look.width).toBeGreaterThan(200);
    expect(look.height).toBeGreaterThan(80);
    expect(look.fontSize).toBeGreaterThanOrEqual(14);
    expect(look.color).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot(`${ARTIFACTS}/${name}-hostile-css-card.png`);
  });

  it('marks and opens a styled card under a strict Content-Security-Policy, without a network request', async () => {
    await page.goto(`${origin}/csp`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    await waitFor(() => readCard(page), 'the card');
    // The card's own styles applied (the shadow root's style sheet was not blocked).
    const background = await page.evaluate(() => {
      const host = [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'));
      const popover = host?.shadowRoot?.querySelector('.nc-popover:popover-open') as HTMLElement;
      return getComputedStyle(popover).backgroundColor;
    });
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(requests.filter((path) => path !== '/favicon.ico')).toEqual(['/csp']);
  });

  it('opens the card again every time after the page removes its host', async () => {
    await page.goto(`${origin}/host-removed`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    for (let round = 0; round < 3; round++) {
      await hover(page, witkoff);
      expect((await waitFor(() => readCard(page), `the card, round ${round + 1}`)).name).toBe('Steve Witkoff');
      await page.press('Escape');
      await waitFor(async () => (await readCard(page)) === null, 'the card to close');
      // What hydration or a clean-up script does to nodes it did not create.
      await page.evaluate(() => {
        for (const element of [...document.documentElement.children])
          if (element !== document.head && element !== document.body) element.remove();
      });
    }
    await hover(page, witkoff);
    expect((await waitFor(() => readCard(page), 'the card after the last removal')).name).toBe('Steve Witkoff');
  });

  it('never marks hidden text, however it is hidden, and marks it once it is shown', async () => {
    await page.goto(`${origin}/hidden`);
    await scrollToHighlight(page, 'Witkoff');
    await pause(500);
    expect(await markedIds(page)).toEqual({ 'person/steve-witkoff': 1 });
    expect(await mentionsOnPage(browser, page)).toEqual({ 'person/steve-witkoff': 1 });
    // The page opens its tab (a class change), and unhides the styled span.
    await page.evaluate(() => {
      document.getElementById('tab')?.classList.add('open');
      document.querySelector('.gone')?.classList.remove('gone');
    });
    const shown = await waitFor(async () => {
      const marks = await markedIds(page);
      return marks['person/volodymyr-zelensky'] === 1 && marks['person/vladimir-putin'] === 1 ? marks : undefined;
    }, 'the shown text to be marked');
    expect(shown).toEqual({
      'person/steve-witkoff': 1,
      'person/volodymyr-zelensky': 1,
      'person/vladimir-putin': 1,
    });
  });

  it('marks a page that mentioned nothing at first once it shows or adds a name', async () => {
    await page.goto(`${origin}/quiet`);
    await pause(PAGE_DEFAULTS.lookAgainMs + 500);
    expect(await markedIds(page)).toEqual({});
    // The page opens its tab (a class change): the name it held is now shown.
    await page.evaluate(() => document.getElementById('tab')?.classList.add('open'));
    await waitFor(async () => (await markedIds(page))['person/volodymyr-zelensky'] === 1, 'the shown name');
    // And it appends an update naming someone else.
    await page.evaluate(() => {
      const update = document.createElement('p');
      update.textContent = 'Update: Steve Witkoff landed in Moscow.';
      document.getElementById('feed')?.append(update);
    });
    const marks = await waitFor(async () => {
      const found = await markedIds(page);
      return found['person/steve-witkoff'] === 1 ? found : undefined;
    }, 'the appended name');
    expect(marks).toEqual({
      'person/volodymyr-zelensky': 1,
      'person/steve-witkoff': 1,
      'place/moscow': 1,
    });
    expect(await pageErrors(page)).toEqual([]);
  });

  it('marks a name that is only in an open shadow root', async () => {
    await page.goto(`${origin}/shadow-only`);
    const marks = await waitFor(async () => {
      const found = await markedIds(page);
      return found['person/steve-witkoff'] === 1 ? found : undefined;
    }, 'the name in the shadow root');
    expect(marks).toEqual({ 'person/steve-witkoff': 1 });
  });

  it('marks an article in a closed <details> when the reader opens it', async () => {
    await page.goto(`${origin}/details`);
    await scrollToHighlight(page, 'Witkoff');
    await pause(300);
    expect(await markedIds(page)).toEqual({ 'person/steve-witkoff': 1 });
    await page.evaluate(() => (document.querySelector('summary') as HTMLElement).click());
    const marks = await waitFor(async () => {
      const found = await markedIds(page);
      return found['person/vladimir-putin'] ? found : undefined;
    }, 'the opened text to be marked');
    expect(marks).toEqual({ 'person/steve-witkoff': 1, 'person/vladimir-putin': 1, 'org/kremlin': 1 });
  });

  it('marks frames the page serves, writes itself (about:blank) and embeds as srcdoc', async () => {
    await page.goto(`${origin}/frames`);
    const frames = await waitFor(async () => {
      const marks = await frameMarks(page);
      return marks.every((texts) => texts.length > 0) ? marks : undefined;
    }, 'marks in every frame');
    expect(frames).toEqual([['Steve Witkoff'], ['Volodymyr Zelensky'], ['Vladimir Putin']]);
  });

  it('marks fifty same-origin frames and leaves the page responsive', async () => {
    await page.goto(`${origin}/many-frames`);
    const frames = await waitFor(
      async () => {
        const marks = await frameMarks(page);
        return marks.filter((texts) => texts.length > 0).length === 50 ? marks : undefined;
      },
      'marks in all 50 frames',
      30_000,
    );
    expect(frames.every((texts) => texts.join() === 'Steve Witkoff')).toBe(true);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
  });

  it('does not go through DOM methods the page patched, and works as usual', async () => {
    await page.goto(`${origin}/patched`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await hover(page, witkoff);
    expect((await waitFor(() => readCard(page), 'the card')).name).toBe('Steve Witkoff');
    expect(await page.evaluate(() => (window as unknown as { __patchedCalls: number }).__patchedCalls)).toBe(0);
    expect(await pageErrors(page)).toEqual([]);
  });

  it('does not fight a page that removes every element it did not create', async () => {
    await page.goto(`${origin}/janitor`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    for (let round = 0; round < PAGE_DEFAULTS.maxHostReinserts + 4; round++) {
      await page.mouseMove(2, 2);
      await hover(page, witkoff);
      await pause(PAGE_DEFAULTS.closeDelayMs + 500);
    }
    // At most one insertion and the bounded re-inserts; the page answers, the marks stay.
    const removed = await page.evaluate(() => (window as unknown as { __removed: number }).__removed);
    expect(removed).toBeGreaterThan(0);
    expect(removed).toBeLessThanOrEqual(PAGE_DEFAULTS.maxHostReinserts + 1);
    expect(await markedIds(page)).toMatchObject({ 'person/steve-witkoff': 1, 'org/kremlin': 1 });
    expect(await pageErrors(page)).toEqual([]);
  });

  it('keeps up with 100 history.replaceState calls in a second, and the page keeps its own timers', async () => {
    await page.goto(`${origin}/replace-state`);
    await scrollToHighlight(page, 'Witkoff');
    const ticksBefore = await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
    await page.evaluate(() => (window as unknown as { __storm: () => Promise<number> }).__storm());
    const marks = await waitFor(
      async () => {
        const found = await markedIds(page);
        return found['person/volodymyr-zelensky'] ? found : undefined;
      },
      'the new story to be marked',
      20_000,
    );
    expect(marks).toEqual({ 'person/volodymyr-zelensky': 1, 'place/kyiv': 1 });
    const ticksAfter = await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks);
    expect(ticksAfter - ticksBefore).toBeGreaterThan(20);
    expect(await pageErrors(page)).toEqual([]);
  });

  it('finds every name in a text node of 100,000 characters, the last one included', async () => {
    await page.goto(`${origin}/long-text`);
    const expected = await page.evaluate(() => document.getElementById('long')?.textContent ?? '');
    const want = findMatches(expected, matcher).length;
    expect(want).toBeGreaterThan(500);
    const counts = await waitFor(async () => {
      const found = await mentionsOnPage(browser, page);
      return Object.values(found).reduce((a, b) => a + b, 0) === want ? found : undefined;
    }, `all ${want} names counted`);
    expect(counts['person/vladimir-putin']).toBe(1);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await waitFor(async () => (await readHighlights(page)).some((m) => m.text === 'Vladimir Putin'), 'the last name');
  });

  it('leaves the page’s load event where the browser puts it without the extension', async () => {
    // Chromium holds a page's load event back until an extension's document_end and document_idle scripts have
    // run; the page's first full layout then lands in a task of its own after DOMContentLoaded, which a long
    // page's own observer counts as a long task. Ours starts from a document_start script (the highlighting is
    // imported there and waits for the parsed page), so the load comes in the task that ends the parsing.
    await page.goto(`${origin}/load-order`);
    await scrollToHighlight(page, 'Witkoff');
    const order = await page.evaluate(() => (window as unknown as { __order: string[] }).__order);
    expect(order).toEqual(['load', 'next task']);
  });

  it('has its marks’ style in place before the page is parsed, and marks it once it is', async () => {
    // A style sheet adopted after the page's elements have their style makes the browser restyle every one of
    // them (tens of milliseconds on a long page); adopted while the page is still arriving, it costs nothing.
    await page.goto(`${origin}/slow-parse`);
    await waitFor(async () => (await markedIds(page))['person/volodymyr-zelensky'] === 1, 'the second half marked');
    const rules = await page.evaluate(
      () => (window as unknown as { __highlightRulesWhileParsing: string[] }).__highlightRulesWhileParsing,
    );
    const drawn = await page.evaluate(
      (pattern) => [...CSS.highlights.keys()].filter((key) => new RegExp(pattern).test(key)),
      OUR_MARK,
    );
    expect(drawn.length).toBeGreaterThan(0);
    for (const name of drawn) expect(rules.some((rule) => rule.includes(`::highlight(${name})`))).toBe(true);
  });

  it('styles its marks again after the page replaces the document’s style sheets', async () => {
    await page.goto(`${origin}/replaces-sheets`);
    await scrollToHighlight(page, 'Witkoff');
    await waitFor(() => page.evaluate(() => (window as unknown as { __assigned: number }).__assigned === 2), 'both');
    // The page's sheet stays first and whole; ours comes back beside it, styling every mark drawn.
    const read = () =>
      page.evaluate((pattern) => {
        const sheets = document.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
        const drawn = [...CSS.highlights.keys()].filter((key) => new RegExp(pattern).test(key));
        const ours = sheets.slice(1).flat();
        const styled =
          drawn.length > 0 && drawn.every((name) => ours.some((rule) => rule.includes(`::highlight(${name})`)));
        return { sheets, styled };
      }, OUR_MARK);
    const seen = await waitFor(async () => {
      const now = await read();
      return now.styled ? now : undefined;
    }, 'our marks styled again');
    expect(seen.sheets[0]).toEqual(['.page-note { font-style: italic; }']);
  });

  it('draws no marks while the page is in design mode, and marks again after', async () => {
    await page.goto(`${origin}/design-mode`);
    await scrollToHighlight(page, 'Witkoff');
    await page.evaluate(() => {
      document.designMode = 'on';
    });
    await waitFor(async () => (await readHighlights(page)).length === 0, 'the marks to go in design mode');
    await page.evaluate(() => {
      document.designMode = 'off';
    });
    await waitFor(async () => (await readHighlights(page)).length > 0, 'the marks to come back');
  });

  it('tells the page nothing about itself: names that name nothing, fresh per load, no debug switch', async () => {
    await page.goto(`${origin}/debug-attribute`);
    await scrollToHighlight(page, 'Witkoff');
    const first = await page.evaluate(() => [...CSS.highlights.keys()]);
    await hover(page, (await readHighlights(page))[0] as never);
    await waitFor(() => readCard(page), 'the card');
    const seen = await page.evaluate(() => ({
      measures: performance.getEntriesByType('measure').map((e) => e.name),
      elements: [...document.documentElement.children].map((e) => e.tagName.toLowerCase()),
      sheets: document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)),
    }));
    for (const text of [...first, ...seen.elements, ...seen.sheets]) expect(text).not.toMatch(/news|context/i);
    // Setting our old debug attribute on the page switches nothing on.
    expect(seen.measures).toEqual([]);
    const { others } = await mutationsSinceLoad(page);
    expect(others).toEqual([]);
    await page.reload();
    await scrollToHighlight(page, 'Witkoff');
    const second = await page.evaluate(() => [...CSS.highlights.keys()]);
    expect(second.some((key) => first.includes(key))).toBe(false);
  });

  it('lets no page fetch its scripts by the extension id to learn it is installed', async () => {
    await page.goto(`${origin}/debug-attribute`);
    await scrollToHighlight(page, 'Witkoff');
    // Chromium's build imports the content script and the card's UI script as modules, which it must make
    // web-accessible (modules/content-script-as-module.ts): only through a URL drawn per session, never by the id.
    const fetched = await page.evaluate(async (base) => {
      const files = ['content-scripts/marks-style.js', 'content-scripts/content.module.js', 'card-ui.js'];
      const tries = files.map(async (file) => {
        try {
          return `${file}: ${(await fetch(`${base}/${file}`)).status}`;
        } catch {
          return null;
        }
      });
      return (await Promise.all(tries)).filter(Boolean);
    }, browser.driver.extensionBaseUrl);
    expect(fetched).toEqual([]);
  });
});
