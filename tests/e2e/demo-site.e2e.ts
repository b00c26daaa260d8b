import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Driver, type DriverPage, launch } from '../../scripts/browsers.ts';
import { startDemoSite } from '../../scripts/demo-site.ts';
import {
  ARTIFACTS,
  browsersToRun,
  hover,
  OBSERVER_SCRIPT,
  ROOT,
  readCard,
  scrollToHighlight,
  waitFor,
} from './harness.ts';

const site = await startDemoSite(0, OBSERVER_SCRIPT);
afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

for (const { name, missing } of browsersToRun()) {
  describe(`the extension in ${name}`, () => {
    let driver: Driver;
    let page: DriverPage;

    beforeAll(async () => {
      if (missing) throw new Error(missing);
      driver = await launch(name, ROOT);
      page = await driver.newPage();
    });
    afterAll(async () => {
      await driver?.close();
    });

    it('marks Witkoff and the Alaska summit on the demo site', async () => {
      // The demo page renders "<b>Steve</b> Witkoff": the full name is one mention across the markup.
      await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
      const witkoff = await scrollToHighlight(page, 'Witkoff');
      expect(witkoff).toMatchObject({ kind: 'person', text: 'Steve Witkoff' });
      await page.goto(`${site.url}/article/trump-begins-effort-to-broker-talks`);
      const summit = await scrollToHighlight(page, 'Alaska summit');
      expect(summit.kind).toBe('event');
    });

    it('opens a card named after the entity on hover, and Escape closes it', async () => {
      await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
      const witkoff = await scrollToHighlight(page, 'Witkoff');
      await hover(page, witkoff);
      const card = await waitFor(() => readCard(page), 'the card to open');
      expect(card.name).toBe('Steve Witkoff');
      expect(card.text).toMatch(/special envoy/i);
      await page.screenshot(`${ARTIFACTS}/${name}-demo-site-card.png`);

      await page.press('Escape');
      await waitFor(async () => (await readCard(page)) === null, 'the card to close');
    });

    it('leaves the page DOM as it was, apart from the one host element of the card', async () => {
      await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
      const witkoff = await scrollToHighlight(page, 'Witkoff');
      await hover(page, witkoff);
      await waitFor(() => readCard(page), 'the card to open');
      const mutations = await page.evaluate(
        () =>
          (window as unknown as { __mutations: { type: string; added: string[]; removed: string[] }[] }).__mutations,
      );
      // The parser's own insertions happen before load; what remains must be our single host element.
      const ours = mutations.filter((m) => m.added.includes('NEWS-CONTEXT-CARD'));
      expect(ours).toHaveLength(1);
      const others = mutations.filter((m) => !m.added.includes('NEWS-CONTEXT-CARD'));
      expect(others, JSON.stringify(others.slice(0, 5))).toEqual([]);
    });
  });
}
