import type { Mention } from './highlight-registry.ts';

/** The text node and offset under a point, by whichever caret API the browser has. */
export function caretFromPoint(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** The mention under the point, confirmed against the range's client rects (the caret snaps to the nearest text). */
export function mentionAtPoint(doc: Document, mentions: readonly Mention[], x: number, y: number): Mention | undefined {
  const caret = caretFromPoint(doc, x, y);
  if (!caret) return undefined;
  for (const mention of mentions) {
    const { range } = mention;
    if (range.collapsed || !range.intersectsNode(caret.node)) continue;
    for (const rect of range.getClientRects()) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return mention;
    }
  }
  return undefined;
}
