import type { Mention, MentionStore } from './mention-store.ts';

/** The open shadow roots on the way down to the element under a point (caret APIs stop at a host otherwise). */
export function shadowRootsAtPoint(doc: Document, x: number, y: number): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  let element = doc.elementFromPoint(x, y);
  while (element?.shadowRoot && roots.length < 8) {
    roots.push(element.shadowRoot);
    const inner = element.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === element) break;
    element = inner;
  }
  return roots;
}

/** The text node and offset under a point, by whichever caret API the browser has, into open shadow roots. */
export function caretFromPoint(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const shadowRoots = shadowRootsAtPoint(doc, x, y);
    const position = shadowRoots.length
      ? doc.caretPositionFromPoint(x, y, { shadowRoots })
      : doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** Whether the point is inside one of the range's boxes (the caret snaps to the nearest text, so confirm). */
export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

/**
 * The mention under the point, of those `wanted` keeps (drawn or not: the marking policy changes what is
 * drawn, never what can be hovered): the caret's text node gives the few candidate mentions, their client
 * rects confirm. Cheap enough for every (rAF-throttled) pointer move.
 */
export function mentionAtPoint(
  doc: Document,
  store: MentionStore,
  wanted: (mention: Mention) => boolean,
  x: number,
  y: number,
): Mention | undefined {
  const caret = caretFromPoint(doc, x, y);
  if (!caret) return undefined;
  for (const mention of store.mentionsAt(caret.node)) {
    if (!wanted(mention)) continue;
    const range = mention.range;
    if (!range.collapsed && rangeContainsPoint(range, x, y)) return mention;
  }
  return undefined;
}
