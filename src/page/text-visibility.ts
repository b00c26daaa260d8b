/**
 * Whether a reader can see a text node: its parent element is rendered and not `visibility: hidden` (CSS,
 * attributes, `content-visibility: hidden`, a closed `<details>`, an ancestor's `display: none`: the browser's
 * `checkVisibility` covers them all). Asked once per mention, not per element of the page, and remembered per
 * element until `reset()` (call it at the start of each slice: styles may change between slices).
 */
export class TextVisibility {
  readonly #known = new Map<Element, boolean>();

  /** Whether `node`'s text is shown; true where the browser cannot tell (no `checkVisibility`). */
  isShown(node: Text): boolean {
    const element = node.parentElement;
    if (!element) return node.parentNode !== null;
    let shown = this.#known.get(element);
    if (shown === undefined) {
      shown =
        typeof element.checkVisibility !== 'function' ||
        element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
      this.#known.set(element, shown);
    }
    return shown;
  }

  /** Forgets what it learnt (styles may have changed). */
  reset(): void {
    this.#known.clear();
  }
}
