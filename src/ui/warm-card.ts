/**
 * Makes the first card of a page cheap to show, while the hover delay runs: the hidden card's fonts are looked
 * up, then the card is laid out once out of sight. In a browser's first tab every size, weight and style the card
 * uses is new to the renderer, and each costs a call to the browser's font service (2 to 4 ms each in traces);
 * all in the card's first layout, with its render, they made tasks of 57 to 78 ms. Measured here one font a
 * task, each is a small one (docs/measurements.md, the page's twenty-second round).
 */
import { yieldToPage } from '../core/yield-to-page.ts';

/**
 * Each font the card's text is drawn in (style, weight, size and family, as the canvas `font` takes them), with
 * the characters drawn in it (upper case where the text is transformed so): what its first layout looks up.
 */
export function fontsOfText(root: Element): Map<string, string> {
  const fonts = new Map<string, Set<string>>();
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = (node as Text).data;
    if (!element || !text.trim()) continue;
    const style = getComputedStyle(element);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const chars = fonts.get(font) ?? new Set<string>();
    for (const char of style.textTransform === 'uppercase' ? text.toUpperCase() : text) chars.add(char);
    fonts.set(font, chars);
  }
  return new Map([...fonts].map(([font, chars]) => [font, [...chars].join('')]));
}

/**
 * Warms the hidden card `popover`: its fonts measured on a canvas one a task, then one layout out of sight.
 * Stops where the card is shown meanwhile (showing it does the rest).
 */
export async function warmCard(popover: HTMLElement): Promise<void> {
  await yieldToPage();
  if (popover.matches(':popover-open')) return;
  const fonts = fontsOfText(popover);
  const context = popover.ownerDocument.createElement('canvas').getContext('2d');
  for (const [font, chars] of fonts) {
    await yieldToPage();
    if (!context || popover.matches(':popover-open')) break;
    context.font = font;
    context.measureText(chars);
  }
  await yieldToPage();
  layOutOutOfSight(popover);
}

/**
 * Lays the hidden card out once, out of sight and out of the page's flow, then hides it again: its styles are
 * matched and its text shaped now, rather than in the frame that shows it.
 */
function layOutOutOfSight(popover: HTMLElement): void {
  if (popover.matches(':popover-open')) return;
  const { style } = popover;
  const out = { display: 'block', visibility: 'hidden', left: '-10000px' };
  // The place of the card shown last is kept for the next one (the new place is set once it is shown).
  const kept = Object.keys(out).map((name) => [name, style.getPropertyValue(name)] as const);
  for (const [name, value] of Object.entries(out)) style.setProperty(name, value, 'important');
  popover.getBoundingClientRect();
  for (const [name, value] of kept) {
    if (value) style.setProperty(name, value);
    else style.removeProperty(name);
  }
}
