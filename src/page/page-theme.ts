/** Parses `rgb()`/`rgba()` as computed styles report colours; undefined for anything else. */
function parseRgb(colour: string): { r: number; g: number; b: number; a: number } | undefined {
  const parts = colour.match(/[\d.]+/g)?.map(Number);
  if (!parts || parts.length < 3 || !colour.startsWith('rgb')) return undefined;
  const [r = 0, g = 0, b = 0, a = 1] = parts;
  return { r, g, b, a };
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * Whether the page reads as dark where `element` sits: the first opaque background among its ancestors
 * (then body, html), or the colour scheme when every background is transparent.
 */
export function isDarkBackground(element: Element | null, win: Window = window): boolean {
  const doc = element?.ownerDocument ?? win.document;
  const chain: Element[] = [];
  for (let current = element; current; current = current.parentElement) chain.push(current);
  if (doc.body && !chain.includes(doc.body)) chain.push(doc.body);
  if (!chain.includes(doc.documentElement)) chain.push(doc.documentElement);
  for (const node of chain) {
    const colour = parseRgb(win.getComputedStyle(node).backgroundColor);
    if (colour && colour.a > 0.5) return luminance(colour) < 0.3;
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** The theme and writing direction where `element` sits, for a card shown next to it. */
export function pageLookAt(element: Element | null, win: Window = window): { dark: boolean; rtl: boolean } {
  return {
    dark: isDarkBackground(element, win),
    rtl: element ? win.getComputedStyle(element).direction === 'rtl' : false,
  };
}
