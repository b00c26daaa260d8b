/**
 * A reader's pass over the extension's views, in Chromium and Firefox: citations that collapse and expand,
 * the compact timeline's height in a popup-sized window, and the options page's live preview of the marking
 * policies and styles. The views are the extension's own Preact components on a plain local test page
 * (tests/e2e/reading-page), because Firefox's WebDriver BiDi cannot open moz-extension:// pages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import type { Entity, Source } from '../../src/core/dataset-schema.ts';
import { MARKING_POLICIES } from '../../src/core/mention-policy.ts';
import { buildDatasetView } from '../../src/core/search/dataset-view.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings-schema.ts';
import compiled from '../../src/data/compiled/entities.json' with { type: 'json' };
import { ARTIFACTS, describeInBrowsers, ROOT, waitFor } from './harness.ts';
import { startReadingPage } from './reading-page/serve.ts';

/** A demo-site article (a source text of the dataset), set as a page and marked under each policy. */
const DEMO_ARTICLE = 'trump-and-putin-to-meet';
/** The default policy's bound on that article, in marks per 100 words (README: How much is marked). */
const DEFAULT_DENSITY_BOUND = 10;

const views = await startReadingPage(
  new Map([[DEMO_ARTICLE, join(ROOT, 'src', 'data', 'sources', `${DEMO_ARTICLE}.txt`)]]),
);
afterAll(() => views.close());

/** The toolbar popup's size: 400 px wide, at most 580 px tall (popup.css). */
const POPUP = Object.freeze({ width: 400, height: 580 });
const timeline = buildDatasetView(compiled.entities as Entity[], compiled.sources as Source[]).timeline;

/** Clicks the first element matching `selector` (in the card's shadow root for the card view). */
function clickOn(page: DriverPage, selector: string): Promise<void> {
  return page.evaluate((sel) => {
    const root = document.querySelector('#app')?.shadowRoot ?? document;
    (root.querySelector(sel) as HTMLElement).click();
  }, selector);
}

