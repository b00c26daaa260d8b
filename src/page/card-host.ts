import { PAGE_DEFAULTS } from './page-defaults.ts';

/**
 * Keeps the box a dialog on the page is drawn in: an element of our own (`tag`, see `PageNames`) at the end
 * of the document, outside `<body>` (scripts that rebuild the body leave it alone), holding an open shadow root
 * with the given CSS and a container. It is created on first use, and put back whenever it is needed and the
 * page has removed it (hydration and "clean-up" scripts remove nodes they did not create), at most
 * `maxHostReinserts` times a page: against a page that removes it every time, cards give up rather than fight
 * it forever, and everything else keeps working.
 */
export class CardHost {
  readonly #doc: Document;
  readonly #tag: string;
  readonly #css: string;
  #host: HTMLElement | undefined;
  #container: HTMLElement | undefined;
  #reinserts = 0;

  constructor(doc: Document, { tag, css }: { tag: string; css: string }) {
    this.#doc = doc;
    this.#tag = tag;
    this.#css = css;
  }

  /** The element to render into, with the host (re)inserted; undefined once the page has removed it too often. */
  container(): HTMLElement | undefined {
    const host = this.#host;
    if (host?.isConnected && this.#container) return this.#container;
    if (host) {
      if (this.#reinserts >= PAGE_DEFAULTS.maxHostReinserts) return undefined;
      this.#reinserts++;
      this.#doc.documentElement.append(host);
      return this.#container;
    }
    return this.#create();
  }

  /** Whether an event target is the host or inside its shadow root (events from inside are retargeted to it). */
  contains(target: EventTarget | null): boolean {
    const host = this.#host;
    if (!host || !target || typeof (target as Node).nodeType !== 'number') return false;
    const node = target as Node;
    return host.contains(node) || node.getRootNode() === host.shadowRoot;
  }

  /** The host element, if it was made. */
  get element(): HTMLElement | undefined {
    return this.#host;
  }

  /** Takes the host off the page. */
  remove(): void {
    this.#host?.remove();
  }

  #create(): HTMLElement {
    const doc = this.#doc;
    const host = doc.createElement(this.#tag);
    // Inline and important: the page's styles (even `* { all: unset !important }`) cannot move or hide it.
    host.setAttribute(
      'style',
      'all: initial !important; display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;',
    );
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = this.#css;
    const container = doc.createElement('div');
    shadow.append(style, container);
    doc.documentElement.append(host);
    this.#host = host;
    this.#container = container;
    return container;
  }
}
