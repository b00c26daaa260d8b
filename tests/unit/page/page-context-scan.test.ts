// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfId } from '../../../src/core/entity-kinds.ts';
import type { MatcherTables } from '../../../src/core/matcher/compile-matcher.ts';
import { findCandidates } from '../../../src/core/matcher/find-matches.ts';
import { loadMatcher } from '../../../src/core/matcher/load-matcher.ts';
import { decodeCandidates, encodeCandidates } from '../../../src/core/matcher/match-wire.ts';
import { contextRulesOf, PageContext, scanPage } from '../../../src/core/matcher/page-context.ts';
import { walkTextBlocks } from '../../../src/page/collect-text-nodes.ts';
import { MentionStore } from '../../../src/page/mention-store.ts';
import { PageScanner } from '../../../src/page/page-scanner.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const index = loadMatcher(
  JSON.parse(readFileSync(join(ROOT, 'src', 'data', 'compiled', 'matcher.json'), 'utf8')) as MatcherTables,
);

/** Loads a fixture page's body into the document. */
function load(page: string): void {
  const html = readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', page), 'utf8');
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
}

/**
 * What the content script's scanner records on the page, block by block, in time slices, with the candidates
 * passing through the reply form the background sends them in, and the context rules as the background gives them.
 */
async function scanLikeThePage(): Promise<{ text: string; marks: string[] }[]> {
  const store = new MentionStore();
  const context = new PageContext(contextRulesOf(index));
  await new PageScanner({
    find: async (texts) =>
      decodeCandidates(
        JSON.parse(JSON.stringify(encodeCandidates(texts.map((t) => findCandidates(t, index))))),
        texts.length,
      ),
    context: () => context,
    kindOf: kindOfId,
    store,
    signal: new AbortController().signal,
    // Slices far shorter than a block: the held-back blocks are decided again across slices.
    sliceMs: 0,
  }).scan(document.body);
  return store.records().map((record) => ({
    text: record.nodes.map((node) => node.data).join(''),
    marks: record.mentions.map((m) => m.id),
  }));
}

describe('the page scanner reads in context', () => {
  for (const page of ['context-on-topic.html', 'context-off-topic.html']) {
    it(`marks ${page} exactly as the command line's scan does (context decided over the whole page)`, async () => {
      load(page);
      const blocks = [...walkTextBlocks(document.body)].map((block) => block.text);
      const expected = scanPage(blocks, index)
        .map((marks, i) => ({ text: blocks[i] as string, marks: marks.map((m) => m.id) }))
        .filter((block) => block.marks.length > 0);
      expect(await scanLikeThePage()).toEqual(expected);
    });
  }

  it('marks "ceasefire" met before its evidence once the page names the story, and never on the Gaza page', async () => {
    load('context-on-topic.html');
    const onTopic = (await scanLikeThePage()).flatMap((block) => block.marks);
    expect(onTopic.filter((id) => id === 'topic/ceasefire')).toHaveLength(2);
    load('context-off-topic.html');
    const offTopic = (await scanLikeThePage()).flatMap((block) => block.marks);
    expect(offTopic.some((id) => id.startsWith('topic/') || id.startsWith('event/'))).toBe(false);
  });
});
