import type { Candidate } from '../core/matcher/match.ts';
import { TextBlockWalker } from './collect-text-nodes.ts';
import { lookable } from './first-look.ts';
import { type FindCandidates, windowsOf } from './page-scanner.ts';

/**
 * The texts a short page's scan will ask the matcher about, read when the highlighting script starts, so that
 * its first message carries them and the answer brings their candidates with the settings and the rules: on
 * an article, one round trip where a first look and a scan's first batch took three. Walked as the scanner
 * walks (the same blocks, cut in the same windows), reading no layout. Undefined where a first look would not
 * do either (a long page, an open shadow root: `lookable`); the scanner then asks as it goes.
 */
export function startTexts(doc: Document, isOurs: (node: Node) => boolean): string[] | undefined {
  const body = doc.body;
  if (!lookable(body)) return undefined;
  const texts: string[] = [];
  const walker = new TextBlockWalker(body, { isOurs });
  for (let block = walker.next(); block !== undefined; block = walker.next()) {
    if (!block) continue;
    texts.push(...windowsOf(block.text));
  }
  return texts;
}

/**
 * The candidates of the texts the start message carried (`startTexts`), kept until the scanner asks about
 * those texts: each text's are given once (the scanner moves them in place), and texts not among them, or
 * asked again, go to the matcher.
 */
export class AnsweredTexts {
  readonly #found = new Map<string, Candidate[][]>();
  /** Whether any of the texts holds a candidate: the page may mention something, no first look needed. */
  readonly mentionsAny: boolean;

  constructor(texts: readonly string[], found: readonly Candidate[][]) {
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
