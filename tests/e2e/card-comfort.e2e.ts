import { afterAll, describe, expect, it } from 'vitest';
import { type Driver, launch } from '../../scripts/browsers.ts';
import { startDemoSite } from '../../scripts/demo-site.ts';
import { browsersToRun, hover, ROOT, readCard, scrollToHighlight, waitFor } from './harness.ts';

const site = await startDemoSite();
afterAll(() => new Promise<void>((resolve) => site.server.close(() => resolve())));

/** The card's animation and box, read from inside our shadow root. */
function cardStyle(page: Awaited<ReturnType<Driver['newPage']>>) {
  return page.evaluate(() => {
    const popover = [...document.documentElement.children]
      .find((e) => e.shadowRoot?.querySelector('.nc-popover'))
      ?.shadowRoot?.querySelector('.nc-popover');
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

for (const { name, missing } of browsersToRun()) {
  describe(`the card's comfort in ${name}`, () => {
    it('fades in normally, and not at all for readers who ask for reduced motion', async () => {
      if (missing) throw new Error(missing);
      for (const reducedMotion of [false, true]) {
        const driver = await launch(name, ROOT, { reducedMotion });
        try {
          const style = await cardStyle(await openWitkoffCard(driver));
          expect(style?.animation, `reducedMotion: ${reducedMotion}`).toBe(reducedMotion ? 'none' : 'nc-fade-in');
        } finally {
          await driver.close();
        }
      }
    });

    it('stays inside the viewport and readable at 200% zoom (a 640 × 450 CSS-pixel viewport)', async () => {
      if (missing) throw new Error(missing);
      const driver = await launch(name, ROOT);
      try {
        const style = await cardStyle(await openWitkoffCard(driver, 640, 450));
        expect(style).not.toBeNull();
        if (!style) return;
        expect(style.left).toBeGreaterThanOrEqual(0);
        expect(style.right).toBeLessThanOrEqual(640);
        expect(style.top).toBeGreaterThanOrEqual(0);
        expect(style.bottom).toBeLessThanOrEqual(450);
        expect(style.fontSize).toBeGreaterThanOrEqual(14);
        // What does not fit scrolls inside the card rather than being cut off.
        expect(['fits', 'auto', 'scroll']).toContain(style.scrollable);
      } finally {
        await driver.close();
      }
    });
  });
}
