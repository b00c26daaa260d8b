/**
 * Makes the first card of a page cheap to show, while the hover delay runs: the hidden card's fonts are looked
 * up, the card is laid out once out of sight, then a copy of it is painted once where no one can see it. In a
 * browser's first tab every size, weight and style the card uses is new to the renderer, and each costs a call
 * to the browser's font service (2 to 4 ms each in traces); all in the card's first layout, with its render, they
 * made tasks of 57 to 78 ms. Measured here one font a task, each is a small one (docs/measurements.md, the page's
 * twenty-second round). The first paint of the card's text is cold there too (its glyphs drawn for the first
 * time, the drawing code's first run): the unseen copy's paint takes that out of the frame that shows the card.
 */
import { afterNextFrame } from '../core/after-next-frame.ts';
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
  await yieldToPage();
  await paintUnseen(popover);
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

/**
 * How the unseen copy is drawn: transparent, yet painted and rasterised (a `will-change: opacity` layer; browsers
 * skip painting a plain `opacity: 0` element), at the viewport's corner (what lies outside the viewport is not
 * drawn), taking no pointer and playing no animation.
 */
const UNSEEN: Readonly<Record<string, string>> = Object.freeze({
  display: 'block',
  visibility: 'visible',
  opacity: '0',
  'will-change': 'opacity',
  'pointer-events': 'none',
  animation: 'none',
  top: '0',
  left: '0',
});

/** Frames to wait for the copy's paint: its frame's paint, then its raster (which may finish a frame later). */
const UNSEEN_FRAMES = 2;
/** Where no frame comes (a hidden tab), the copy goes after this long (ms). */
const UNSEEN_TIMEOUT_MS = 200;

/**
 * Paints a copy of the hidden card once, transparent and out of the way, and takes it off again: the card's text
 * is drawn for the first time then, in its own frame during the hover delay, not in the frame that shows the
 * card. A copy, not the card: the card itself stays closed until it is shown, and the copy, hidden from assistive
 * technology and inert, is never seen, focused or clicked. Stops where the card is shown meanwhile.
 */
export async function paintUnseen(popover: HTMLElement): Promise<void> {
  if (popover.matches(':popover-open') || !popover.parentNode) return;
  const copy = popover.cloneNode(true) as HTMLElement;
  copy.removeAttribute('popover');
  copy.setAttribute('aria-hidden', 'true');
  copy.setAttribute('inert', '');
  for (const [name, value] of Object.entries(UNSEEN)) copy.style.setProperty(name, value, 'important');
  // Beside the container Preact renders into, not inside it: the render's nodes stay its own.
  const container = popover.parentElement;
  if (container?.parentNode) container.after(copy);
  else popover.after(copy);
  try {
    for (let frame = 0; frame < UNSEEN_FRAMES && !popover.matches(':popover-open'); frame++) {
      await afterNextFrame(UNSEEN_TIMEOUT_MS);
    }
  } finally {
    copy.remove();
  }
}
