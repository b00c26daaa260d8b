/**
 * A phone: a 360 × 740 viewport and a finger. The first tap on a mention opens its card (and does not follow the
 * link the mention sits in), the card fits the screen, a tap outside closes it, and a second tap on a mention
 * whose card is open is the page's again (the link is followed).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DriverPage } from '../../scripts/browsers.ts';
import { ARTIFACTS, describeInBrowsers, readCard, scrollToHighlight, storeSettings, waitFor } from './harness.ts';

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>On a phone</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { font: 17px/1.5 Georgia, serif; margin: 12px; }</style></head>
<body><main><article><h1>Talks go on</h1>
<p>The envoy <a href="/profile">Steve Witkoff</a> met reporters before the talks.</p>
<p>Nothing else happened that morning, and the reporters went home.</p>
</article></main></body></html>`;

let origin = '';
const server = createServer((request, response) => {
  const body = request.url === '/profile' ? '<!doctype html><title>Profile</title><p>A profile page.</p>' : ARTICLE;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The open card's box. */
function cardBox(page: DriverPage) {
  return page.evaluate(() => {
    const host = [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'));
    const rect = host?.shadowRoot?.querySelector('.nc-popover:popover-open')?.getBoundingClientRect();
    return rect ? { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom } : null;
  });
}

describeInBrowsers('a touch screen', (browser) => {
  let page: DriverPage;

  beforeAll(async () => {
    await storeSettings(browser.driver, { marking: 'every' });
    page = await browser.driver.newPage();
    await page.setViewport(360, 740);
  });

  it('opens the card on the first tap without following the link, fits the screen, and closes on a tap outside', async () => {
    await page.goto(`${origin}/article`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await page.tap(witkoff.x, witkoff.y);
    expect((await waitFor(() => readCard(page), 'the card after a tap')).name).toBe('Steve Witkoff');
    expect(await page.url()).toBe(`${origin}/article`);
    const box = await cardBox(page);
    expect(box?.left).toBeGreaterThanOrEqual(0);
    expect(box?.right).toBeLessThanOrEqual(360);
    expect(box?.bottom).toBeLessThanOrEqual(740);
    await page.screenshot(`${ARTIFACTS}/${browser.name}-touch-card.png`);
    // A tap on the page's text, away from the card and the mention.
    const outside = await page.evaluate(() => {
      const rect = document.querySelector('h1')?.getBoundingClientRect() as DOMRect;
      return { x: rect.left + 20, y: rect.top + rect.height / 2 };
    });
    await page.tap(outside.x, outside.y);
    await waitFor(async () => (await readCard(page)) === null, 'the card to close after a tap outside');
  });

  it('follows the link on a second tap of the mention whose card is open', async () => {
    await page.goto(`${origin}/article`);
    const witkoff = await scrollToHighlight(page, 'Witkoff');
    await page.tap(witkoff.x, witkoff.y);
    await waitFor(() => readCard(page), 'the card after the first tap');
    expect(await page.url()).toBe(`${origin}/article`);
    await page.tap(witkoff.x, witkoff.y);
    await waitFor(async () => (await page.url()) === `${origin}/profile`, 'the link to be followed');
  });
});
