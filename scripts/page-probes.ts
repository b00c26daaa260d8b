/**
 * Reads what the extension shows on a page, through either browser driver: our CSS highlights, the open
 * card in our shadow root, and pointer helpers. Used by `npm start` (headless) and the end-to-end tests.
 */
import type { DriverPage } from './browsers.ts';

export interface PageHighlight {
  kind: string;
  text: string;
  x: number;
  y: number;
}

/**
 * The shape of our CSS highlight names (`src/page/page-names.ts`): a random token fresh on each page load and
 * the kind (with `-dark` on a dark page), so nothing names the product. Tests tell ours from a page's own
 * highlights by it; the kind is its first group.
 */
export const OUR_HIGHLIGHT = '^[a-z][a-z0-9]{5}-(person|organization|place|event|topic|flash)(?:-dark)?$';

/** `OUR_HIGHLIGHT` without the flash: the highlights that are marks. */
export const OUR_MARK = '^[a-z][a-z0-9]{5}-(person|organization|place|event|topic)(?:-dark)?$';

/** Every range in our CSS highlights (near the viewport: far ones are not registered): kind, text, centre of its first box. */
export function readHighlights(page: DriverPage): Promise<PageHighlight[]> {
  return page.evaluate((pattern) => {
    const ours = new RegExp(pattern);
    const out: { kind: string; text: string; x: number; y: number }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      const kind = ours.exec(name)?.[1];
      if (!kind) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        const rect = range.getClientRects()[0];
        out.push({
          kind,
          text: range.toString(),
          x: rect ? rect.left + rect.width / 2 : -1,
          y: rect ? rect.top + rect.height / 2 : -1,
        });
      }
    }
    return out;
  }, OUR_HIGHLIGHT);
}

/**
 * Scrolls the first highlight whose text contains `text` to the upper part of the viewport and
 * returns its position after the scroll (pointer events need on-screen coordinates).
 */
export async function scrollToHighlight(page: DriverPage, text: string): Promise<PageHighlight> {
  await waitFor(
    async () => (await readHighlights(page)).some((h) => h.text.includes(text)),
    `a highlight of "${text}"`,
  );
  await page.evaluate(
    ({ wanted, pattern }) => {
      const ours = new RegExp(pattern);
      for (const [name, highlight] of CSS.highlights) {
        if (!ours.test(name)) continue;
        for (const range of highlight as unknown as Iterable<Range>) {
          if (!range.toString().includes(wanted)) continue;
          window.scrollBy(0, range.getBoundingClientRect().top - 200);
          return;
        }
      }
    },
    { wanted: text, pattern: OUR_HIGHLIGHT },
  );
  const found = (await readHighlights(page)).find((h) => h.text.includes(text));
  if (!found) throw new Error(`The highlight of "${text}" disappeared after scrolling`);
  return found;
}

/** Moves the pointer off and then onto a highlight, so the page sees real pointer movement. */
export async function hover(page: DriverPage, target: PageHighlight): Promise<void> {
  await page.mouseMove(2, 2);
  await page.mouseMove(target.x, target.y);
}

/** Polls `probe` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(probe: () => Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The open card's accessible name and text, read through the open shadow root of our one host element. */
export function readCard(page: DriverPage): Promise<{ name: string; text: string } | null> {
  return page.evaluate(() => {
    // Our host: the element of ours after <body>, holding the card's shadow root (its tag is random). The card
    // is open when its popover is shown: it may be in the shadow root before, rendered hidden during the delay.
    const host = [...document.documentElement.children].find((e) => e.shadowRoot?.querySelector('.nc-popover'));
    const dialog = host?.shadowRoot?.querySelector('.nc-popover:popover-open [role="dialog"]');
    if (!dialog) return null;
    const labelId = dialog.getAttribute('aria-labelledby');
    const label = labelId
      ? dialog.getRootNode() instanceof ShadowRoot && (dialog.getRootNode() as ShadowRoot).getElementById(labelId)
      : null;
    return {
      name: (label ? label.textContent : dialog.getAttribute('aria-label')) ?? '',
      text: dialog.textContent ?? '',
    };
  });
}

/** Waits until the card's opening animation or transition has finished, so a screenshot shows it at rest. */
export function waitForCardToSettle(page: DriverPage): Promise<void> {
  return page.evaluate(async () => {
    const root = [...document.documentElement.children].find((e) =>
      e.shadowRoot?.querySelector('.nc-popover'),
    )?.shadowRoot;
    if (!root) return;
    await Promise.all(root.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
}

/**
 * Runs in a page: hands a file to the options page's pack import picker as the browser hands a chosen file to
 * a page (`page.evaluate(choosePackFile, [name, text])`). No named inner functions: it is sent as source.
 */
export const choosePackFile = ([name, text]: readonly [string, string]): void => {
  const input = document.querySelector('input[type="file"][name="pack-file"]') as HTMLInputElement;
  const chosen = new DataTransfer();
  chosen.items.add(new File([text], name, { type: 'application/json' }));
  input.files = chosen.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
};
