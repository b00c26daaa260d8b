import type { EntityKind } from '../core/dataset-schema.ts';
import type { Match } from '../core/matcher/match.ts';

/** The text nodes of a block and where each starts in the block's joined text. */
export interface BlockText {
  container: Node;
  nodes: readonly Text[];
  starts: readonly number[];
  /** The page's section the block is in (see `sectionsOf` in src/core/mention-policy.ts). */
  section?: number;
  /** Whether the block is a heading (a section of its own). */
  heading?: boolean;
}

/**
 * One block of page text that holds mentions: its nodes, and its mentions as offsets into its joined text.
 * Ranges are made only when needed (drawing near the viewport, hit-testing, the card's anchor).
 */
export class BlockRecord {
  readonly container: Node;
  readonly nodes: readonly Text[];
  readonly starts: readonly number[];
  mentions: readonly Mention[] = [];
  /** The element whose box stands for the block on screen (what the viewport window watches). */
  readonly element: Element | null;
  readonly section: number;
  readonly heading: boolean;

  constructor(text: BlockText) {
    this.container = text.container;
    this.nodes = text.nodes;
    this.starts = text.starts;
    this.section = text.section ?? 0;
    this.heading = text.heading ?? false;
    this.element = text.container.nodeType === 1 ? (text.container as Element) : (text.nodes[0]?.parentElement ?? null);
  }

  /** Whether every node is still in the page. */
  get isConnected(): boolean {
    return this.nodes.every((node) => node.isConnected);
  }
}

/** A mention of an entity on the page: offsets in its block; the live range is made on first use. */
export class Mention {
  readonly id: string;
  readonly kind: EntityKind;
  readonly block: BlockRecord;
  readonly start: number;
  readonly end: number;
  #shown: boolean | undefined;
  readonly #isShown: ((node: Text) => boolean) | undefined;
  #range: Range | undefined;

  /** `shown` is known, or read from the page with `isShown` when first needed. */
  constructor(block: BlockRecord, match: Match, kind: EntityKind, shown: boolean | ((node: Text) => boolean)) {
    this.block = block;
    this.id = match.id;
    this.kind = kind;
    this.start = match.start;
    this.end = match.end;
    if (typeof shown === 'boolean') this.#shown = shown;
    else this.#isShown = shown;
  }

  /**
   * Whether the reader can see its text (hidden text is never marked, counted or reached). Read from the page
   * when first asked: most mentions of a long page are neither drawn nor an entity's first, and reading the
   * visibility of each (a style look-up per paragraph) was a tenth of a 1 MB page's scan.
   */
  get shown(): boolean {
    if (this.#shown === undefined) this.#shown = this.readShown(this.#isShown ?? (() => true));
    return this.#shown;
  }

  set shown(shown: boolean) {
    this.#shown = shown;
  }

  /** Whether `shown` was read (or set) already. */
  get shownKnown(): boolean {
    return this.#shown !== undefined;
  }

  /** Whether its first and last text nodes are shown, as `isShown` reads them now. */
  readShown(isShown: (node: Text) => boolean): boolean {
    const [first, last] = this.nodeSpan;
    const { nodes } = this.block;
    return isShown(nodes[first] as Text) && (last === first || isShown(nodes[last] as Text));
  }

  /** The index of the first and last node the mention covers. */
  get nodeSpan(): [number, number] {
    const { starts } = this.block;
    return [nodeAt(starts, this.start, false), nodeAt(starts, this.end, true)];
  }

  /** The text nodes it covers (a name split by markup covers several). */
  get nodes(): readonly Text[] {
    const [first, last] = this.nodeSpan;
    return this.block.nodes.slice(first, last + 1);
  }

  /** A live range over its text, made now if it was not. */
  get range(): Range {
    if (!this.#range) {
      const { nodes, starts } = this.block;
      const [first, last] = this.nodeSpan;
      const range = (nodes[first] as Text).ownerDocument.createRange();
      range.setStart(nodes[first] as Text, this.start - (starts[first] as number));
      range.setEnd(nodes[last] as Text, this.end - (starts[last] as number));
      this.#range = range;
    }
    return this.#range;
  }

  /** Whether a range was made (and is held). */
  get hasRange(): boolean {
    return this.#range !== undefined;
  }

  /** Lets the live range go (the browser updates every live range on each DOM change: hold few). */
  releaseRange(): void {
    this.#range = undefined;
  }
}

/** Index of the node holding `offset`; an end offset on a boundary belongs to the node before it. */
export function nodeAt(starts: readonly number[], offset: number, isEnd: boolean): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = starts[mid] as number;
    if (start < offset || (!isEnd && start === offset)) low = mid;
    else high = mid - 1;
  }
  return low;
}