describeInBrowsers('a reader’s pass', (browser) => {
  let page: DriverPage;
  beforeAll(async () => {
    page = await browser.driver.newPage();
  });

  it('shows each source as its headline or outlet and date, collapses several to "N sources" that expand to quotes', async () => {
    await page.setViewport(480, 900);
    await page.goto(`${views.url}?view=card&id=event/alaska-summit`);
    const card = () =>
      page.evaluate(() => {
        const root = document.querySelector('#app')?.shadowRoot as ShadowRoot;
        // checkVisibility(): a closed <details> may hide its content with content-visibility, keeping its box.
        const visible = (el: Element | null) => Boolean(el?.checkVisibility());
        return {
          text: root.textContent ?? '',
          toggles: [...root.querySelectorAll('.nc-sources__toggle')].map((b) => b.textContent ?? ''),
          expanded: root.querySelector('.nc-sources__toggle')?.getAttribute('aria-expanded'),
          lines: [...root.querySelectorAll('.nc-sources__list .nc-cite summary')].map((s) => s.textContent ?? ''),
          singles: [...root.querySelectorAll('.nc-fact > .nc-cite summary')].map((s) => s.textContent ?? ''),
          quoteShown: visible(root.querySelector('.nc-sources__list .nc-cite blockquote')),
          tipShown: visible(root.querySelector('.nc-date--inferred .nc-tip')),
        };
      });
    await waitFor(async () => (await card()).toggles.length > 0, 'the card');
    const closed = await card();
    expect(closed.text).not.toContain('Outlet unknown');
    expect(closed.text).not.toContain('(date inferred)');
    // The summit's first fact has two sources: one line says so, and the lines wait until asked for.
    expect(closed.toggles[0]).toBe('▸2 sources');
    expect(closed.expanded).toBe('false');
    expect(closed.lines).toEqual([]);
    // A single citation is one line: what the source is called, and when it appeared.
    expect(closed.singles.length).toBeGreaterThan(0);
    for (const line of closed.singles) expect(line).toMatch(/\S\s·\s(\d{1,2}(–\d{1,2})? )?[A-Z][a-z]{2} 2025$/);

    await clickOn(page, '.nc-sources__toggle');
    await waitFor(async () => (await card()).lines.length === 2, 'the two sources');
    const open = await card();
    expect(open.expanded).toBe('true');
    for (const line of open.lines) expect(line).toMatch(/\s·\s\d{1,2}–\d{1,2} Aug 2025$/);
    expect(open.quoteShown).toBe(false);
    await clickOn(page, '.nc-sources__list .nc-cite summary');
    await waitFor(async () => (await card()).quoteShown, 'the quote');

    // The summit's inferred date says how it was worked out when focused.
    expect(open.tipShown).toBe(false);
    // Focus only shows in the window that has it (Firefox matches :focus in the focused window alone).
    await page.bringToFront();
    await page.evaluate(() => {
      const root = document.querySelector('#app')?.shadowRoot as ShadowRoot;
      (root.querySelector('.nc-date--inferred') as HTMLElement).focus();
    });
    await waitFor(async () => (await card()).tipShown, 'the date’s explanation on focus');
    expect((await card()).text).toContain('Date worked out from the reports: The Friday before');
    await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-card-sources-light.png`);
  });

  it('fits the whole bundled timeline, one compact row per event, in two popup heights', async () => {
    await page.setViewport(POPUP.width, POPUP.height);
    await page.goto(`${views.url}?view=timeline`);
    await waitFor(() => page.evaluate(() => Boolean(document.querySelector('.nc-searchbar .nc-button'))), 'popup');
    await clickOn(page, '.nc-searchbar .nc-button');
    await waitFor(() => page.evaluate(() => document.querySelectorAll('.nc-timeline__item').length), 'the timeline');
    await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-timeline-light.png`);
    const measured = await page.evaluate(() => {
      const popup = document.querySelector('.nc-popup') as HTMLElement;
      const list = document.querySelector('.nc-timeline') as HTMLElement;
      // The popup scrolls inside its list; unclipped, it is as tall as a reader would scroll through.
      popup.style.maxHeight = 'none';
      list.style.overflow = 'visible';
      const rows = [...document.querySelectorAll('.nc-timeline__item')] as HTMLElement[];
      return {
        height: popup.getBoundingClientRect().height,
        rows: rows.length,
        tallestRow: Math.max(...rows.map((row) => row.getBoundingClientRect().height)),
        years: [...document.querySelectorAll('.nc-timeline__year-title')].map((h) => h.textContent),
        text: list.textContent ?? '',
      };
    });
    console.log(`${browser.name}: the timeline of ${measured.rows} events is ${Math.round(measured.height)} px tall`);
    expect(measured.rows).toBe(timeline.length);
    expect(measured.height).toBeLessThanOrEqual(2 * POPUP.height);
    // A row is a name (at most two lines in 400 px) and one line of what happened: no more than three lines.
    expect(measured.tallestRow).toBeLessThanOrEqual(3 * 20 + 10);
    expect(measured.years).toEqual([...new Set(timeline.map((event) => event.date?.on.slice(0, 4)))]);
    expect(measured.text).not.toContain('Outlet unknown');
    expect(measured.text).not.toContain('(date inferred)');

    // Sources on demand.
    const sources = () =>
      page.evaluate(() => {
        const list = document.querySelector('[data-entity="event/alaska-summit"] .nc-timeline__sources');
        return (list as HTMLElement).offsetHeight > 0 ? [...(list?.children ?? [])].map((li) => li.textContent) : [];
      });
    expect(await sources()).toEqual([]);
    await clickOn(page, '[data-entity="event/alaska-summit"] .nc-timeline__toggle');
    await waitFor(async () => (await sources()).length > 1, 'the summit’s sources');
    for (const line of await sources()) expect(line).toMatch(/ · \d{1,2}–\d{1,2} Aug 2025$/);
  });

  it('marks the demo article quietly under the default policy, with screens from the layout', async () => {
    await page.setViewport(800, 900);
    const density: Record<string, number> = {};
    for (const policy of MARKING_POLICIES) {
      await page.goto(`${views.url}?view=article&name=${DEMO_ARTICLE}&policy=${policy}`);
      const counted = await waitFor(
        () =>
          page.evaluate(() => {
            const { marks, words } = document.body.dataset;
            return marks && words ? (100 * Number(marks)) / Number(words) : null;
          }),
        `the article marked under ${policy}`,
      );
      density[policy] = counted;
      await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-article-${policy}.png`);
    }
    console.log(`${browser.name}: marks per 100 words on ${DEMO_ARTICLE}: ${JSON.stringify(density)}`);
    expect(density[DEFAULT_SETTINGS.marking]).toBeLessThanOrEqual(DEFAULT_DENSITY_BOUND);
    expect(density[DEFAULT_SETTINGS.marking]).toBeLessThan(density.every as number);
    expect(density.first).toBeLessThanOrEqual(density[DEFAULT_SETTINGS.marking] as number);
  });

  it('previews each marking policy and style as pages draw them', async () => {
    await page.setViewport(760, 1300);
    await page.goto(`${views.url}?view=options`);
    await waitFor(() => page.evaluate(() => Boolean(document.querySelector('.nc-preview'))), 'the options');
    const preview = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.nc-preview__page [data-entity]')].map((span) => {
          const style = getComputedStyle(span);
          return {
            id: span.getAttribute('data-entity') ?? '',
            kind: span.getAttribute('data-kind') ?? '',
            block: [...(span.closest('.nc-preview__page')?.children ?? [])].indexOf(span.parentElement as Element),
            marked: span.classList.contains('nc-preview__mark'),
            decoration: `${style.textDecorationLine} ${style.textDecorationStyle}`,
            background: style.backgroundColor,
          };
        }),
      );
    const checked = () =>
      page.evaluate(() => (document.querySelector('input[name="marking"]:checked') as HTMLInputElement).value);
    expect(await checked()).toBe('first-per-screen');

    const marked: Record<string, number> = {};
    for (const policy of MARKING_POLICIES) {
      await clickOn(page, `input[name="marking"][value="${policy}"]`);
      await waitFor(async () => (await checked()) === policy, policy);
      const spans = await preview();
      marked[policy] = spans.filter((s) => s.marked).length;
      const ids = spans.map((s) => s.id);
      if (policy === 'every') expect(spans.every((s) => s.marked)).toBe(true);
      if (policy === 'first') {
        // Each name once, at its first mention.
        expect(spans.filter((s) => s.marked).map((s) => s.id)).toEqual([...new Set(ids)]);
      }
      if (policy === 'first-per-screen') {
        // Each name once per section (the sample has no screens): every heading and the text after it.
        const keys = spans.filter((s) => s.marked).map((s) => `${s.block}/${s.id}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
      if (policy === 'familiar-once') {
        for (const s of spans.filter((x) => x.kind === 'person')) expect(s.marked).toBe(true);
        const places = spans.filter((s) => s.kind === 'place' && s.marked).map((s) => s.id);
        expect(places).toEqual([...new Set(places)]);
      }
      // Marks drawn with the page's own style: a dotted underline, no fill.
      for (const s of spans.filter((x) => x.marked)) expect(s.decoration).toBe('underline dotted');
      for (const s of spans.filter((x) => !x.marked)) expect(s.decoration).not.toContain('underline');
      await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-options-${policy}-light.png`);
    }
    expect(marked.first).toBeLessThan(marked['first-per-screen'] as number);
    expect(marked['first-per-screen']).toBeLessThan(marked.every as number);
    expect(marked['familiar-once']).toBeLessThan(marked.every as number);

    await clickOn(page, 'input[name="style"][value="tint"]');
    await waitFor(async () => (await preview()).some((s) => s.marked && s.background !== 'rgba(0, 0, 0, 0)'), 'tint');
    for (const s of (await preview()).filter((x) => x.marked)) expect(s.decoration).not.toContain('underline');
  });
});

describeInBrowsers(
  'a reader’s pass in the dark',
  (browser) => {
    it('lightens the preview’s marks on a dark page and keeps the views readable (screenshots)', async () => {
      const page = await browser.driver.newPage({ colorScheme: 'dark' });
      await page.setViewport(480, 900);
      await page.goto(`${views.url}?view=card&id=event/alaska-summit&theme=dark`);
      await waitFor(() => page.evaluate(() => Boolean(document.querySelector('#app')?.shadowRoot)), 'card');
      await clickOn(page, '.nc-sources__toggle');
      // The card as the reader sees it once it has faded in (the screenshot caught it half-faded in Chromium).
      await page.evaluate(() =>
        Promise.all(
          (document.querySelector('#app')?.shadowRoot?.getAnimations() ?? []).map((animation) => animation.finished),
        ),
      );
      await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-card-sources-dark.png`);
      // The card is longer than the window allows, so it scrolls: its scrollbar is drawn in the card's dark
      // colours, not as a light track beside dark text (as Firefox drew it before the card said its scheme).
      const scroller = await page.evaluate(() => {
        const popover = document.querySelector('#app')?.shadowRoot?.querySelector('.nc-popover') as HTMLElement;
        const style = getComputedStyle(popover);
        return {
          scrolls: popover.scrollHeight > popover.clientHeight,
          scheme: style.colorScheme,
          scrollbar: style.scrollbarColor,
          background: style.backgroundColor,
        };
      });
      expect(scroller.scrolls).toBe(true);
      expect(scroller.scheme).toBe('dark');
      expect(scroller.scrollbar).toContain(scroller.background);
      await page.setViewport(POPUP.width, POPUP.height);
      await page.goto(`${views.url}?view=timeline&theme=dark`);
      await waitFor(() => page.evaluate(() => Boolean(document.querySelector('.nc-searchbar .nc-button'))), 'popup');
      await clickOn(page, '.nc-searchbar .nc-button');
      await waitFor(() => page.evaluate(() => document.querySelectorAll('.nc-timeline__item').length), 'timeline');
      await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-timeline-dark.png`);
      await page.setViewport(760, 1300);
      await page.goto(`${views.url}?view=options&theme=dark`);
      await waitFor(() => page.evaluate(() => Boolean(document.querySelector('.nc-preview__mark'))), 'options');
      await page.screenshot(`${ARTIFACTS}/${browser.name}-reading-options-dark.png`);
      // The people's default colour (#2563eb) is mixed with white on dark pages, as on pages.
      const colour = await page.evaluate(
        () =>
          getComputedStyle(document.querySelector('.nc-preview__mark[data-kind="person"]') as Element)
            .textDecorationColor,
      );
      expect(colour).not.toBe('rgb(37, 99, 235)');
      expect(colour).toMatch(/^(rgb|color)\(/);
      await page.close();
    });
  },
  { launch: { colorScheme: 'dark' } },
);
