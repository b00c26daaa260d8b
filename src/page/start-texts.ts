import type { Candidate } from '../core/matcher/match.ts';
import { type TextBlock, TextBlockWalker, WALK_ATTRIBUTES } from './collect-text-nodes.ts';
import { PAGE_DEFAULTS } from './page-defaults.ts';
import { type FindCandidates, windowsOf } from './page-scanner.ts';

/** What the start's walk read of the page, for the scan to take instead of walking again (`StartWalk.take`). */
export interface WalkedBlocks {
  /** The page's text blocks, in document order. */
  blocks: readonly TextBlock[];
  /** Elements the walk left out because their own attributes hide them (`WalkOptions.onHidden`). */
  hidden: readonly Element[];
}

/**
 * A short page walked when the highlighting script starts: the texts its scan will ask the matcher about, so
 * that the first message carries them and the answer brings their candidates with the settings and the rules
 * (on an article, one round trip where a first look and a scan's first batch took three), and the blocks
 * themselves, which the scan takes while the page has changed nothing the walk read.
 */
export interface StartWalk {
  /** Each block's text cut in the windows the scanner matches, in order. */
  texts: string[];
  /** The blocks, where nothing the walk read has changed since; then or else, stops watching for changes. */
  take(): WalkedBlocks | undefined;
  /** Stops watching for changes (the blocks will not be taken). */
  drop(): void;
}

/**
 * Walks a short page as the scanner walks it (the same blocks, cut in the same windows), reading no layout.
 * Undefined where the start should not carry the page's text: a long page (more than
 * `PAGE_DEFAULTS.firstLookMaxChars` of text in its blocks) or one with an open shadow root (the observer below
 * does not see into it); the scanner then walks and asks as it goes. Both are told by this walk itself, which
 * stops at the first shadow root or once past the length: one pass over a short page's nodes, not three. A
 * `MutationObserver` on the body tells whether the blocks still hold when the scan comes to take them; it stops
 * at the first change, or when they are taken or dropped.
 */
export function startWalk(doc: Document, isOurs: (node: Node) => boolean): StartWalk | undefined {
  const body = doc.body;
  if (!body) return undefined;
  const texts: string[] = [];
  const blocks: TextBlock[] = [];
  const hidden: Element[] = [];
  let shadowRoot = false;
  let chars = 0;
  const walker = new TextBlockWalker(body, {
    isOurs,
    onHidden: (element) => hidden.push(element),
    onShadowRoot: () => {
      shadowRoot = true;
    },
  });
  for (let block = walker.next(); block !== undefined; block = walker.next()) {
    if (shadowRoot) return undefined;
    if (!block) continue;
    chars += block.text.length;
    if (chars > PAGE_DEFAULTS.firstLookMaxChars) return undefined;
    blocks.push(block);
    texts.push(...windowsOf(block.text));
  }
  if (shadowRoot) return undefined;
  let changed = false;
  const observer = new MutationObserver(() => {
    changed = true;
    observer.disconnect();
  });
  observer.observe(body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...WALK_ATTRIBUTES],
  });
  const stop = () => {
    if (observer.takeRecords().length) changed = true;
    observer.disconnect();
  };
  return {
    texts,
    take() {
      stop();
      return changed ? undefined : { blocks, hidden };
    },
    drop: stop,
  };
}

/**
 * The candidates of the texts the start message carried (`startWalk`), kept until the scanner asks about
 * those texts: each text's are given once (the scanner moves them in place), and texts not among them, or
 * asked again, go to the matcher.
 */
export class AnsweredTexts {
  readonly #found = new Map<string, Candidate[][]>();
  /** Whether any of the texts holds a candidate: the page may mention something, no first look needed. */
  readonly mentionsAny: boolean;

  /** The start's walk, for the scan to take (`StartWalk.take`); none where the texts came otherwise. */
  readonly walk: StartWalk | undefined;

  constructor(texts: readonly string[], found: readonly Candidate[][], walk?: StartWalk) {
    this.walk = walk;
    let any = false;
    for (const [i, text] of texts.entries()) {
      const candidates = found[i] ?? [];
      if (candidates.length) any = true;
      const lists = this.#found.get(text);
      if (lists) lists.push(candidates);
      else this.#found.set(text, [candidates]);
    }
    this.mentionsAny = any;
  }

  /** `find`, answering what was answered at the start from it, and the rest from `find`. */
  find(find: FindCandidates): FindCandidates {
    return async (texts) => {
      const answers: (Candidate[] | undefined)[] = texts.map((text) => this.#take(text));
      const missing = texts.filter((_, i) => answers[i] === undefined);
      if (missing.length) {
        const found = await find(missing);
        let next = 0;
        for (let i = 0; i < answers.length; i++) if (answers[i] === undefined) answers[i] = found[next++] ?? [];
      }
      return answers as Candidate[][];
    };
  }

  #take(text: string): Candidate[] | undefined {
    const lists = this.#found.get(text);
    const candidates = lists?.shift();
    if (lists && !lists.length) this.#found.delete(text);
    return candidates;
  }
}
