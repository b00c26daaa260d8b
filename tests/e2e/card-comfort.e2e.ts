import { afterAll, expect, it } from 'vitest';
import type { Driver } from '../../scripts/browsers.ts';
import { startDemoSite } from '../../scripts/demo-site.ts';
import { waitForCardToSettle } from '../../scripts/page-probes.ts';
import { ARTIFACTS, describeInBrowsers, hover, readCard, scrollToHighlight, waitFor } from './harness.ts';

const site = await startDemoSite();
afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

/** The card's animation and box, read from inside our shadow root. */
function cardStyle(page: Awaited<ReturnType<Driver['newPage']>>) {
  return page.evaluate(() => {
    const popover = [...document.documentElement.children]
      .find((e) => e.shadowRoot?.querySelector('.nc-popover'))
      ?.shadowRoot?.querySelector('.nc-popover:popover-open');
    if (!popover) return null;
    const style = getComputedStyle(popover);
    const rect = popover.getBoundingClientRect();
    return {
      animation: style.animationName,
      fontSize: Number.parseFloat(style.fontSize),
      left: rect.left,
      right: rect.right,
      top: rect.top,
      bottom: rect.bottom,
      scrollable: popover.scrollHeight > popover.clientHeight ? getComputedStyle(popover).overflowY : 'fits',
    };
  });
}

async function openWitkoffCard(driver: Driver, width = 1280, height = 900) {
  const page = await driver.newPage();
  await page.setViewport(width, height);
  await page.goto(`${site.url}/article/trump-and-putin-to-meet`);
  await hover(page, await scrollToHighlight(page, 'Witkoff'));
  await waitFor(() => readCard(page), 'the card to open');
  return page;
}

describeInBrowsers("the card's comfort", (browser) => {
  it('fades in', async () => {
    const page = await openWitkoffCard(browser.driver);
    expect((await cardStyle(page))?.animation).toBe('nc-fade-in');
    await page.close();
  });

  it('stays inside the viewport and readable at 200% zoom (a 640 × 450 CSS-pixel viewport)', async () => {
    const page = await openWitkoffCard(browser.driver, 640, 450);
    const style = await cardStyle(page);
    // For the eye: a card scrolled part way, shaded at both cut edges (card.css).
    await waitForCardToSettle(page);
    await page.evaluate(() => {
      const popover = [...document.documentElement.children]
        .find((e) => e.shadowRoot?.querySelector('.nc-popover'))
        ?.shadowRoot?.querySelector('.nc-popover');
      popover?.scrollBy(0, 120);
    });
    await page.screenshot(`${ARTIFACTS}/${browser.name}-card-zoomed-scrolled.png`);
    await page.close();
    expect(style).not.toBeNull();
    if (!style) return;
    expect(style.left).toBeGreaterThanOrEqual(0);
    expect(style.right).toBeLessThanOrEqual(640);
    expect(style.top).toBeGreaterThanOrEqual(0);
    expect(style.bottom).toBeLessThanOrEqual(450);
    expect(style.fontSize).toBeGreaterThanOrEqual(14);
    // What does not fit scrolls inside the card rather than being cut off.
    expect(['fits', 'auto', 'scroll']).toContain(style.scrollable);
  });
});

describeInBrowsers(
  "the card's comfort for a reader who asks for reduced motion",
  (browser) => {
    it('appears without the fade-in', async () => {
      const page = await openWitkoffCard(browser.driver);
      expect((await cardStyle(page))?.animation).toBe('none');
      await page.close();
    });
  },
  { launch: { reducedMotion: true } },
);