const PRECEDING = 2;
const FOLLOWING = 4;

/** Document order of two blocks (blocks in different trees keep a stable, arbitrary order). */
export function compareBlocks(a: BlockRecord, b: BlockRecord): number {
  if (a === b) return 0;
  const position = (a.nodes[0] as Text).compareDocumentPosition(b.nodes[0] as Text);
  if (position & FOLLOWING) return -1;
  if (position & PRECEDING) return 1;
  return 0;
}

/** Document order of two mentions. */
export function compareMentions(a: Mention, b: Mention): number {
  return compareBlocks(a.block, b.block) || a.start - b.start;
}

/**
 * Every mention found on the page, shown or not, kept as offsets per block, in document order. What the
 * popup counts, the keyboard steps through and hover finds; drawing only the part near the viewport is the
 * painter's job. Adding blocks in document order (a scan) costs one comparison each.
 */
export class MentionStore {
  readonly #byNode = new Map<Text, BlockRecord>();
  /** Blocks in document order. */
  #ordered: BlockRecord[] = [];
  #first = new Map<string, Mention>();
  #firstStale = false;
  #counts: Map<string, number> | undefined;

  /**
   * Replaces whatever was recorded over `text`'s nodes with its matches, each with its entity's kind (`kindOf`;
   * a match of an id it does not know is dropped); returns the new and the dropped blocks.
   */
  set(
    text: BlockText,
    matches: readonly Match[],
    kindOf: (id: string) => EntityKind | undefined,
    isShown: (node: Text) => boolean,
  ): { added: BlockRecord | undefined; removed: BlockRecord[] } {
    const removed = this.removeOver(text.nodes);
    if (matches.length === 0) return { added: undefined, removed };
    const record = new BlockRecord(text);
    const mentions: Mention[] = [];
    for (const match of matches) {
      const kind = kindOf(match.id);
      if (kind) mentions.push(new Mention(record, match, kind, isShown));
    }
    if (mentions.length === 0) return { added: undefined, removed };
    record.mentions = mentions;
    for (const node of record.nodes) this.#byNode.set(node, record);
    // A block appended after every other (as a scan adds them) holds no entity's first mention but its new ones.
    const appended = this.#insert(record);
    for (const mention of record.mentions) {
      const first = this.#first.get(mention.id);
      if ((first && appended) || !mention.shown) continue;
      if (!first || compareMentions(mention, first) < 0) this.#first.set(mention.id, mention);
    }
    this.#counts = undefined;
    return { added: record, removed };
  }

  /** Drops the blocks over any of these nodes; returns them. */
  removeOver(nodes: readonly Node[]): BlockRecord[] {
    // A first scan finds nothing to drop block after block: that path stays small (a function V8 optimises on
    // every page is compiled for the paths it has taken).
    let doomed: Set<BlockRecord> | undefined;
    for (const node of nodes) {
      const record = this.#byNode.get(node as Text);
      if (!record) continue;
      doomed ??= new Set();
      doomed.add(record);
    }
    if (!doomed) return [];
    this.#remove(doomed);
    return [...doomed];
  }

  /** Drops the blocks whose text left the page; returns them. */
  prune(): BlockRecord[] {
    const doomed = new Set(this.#ordered.filter((record) => !record.isConnected));
    this.#remove(doomed);
    return [...doomed];
  }

  /** Re-reads whether each mention of these blocks is shown; returns the blocks where that changed. */
  recheck(records: Iterable<BlockRecord>, isShown: (node: Text) => boolean): BlockRecord[] {
    const changed: BlockRecord[] = [];
    for (const record of records) {
      let any = false;
      for (const mention of record.mentions) {
        // A mention not read yet is read when it is needed, as the page is then.
        if (!mention.shownKnown) continue;
        const shown = mention.readShown(isShown);
        if (shown !== mention.shown) {
          mention.shown = shown;
          any = true;
        }
      }
      if (any) changed.push(record);
    }
    if (changed.length) {
      this.#firstStale = true;
      this.#counts = undefined;
    }
    return changed;
  }

  /** The last block recorded before `node` in document order, if any (a rescan's section continues from it). */
  recordBefore(node: Node): BlockRecord | undefined {
    const list = this.#ordered;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const first = (list[mid] as BlockRecord).nodes[0] as Text;
      if (first === node || first.compareDocumentPosition(node) & PRECEDING) high = mid;
      else low = mid + 1;
    }
    return list[low - 1];
  }

