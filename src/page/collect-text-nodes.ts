import { type ChromeRule, INLINE_TAGS, PAGE_DEFAULTS } from './page-defaults.ts';

/*
 * Node types by number and shadow roots by shape, not through the window's `Node` and `ShadowRoot`: the same
 * walk then runs on any DOM, the page's or linkedom's in the command line (`news-context scan page.html`).
 */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === DOCUMENT_FRAGMENT_NODE && (node as ShadowRoot).host != null;
}

/** Elements whose text is never scanned: code, form fields, hidden and non-rendered content (and `isPageChrome`). */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TITLE',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'KBD',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'VIDEO',
  'AUDIO',
]);

/** An inline style that hides the element: read from the attribute, so it costs no style computation. */
const HIDING_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|content-visibility\s*:\s*hidden)\b/i;

/**
 * Whether the element's own attributes hide it and its subtree: `hidden` (also `until-found`), an inline style
 * that hides it, or a closed `<details>` (whose content, all but the summary, is not rendered). These are read
 * without computing styles, so the walk stays cheap and runs on linkedom too; what a stylesheet hides is found
 * per mention by `isTextShown` in the page. A change of these attributes is what makes the subtree visible again.
 */
export function isHiddenByAttributes(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/**
 * The attributes a walk reads besides the tree's shape and text (`isSkippedElement`, `isPageChrome`, headings, a
 * closed `<details>`): a change of another attribute leaves a walk's blocks as they were.
 */
export const WALK_ATTRIBUTES = Object.freeze(['hidden', 'style', 'aria-hidden', 'role', 'open', 'contenteditable']);

const CHROME_BY_TAG = new Map<string, ChromeRule>(PAGE_DEFAULTS.chrome.flatMap((r) => r.tags.map((t) => [t, r])));
const CHROME_BY_ROLE = new Map<string, ChromeRule>(PAGE_DEFAULTS.chrome.flatMap((r) => r.roles.map((t) => [t, r])));

/** Whether an element is page chrome (navigation, a control, the site's footer, a sidebar): `PAGE_DEFAULTS.chrome`. */
export function isPageChrome(element: Element, tag = element.tagName.toUpperCase()): boolean {
  const role = element.getAttribute('role');
  const rule =
    (role && CHROME_BY_ROLE.get(role.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '')) || CHROME_BY_TAG.get(tag);
  if (!rule) return false;
  return rule.keptInside === null || !hasAncestorMatching(element, rule.keptInside);
}

/** Elements that may be page chrome, as a selector (`isPageChrome` decides): every chrome rule's tags and roles. */
export const CHROME_SELECTOR = PAGE_DEFAULTS.chrome
  .flatMap((rule) => [...rule.tags.map((tag) => tag.toLowerCase()), ...rule.roles.map((role) => `[role~="${role}"]`)])
  .join(', ');

/** Whether an ancestor of `element` matches `selector`, looking past shadow roots to their hosts. */
function hasAncestorMatching(element: Element, selector: string): boolean {
  let parent = parentAcrossShadow(element);
  while (parent) {
    if (parent.closest(selector)) return true;
    const root = parent.getRootNode();
    parent = isShadowRoot(root) ? root.host : null;
  }
  return false;
}

function parentAcrossShadow(element: Element): Element | null {
  const parent = element.parentNode;
  if (parent && isShadowRoot(parent)) return parent.host;
  return parent?.nodeType === ELEMENT_NODE ? (parent as Element) : null;
}

/** Whether an element and its subtree are left alone (`tag`: its upper-case tag name, when known). */
export function isSkippedElement(element: Element, tag = element.tagName.toUpperCase()): boolean {
  if (SKIPPED_TAGS.has(tag)) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  if (isPageChrome(element, tag)) return true;
  if (isHiddenByAttributes(element)) return true;
  return (element as HTMLElement).isContentEditable === true;
}

/** Whether a node is in, or is, a region we never scan (checks its ancestors, across shadow roots). */
export function isInSkippedRegion(node: Node): boolean {
  for (let current: Node | null = node; current; ) {
    if (current.nodeType === ELEMENT_NODE) {
      const element = current as Element;
      if (isSkippedElement(element)) return true;
      const parent = element.parentNode;
      if (isClosedDetails(parent) && element.tagName.toUpperCase() !== 'SUMMARY') return true;
    }
    current = current.parentNode ?? (isShadowRoot(current) ? current.host : null);
  }
  return false;
}

function isClosedDetails(node: Node | null): boolean {
  return (
    node?.nodeType === ELEMENT_NODE &&
    (node as Element).tagName.toUpperCase() === 'DETAILS' &&
    !(node as Element).hasAttribute('open')
  );
}

/**
 * A run of text a reader sees as one piece: the text nodes of a block element and its inline descendants,
 * joined, so a name split by markup (`<b>Steve</b> Witkoff`) is one string for the matcher.
 */
export interface TextBlock {
  /** The element whose inline content this is (a shadow root's host for text at a shadow root's top). */
  container: Node;
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  text: string;
  /** Whether the block is inside a heading (h1 to h6, role="heading"), as the walk saw its ancestors. */
  inHeading?: boolean;
}

/** What a walk reports beside its blocks, and what it leaves out. */
export interface WalkOptions {
  /** Open shadow roots met while walking; the mutation watcher observes them too. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Elements left out because their own attributes hide them (`isHiddenByAttributes`, a closed `<details>`). */
  onHidden?: (element: Element) => void;
  /** Elements of our own to leave out with their subtree (the card's host). */
  isOurs?: (node: Node) => boolean;
  /** Offer to stop (yield null) after this many nodes without finishing a block. */
  stepNodes?: number;
}

/**
 * Walks `root` in document order and yields its text blocks, entering open shadow roots.
 * A generator, so a caller can walk a huge page a slice at a time.
 */
export function* walkTextBlocks(root: Node, options: WalkOptions = {}): Generator<TextBlock> {
  for (const block of walkTextBlocksIncrementally(root, options)) if (block) yield block;
}

/**
 * Like `walkTextBlocks`, but also yields `null` after every `stepNodes` nodes visited without finishing a
 * block, so a time-sliced caller can check its clock however many empty, skipped or inline nodes a page
 * has between two blocks. Resuming the generator continues exactly where it stopped.
 */
export function* walkTextBlocksIncrementally(root: Node, options: WalkOptions = {}): Generator<TextBlock | null> {
  const walker = new TextBlockWalker(root, options);
  for (let item = walker.next(); item !== undefined; item = walker.next()) yield item;
}

/** Headings, as a selector (what the walk counts with `isHeadingElement`). */
export const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Whether an element is a heading (`tag`: its upper-case tag name). */
function isHeadingElement(element: Element, tag: string): boolean {
  return (
    (tag.length === 2 && tag[0] === 'H' && tag[1] !== undefined && tag[1] >= '1' && tag[1] <= '6') ||
    element.getAttribute('role') === 'heading'
  );
}

/** Marks, on the walk's stack, where a block element's content ends. */
const BLOCK_END = Symbol('block end');

/**
 * The walk of `walkTextBlocksIncrementally` as a plain object: `next()` gives the next block, `null` after
 * every `stepNodes` nodes visited without finishing one, and `undefined` once the walk is over. What the page
 * scanner drives: a 1 MB page has tens of thousands of nodes, and resuming a generator (and the one each
 * finished block delegated to) cost more than the visit itself.
 */
export class TextBlockWalker {
  readonly #root: Node;
  readonly #options: WalkOptions;
  readonly #stepNodes: number;
  /** Nodes still to visit, last first, and the ends of the block elements being visited. */
  readonly #stack: (Node | typeof BLOCK_END)[];
  readonly #owners: Node[] = [];
  /** Per owner on `#owners` (and the current one last), whether it is a heading; and how many are. */
  readonly #ownerIsHeading: boolean[] = [];
  #headings: number;
  #owner: Node;
  #block: TextBlock | undefined;
  #visited = 0;
  #resuming = false;

  constructor(root: Node, options: WalkOptions = {}) {
    this.#root = root;
    this.#options = options;
    this.#stepNodes = options.stepNodes ?? PAGE_DEFAULTS.walkStepNodes;
    this.#stack = [root];
    this.#owner = root;
    // Headings above the root (a rescan of part of a heading); the root and what is below it are counted as met.
    const parent = root.nodeType === ELEMENT_NODE ? (root as Element).parentElement : null;
    this.#headings = parent?.closest(HEADING_SELECTOR) ? 1 : 0;
  }

  next(): TextBlock | null | undefined {
    const stack = this.#stack;
    const root = this.#root;
    const { onShadowRoot, onHidden, isOurs } = this.#options;
    while (stack.length) {
      // After offering to stop, the visit it interrupted goes ahead whatever the step.
      if (this.#resuming) this.#resuming = false;
      else if (++this.#visited >= this.#stepNodes) {
        this.#visited = 0;
        this.#resuming = true;
        return null;
      }
      const item = stack.pop() as Node | typeof BLOCK_END;
      if (item === BLOCK_END) {
        const block = this.#flush();
        if (this.#ownerIsHeading.pop()) this.#headings--;
        this.#owner = this.#owners.pop() ?? root;
        if (block) return block;
        continue;
      }
      if (item.nodeType === TEXT_NODE) {
        const text = item as Text;
        let block = this.#block;
        if (!block) {
          block = { container: this.#owner, nodes: [], starts: [], text: '', inHeading: this.#headings > 0 };
          this.#block = block;
        }
        block.starts.push(block.text.length);
        block.nodes.push(text);
        block.text += text.data;
        continue;
      }
      let shadow: ShadowRoot | null = null;
      let finished: TextBlock | undefined;
      let tag = '';
      if (item.nodeType === ELEMENT_NODE) {
        const element = item as Element;
        tag = element.tagName.toUpperCase();
        const inlineTag = INLINE_TAGS.has(tag);
        if (item !== root && (isOurs?.(element) || isSkippedElement(element, tag))) {
          finished = inlineTag ? undefined : this.#flush();
          if (onHidden && isHiddenByAttributes(element)) onHidden(element);
          if (finished) return finished;
          continue;
        }
        shadow = element.shadowRoot;
        if (shadow) onShadowRoot?.(shadow);
        if (!inlineTag || shadow) {
          finished = this.#flush();
          this.#owners.push(this.#owner);
          this.#owner = element;
          const heading = isHeadingElement(element, tag);
          this.#ownerIsHeading.push(heading);
          if (heading) this.#headings++;
          stack.push(BLOCK_END);
        }
      } else if (item.nodeType !== DOCUMENT_NODE && item.nodeType !== DOCUMENT_FRAGMENT_NODE) {
        continue;
      }
      if (tag === 'DETAILS' && isClosedDetails(item)) {
        // Only the summary of a closed <details> is rendered.
        onHidden?.(item as Element);
        for (let child = item.lastChild; child; child = child.previousSibling)
          if (child.nodeType === ELEMENT_NODE && (child as Element).tagName.toUpperCase() === 'SUMMARY')
            stack.push(child);
      } else {
        for (let child = item.lastChild; child; child = child.previousSibling) stack.push(child);
        // The shadow tree is what renders; slotted light children follow it.
        if (shadow) stack.push(shadow);
      }
      if (finished) return finished;
    }
    return this.#flush();
  }

  /** The block being gathered, if it has any text but white space; the next text starts a new one. */
  #flush(): TextBlock | undefined {
    const block = this.#block;
    this.#block = undefined;
    if (!block || !/\S/.test(block.text)) return undefined;
    this.#visited = 0;
    return block;
  }
}

/** The text nodes under `root` a reader can see, in document order. */
export function collectTextNodes(root: Node): Text[] {
  const nodes: Text[] = [];
  for (const block of walkTextBlocks(root)) nodes.push(...block.nodes);
  return nodes;
}

/** The nearest ancestor (or self) that starts a text block: where a rescan of changed text begins. */
export function blockContainerOf(node: Node): Node {
  for (let current: Node | null = node.nodeType === ELEMENT_NODE ? node : node.parentNode; current; ) {
    if (current.nodeType !== ELEMENT_NODE) return current;
    const element = current as Element;
    if (!INLINE_TAGS.has(element.tagName.toUpperCase()) || element.shadowRoot) return element;
    current = element.parentNode;
  }
  return node.ownerDocument ?? node;
}
