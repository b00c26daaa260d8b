import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Dataset, EntityKind } from '../core/dataset-schema.ts';
import { compileMatcher } from '../core/matcher/compile-matcher.ts';
import { findMatches } from '../core/matcher/find-matches.ts';
import { loadMatcher } from '../core/matcher/load-matcher.ts';
import {
  compileMarking,
  drawnMentions,
  MARKING_POLICIES,
  type MarkingPolicy,
  type PolicyMention,
  sectionsOf,
} from '../core/mention-policy.ts';
import { walkTextBlocks } from '../page/collect-text-nodes.ts';
import { CliError } from './cli-error.ts';
import { PROJECT_ROOT } from './read-dataset.ts';

/**
 * A screen's worth of article text where no layout is known: about what a 1280 × 900 desktop window shows
 * of a news article's column (a phone shows half of it). Only `density` uses it; pages measure real screens.
 */
export const DENSITY_DEFAULTS = Object.freeze({ wordsPerScreen: 200 });

/** The demo site's articles (the source texts it renders) and the fixture pages: `density`'s default input. */
export const DEFAULT_DENSITY_INPUTS = Object.freeze([
  join(PROJECT_ROOT, 'src', 'data', 'sources'),
  join(PROJECT_ROOT, 'tests', 'fixtures', 'pages'),
]);

/** An article as text blocks (paragraphs), with the blocks that are headings marked (a .txt headline too). */
export interface DensityArticle {
  name: string;
  blocks: { text: string; heading: boolean }[];
}

export interface DensityRow {
  name: string;
  words: number;
  /** Marks drawn per policy. */
  drawn: Record<MarkingPolicy, number>;
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
const HEADING = /^H[1-6]$/;

/**
 * Articles from files or folders: `.txt` (one paragraph a line) and `.html` (the blocks the content script
 * would match). A folder with an `articles/` folder (a dev set) is read from there.
 */
export function readDensityArticles(paths: readonly string[]): DensityArticle[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`${path}: no such file or folder`);
    }
    if (!isDir) {
      files.push(path);
      continue;
    }
    const dir = statSync(join(path, 'articles'), { throwIfNoEntry: false })?.isDirectory()
      ? join(path, 'articles')
      : path;
    for (const name of readdirSync(dir).sort()) {
      if (['.txt', '.html'].includes(extname(name))) files.push(join(dir, name));
    }
  }
  if (files.length === 0) throw new CliError(`no .txt or .html articles in ${paths.join(', ')}`);
  return files.map(readArticle);
}

function readArticle(file: string): DensityArticle {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const name = basename(file);
  if (extname(file) === '.txt') {
    return {
      name,
      blocks: text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        // The first line of a plain-text article is its headline, as the demo site sets it.
        .map((line, i) => ({ text: line, heading: i === 0 })),
    };
  }
  const { document } = parseHTML(/<html[\s>]/i.test(text) ? text : `<html><body>${text}</body></html>`);
  if (!document.body) return { name, blocks: [] };
  return {
    name,
    blocks: Array.from(walkTextBlocks(document.body), (block) => ({
      text: block.text,
      heading: HEADING.test((block.container as Element).nodeName ?? ''),
    })),
  };
}

/** Counts words and the marks each policy draws in each article, with the extension's own matcher. */
export function measureDensity(articles: readonly DensityArticle[], dataset: Dataset): DensityRow[] {
  const index = loadMatcher(compileMatcher(dataset.entities));
  const kinds = new Map<string, EntityKind>(dataset.entities.map((e) => [e.id, e.kind]));
  const marking = compileMarking(dataset.entities);
  const data = { familiar: new Set(marking.familiar) };
  return articles.map((article) => {
    const mentions: PolicyMention[] = [];
    let words = 0;
    const sections = sectionsOf(article.blocks.map((block) => block.heading));
    article.blocks.forEach((block, b) => {
      const section = sections[b] ?? 0;
      const wordStarts = [...block.text.matchAll(WORD)].map((m) => m.index);
      for (const match of findMatches(block.text, index)) {
        const before = wordStarts.filter((start) => start < match.start).length;
        mentions.push({
          id: match.id,
          kind: kinds.get(match.id) ?? 'topic',
          section,
          screen: Math.floor((words + before) / DENSITY_DEFAULTS.wordsPerScreen),
        });
      }
      words += wordStarts.length;
    });
    const drawn = Object.fromEntries(
      MARKING_POLICIES.map((policy) => [policy, drawnMentions(mentions, policy, data).filter(Boolean).length]),
    ) as Record<MarkingPolicy, number>;
    return { name: article.name, words, drawn };
  });
}

const per100 = (marks: number, words: number) => (words ? ((100 * marks) / words).toFixed(1) : '–');

/** A Markdown table: marks per 100 words under each policy, per article and over all of them. */
export function formatDensity(rows: readonly DensityRow[]): string[] {
  const total: DensityRow = {
    name: `all ${rows.length}`,
    words: rows.reduce((sum, row) => sum + row.words, 0),
    drawn: Object.fromEntries(
      MARKING_POLICIES.map((p) => [p, rows.reduce((sum, row) => sum + row.drawn[p], 0)]),
    ) as Record<MarkingPolicy, number>,
  };
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `Marks per 100 words (a screen is taken as ${DENSITY_DEFAULTS.wordsPerScreen} words where there is no layout)`,
    '',
    line(['article', 'words', ...MARKING_POLICIES]),
    line(['---', '---:', ...MARKING_POLICIES.map(() => '---:')]),
    ...[...rows, total].map((row) =>
      line([row.name, String(row.words), ...MARKING_POLICIES.map((p) => per100(row.drawn[p], row.words))]),
    ),
  ];
}