  /** The block recorded over a text node. */
  recordOf(node: Node): BlockRecord | undefined {
    return this.#byNode.get(node as Text);
  }

  /** Every recorded block, in document order. */
  records(): readonly BlockRecord[] {
    return this.#ordered;
  }

  /** The shown mentions over a text node. */
  mentionsAt(node: Node): Mention[] {
    const record = this.#byNode.get(node as Text);
    if (!record) return [];
    const index = record.nodes.indexOf(node as Text);
    return record.mentions.filter((m) => {
      if (!m.shown) return false;
      const [first, last] = m.nodeSpan;
      return index >= first && index <= last;
    });
  }

  /** Every shown mention that `wanted` keeps, in document order. */
  mentions(wanted: (mention: Mention) => boolean = () => true): Mention[] {
    const out: Mention[] = [];
    for (const record of this.#ordered) for (const m of record.mentions) if (m.shown && wanted(m)) out.push(m);
    return out;
  }

  /** The first shown mention of an entity in document order. */
  firstOf(id: string): Mention | undefined {
    if (this.#firstStale) this.#rebuildFirst();
    return this.#first.get(id);
  }

  /** Shown mentions per entity, most mentioned first (ties by id), of the kinds `wanted` keeps. */
  entityCounts(wanted: (kind: EntityKind) => boolean): { id: string; count: number }[] {
    if (!this.#counts) {
      this.#counts = new Map();
      for (const record of this.#ordered)
        for (const m of record.mentions) if (m.shown) this.#counts.set(m.id, (this.#counts.get(m.id) ?? 0) + 1);
    }
    const out: { id: string; count: number }[] = [];
    for (const [id, count] of this.#counts) {
      const kind = this.firstOf(id)?.kind;
      if (kind && wanted(kind)) out.push({ id, count });
    }
    // Ids are ASCII slugs: a plain comparison orders them (localeCompare would load a collator on every page).
    return out.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** How many entities of the kinds `wanted` keeps have a shown mention (no sorting: for the badge). */
  entityCount(wanted: (kind: EntityKind) => boolean): number {
    if (this.#firstStale) this.#rebuildFirst();
    let count = 0;
    for (const first of this.#first.values()) if (wanted(first.kind)) count++;
    return count;
  }

  /** Forgets everything. */
  clear(): void {
    this.#byNode.clear();
    this.#ordered = [];
    this.#first.clear();
    this.#firstStale = false;
    this.#counts = undefined;
  }

  /** Puts a block in its place in document order; true when that is after every other block. */
  #insert(record: BlockRecord): boolean {
    const list = this.#ordered;
    const last = list[list.length - 1];
    if (!last || compareBlocks(last, record) < 0) {
      list.push(record);
      return true;
    }
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareBlocks(list[mid] as BlockRecord, record) < 0) low = mid + 1;
      else high = mid;
    }
    list.splice(low, 0, record);
    return low === list.length - 1;
  }

  #remove(doomed: ReadonlySet<BlockRecord>): void {
    if (doomed.size === 0) return;
    this.#ordered = this.#ordered.filter((record) => !doomed.has(record));
    for (const record of doomed) {
      for (const node of record.nodes) if (this.#byNode.get(node) === record) this.#byNode.delete(node);
      for (const mention of record.mentions) if (this.#first.get(mention.id) === mention) this.#firstStale = true;
    }
    this.#counts = undefined;
  }

  #rebuildFirst(): void {
    this.#first.clear();
    for (const record of this.#ordered)
      for (const m of record.mentions) if (!this.#first.has(m.id) && m.shown) this.#first.set(m.id, m);
    this.#firstStale = false;
  }
}
