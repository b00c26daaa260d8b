import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Dataset } from '../core/dataset-schema.ts';
import { compileMatcher } from '../core/matcher/compile-matcher.ts';
import { findMatches } from '../core/matcher/find-matches.ts';
import { loadMatcher } from '../core/matcher/load-matcher.ts';
import { CliError } from './cli-error.ts';

/**
 * The text the extension would see in a file: a .txt file decoded as UTF-8,
 * or the text content of an .html file's <body>.
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
  const { document } = parseHTML(text);
  return document.body?.textContent ?? '';
}

/** Runs the extension's matcher over a text; each match carries the text it covers. */
export function scanText(text: string, dataset: Dataset) {
  const index = loadMatcher(compileMatcher(dataset.entities));
  return findMatches(text, index).map((match) => ({ ...match, text: text.slice(match.start, match.end) }));
}
