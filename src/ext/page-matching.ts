import { findCandidates } from '../core/matcher/find-matches.ts';
import type { MatcherIndex } from '../core/matcher/load-matcher.ts';
import { encodeCandidates, type MatchReply, type PageRules } from '../core/matcher/match-wire.ts';
import { loadMatcherText } from '../core/matcher/matcher-text.ts';
import { contextRulesOf } from '../core/matcher/page-context.ts';
import type { CompiledMarking } from '../core/mention-policy.ts';
import type { CurrentCompiled } from './compiled-source.ts';

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
 * Matching over the current compiled output (`current`) when packs other than the bundled one alone are on,
 * else over `bundled` (the bundled snapshot and marking table). A compile still in memory is matched with
 * through the index it was made with; stored output is loaded on the first page that asks. Kept until the
 * current output changes; stored output that cannot be loaded falls back to the bundled matcher, so pages are
 * never left without marks.
 */
export function createPageMatching(
  bundled: { snapshot: string; marking: CompiledMarking },
  current: CurrentCompiled,
  signal: AbortSignal,
): PageMatching {
  let loaded: Promise<Loaded> | undefined;
  // The compiled output changed: the next page asking loads the new matcher.
  current.watch(() => {
    loaded = undefined;
  }, signal);
  const load = async (): Promise<Loaded> => {
    // A compile in memory gives its index, before (and without) its texts being made; stored output, its snapshot.
    const held = await current.read([]);
    if (held?.matcher) return prepared(held.matcher, held.meta.marking);
    const compiled = held && (await current.read(['matcher.json']));
    if (compiled) {
      try {
        return prepared(compiled.matcher ?? loadMatcherText(compiled['matcher.json']), compiled.meta.marking);
      } catch (error) {
        console.error('News Context: the stored matcher cannot be read; pages use the bundled one', error);
      }
    }
    return prepared(loadMatcherText(bundled.snapshot), bundled.marking);
  };
  const matcher = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    async rules() {
      return (await matcher()).rules;
    },
    async match(texts) {
      const { index } = await matcher();
      return encodeCandidates(texts.map((text) => findCandidates(text, index)));
    },
  };
}

function prepared(index: MatcherIndex, marking: CompiledMarking): Loaded {
  return { index, rules: { marking, rules: contextRulesOf(index) } };
}
