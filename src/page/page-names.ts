import { ENTITY_KINDS, type EntityKind } from '../core/entity-kinds.ts';

/**
 * The names we register on a page: a CSS highlight per entity kind (one for a light page, one for a dark page's
 * lightened colours), one for the flash of a revealed mention, and the tag of the card's host element. Any
 * script of the page can list `CSS.highlights` and see the host element, so none of them names the product:
 * each page load draws a fresh random token, and the names say no more than that something marks people,
 * places… (`k3xq9w-person`).
 */
export interface PageNames {
  /**
   * The CSS highlight of one kind of entity (`onDark`: drawn over a dark page, which the style sheet gives
   * lighter colours), or of the flash on a revealed mention.
   */
  highlight(kind: EntityKind | 'flash', onDark?: boolean): string;
  /** The card's host element's tag: a valid custom element name, never defined, so the page cannot upgrade it. */
  readonly hostTag: string;
  /** Whether a node is our card's host element. */
  isOurs(node: Node): boolean;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = `${LETTERS}0123456789`;

function token(length: number, random: () => number): string {
  // Starts with a letter: a custom element name and a CSS identifier both must.
  let out = LETTERS[Math.floor(random() * LETTERS.length)] as string;
  while (out.length < length) out += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)];
  return out;
}

/** Fresh names for one page load; `random` is injectable for tests. */
export function createPageNames(random: () => number = Math.random): PageNames {
  const prefix = token(6, random);
  const names = new Map<string, string>([...ENTITY_KINDS, 'flash'].map((kind) => [kind, `${prefix}-${kind}`]));
  for (const kind of ENTITY_KINDS) names.set(`${kind}/dark`, `${prefix}-${kind}-dark`);
  const hostTag = `${token(5, random)}-${token(5, random)}`;
  const hostNodeName = hostTag.toUpperCase();
  return {
    highlight: (kind, onDark = false) => names.get(onDark && kind !== 'flash' ? `${kind}/dark` : kind) as string,
    hostTag,
    isOurs: (node) => node.nodeName === hostNodeName,
  };
}
