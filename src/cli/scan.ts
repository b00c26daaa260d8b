import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Dataset } from '../core/dataset-schema.ts';
import { compileMatcher } from '../core/matcher/compile-matcher.ts';
import { loadMatcher } from '../core/matcher/load-matcher.ts';
import { scanPage } from '../core/matcher/scan-page.ts';
import { walkTextBlocks } from '../page/collect-text-nodes.ts';
import { CliError } from './cli-error.ts';

/**
 * The text the extension would see in a file: a .txt file decoded as UTF-8, or, for an .html file, the text
 * blocks of its <body> that the content script would match (scripts, styles, hidden text and page chrome
 * such as navigation, share buttons and site footers left out, by the same rule), one paragraph each.
 * Offsets printed by `scan` are offsets into that text.
 */
export function readScanText(file: string): string {
  const kind = extname(file).toLowerCase();
  if (!['.txt', '.html', '.htm'].includes(kind))
    throw new CliError(`${file}: only .txt and .html files can be scanned`);
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new CliError(`${file}: is not a file`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: is not valid UTF-8 text`);
  }
  if (kind === '.txt') return text.replace(/^\uFEFF/, '');
  return htmlScanText(text);
}

/** The text blocks of an HTML page's <body> that the content script would match, one paragraph each. */
export function htmlScanText(text: string): string {
  // linkedom builds a document only around an <html> element; a fragment or a bare <body> gets one.
  const page = /<html[\s>]/i.test(text)
    ? text
    : `<html>${/<body[\s>]/i.test(text) ? text : `<body>${text}</body>`}</html>`;
  const { document } = parseHTML(page);
  if (!document.body) return '';
  return Array.from(walkTextBlocks(document.body), (block) => block.text).join('\n\n');
}

/**
 * Runs the extension's matcher over a text read as one page (`scanPage`: context-only aliases are marked
 * when the whole text meets their rule, as the content script decides them once it has read the page);
 * each match carries the text it covers.
 */
export function scanText(text: string, dataset: Dataset) {
  const index = loadMatcher(compileMatcher(dataset.entities));
  return (scanPage([text], index)[0] ?? []).map((match) => ({ ...match, text: text.slice(match.start, match.end) }));
}
