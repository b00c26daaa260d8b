import { findCandidates } from '../core/matcher/find-matches.ts';
import type { MatcherIndex } from '../core/matcher/load-matcher.ts';
import { encodeCandidates, type MatchReply, type PageRules } from '../core/matcher/match-wire.ts';
import { loadMatcherText } from '../core/matcher/matcher-text.ts';
import { contextRulesOf } from '../core/matcher/page-context.ts';
import type { CompiledMarking } from '../core/mention-policy.ts';
import { storedCompiled, watchCompiled } from './compiled-source.ts';

/**
 * The background's matcher, which pages send their text to: a page then carries no matcher, no tables and no
 * dataset, and its main thread only walks its text and draws. The text never leaves the browser: the
 * background is the extension's own process.
 */
export interface PageMatching {
  rules(): Promise<PageRules>;
  /** Each text's candidates (`findCandidates`), in the reply form pages read. */
  match(texts: readonly string[]): Promise<MatchReply>;
}

interface Loaded {
  index: MatcherIndex;
  rules: PageRules;
}

/**
 * Matching over the stored compiled output when packs other than the bundled one alone are on, else over
 * `bundled` (the bundled snapshot and marking table). Loaded on the first page that asks and kept until the
 * compiled output changes; stored output that cannot be loaded falls back to the bundled matcher, so pages are
 * never left without marks.
 */
export function createPageMatching(
  bundled: { snapshot: string; marking: CompiledMarking },
  signal: AbortSignal,
): PageMatching {
  let loaded: Promise<Loaded> | undefined;
  // The compiled output changed: the next page asking loads the new matcher.
  watchCompiled(() => {
    loaded = undefined;
  }, signal);
  const load = async (): Promise<Loaded> => {
    const stored = await storedCompiled(['matcher.json']);
    if (stored) {
      try {
        return prepared(loadMatcherText(stored['matcher.json']), stored.meta.marking);
      } catch (error) {
        console.error('News Context: the stored matcher cannot be read; pages use the bundled one', error);
      }
    }
    return prepared(loadMatcherText(bundled.snapshot), bundled.marking);
  };
  const current = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    async rules() {
      return (await current()).rules;
    },
    async match(texts) {
      const { index } = await current();
      return encodeCandidates(texts.map((text) => findCandidates(text, index)));
    },
  };
}

function prepared(index: MatcherIndex, marking: CompiledMarking): Loaded {
  return { index, rules: { marking, rules: contextRulesOf(index) } };
}
