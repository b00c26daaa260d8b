/**
 * Reading in context, in the browsers: on a page about the story, "ceasefire" (named before the story's people)
 * is marked as the Russia–Ukraine ceasefire once the page has named them; on a page about Gaza it is never marked,
 * while the page's plain names (Trump, the White House) are. Expectations are written by hand beside each page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import { startDemoSite } from '../../scripts/demo-site.ts';
import type { MatcherTables } from '../../src/core/matcher/compile-matcher.ts';
import { findMatches } from '../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../src/core/matcher/load-matcher.ts';
import compiledMatcher from '../../src/data/compiled/matcher.json' with { type: 'json' };
import {
  countByEntity,
  describeInBrowsers,
  hover,
  type PageExpectations,
  ROOT,
  readCard,
  readHighlights,
  storeSettings,
  waitFor,
} from './harness.ts';

const site = await startDemoSite();
afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

const matcher = loadMatcher(compiledMatcher as MatcherTables);
/** The id of a mark's text read on its own (a context-only name counts as met: the page decided it already). */
const identify = (text: string) => findMatches(text, matcher)[0]?.id;
const expectations = (page: string): PageExpectations =>
  JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', page.replace('.html', '.expected.json')), 'utf8'));

describeInBrowsers('reading in context', (browser) => {
  let page: DriverPage;

  beforeAll(async () => {
    await storeSettings(browser.driver, { marking: 'every' });
    page = await browser.driver.newPage();
  });

  for (const fixture of ['context-on-topic.html', 'context-off-topic.html']) {
    it(`marks ${fixture} as its expectations say`, async () => {
      const expected = expectations(fixture);
      await page.goto(`${site.url}/fixtures/${fixture}`);
      const total = Object.values(expected.marked).reduce((a, b) => a + b, 0);
      const found = await waitFor(async () => {
        const counts = await countByEntity(await readHighlights(page), identify);
        return Object.values(counts).reduce((a, b) => a + b, 0) >= total ? counts : undefined;
      }, `the ${total} marks of ${fixture}`);
      for (const [id, count] of Object.entries(expected.marked))
        expect(found[id], `${id} in ${JSON.stringify(found)}`).toBe(count);
      for (const id of expected.notMarked) expect(found[id], id).toBeUndefined();
    });
  }

  it('opens the ceasefire card for the word on the page about the story', async () => {
    await page.goto(`${site.url}/fixtures/context-on-topic.html`);
    const mark = await waitFor(
      async () => (await readHighlights(page)).find((h) => /cease-?fire/i.test(h.text)),
      'the ceasefire mark',
    );
    await hover(page, mark);
    expect((await waitFor(() => readCard(page), 'its card')).text).toMatch(/ceasefire/i);
  });
});
