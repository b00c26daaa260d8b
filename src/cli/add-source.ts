import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  buildSource,
  duplicateOf,
  type ExtractedArticle,
  headlineOf,
  normaliseText,
  SourceRejected,
  sourceIdFor,
} from '../core/authoring/source-record.ts';
import { CliError } from './cli-error.ts';
import { extractArticle, looksLikeHtml } from './extract-article.ts';
import { displayPath, type PackPaths, pendingSources, writeJsonFiles } from './pack-files.ts';

/** What `add-source` stored. */
export interface AddedSource {
  id: string;
  files: string[];
  title: string;
  outlet: string | null;
  published: string;
  words: number;
}

/**
 * Stores a saved article page (.html) or a plain text as a pending source of the pack, under
 * `drafts/<id>/source.txt` and `source.json`. `input` is the file's text when it was read from standard
 * input. Bad input (unreadable, empty, no article, no date, the same article as a source the pack has)
 * throws a CliError and writes nothing.
 */
export function addSource(file: string, pack: PackPaths, options: { date?: string; input?: Buffer } = {}): AddedSource {
  const label = file === '-' ? 'standard input' : file;
  const raw = decode(label, options.input ?? readInput(file));
  const article: ExtractedArticle | undefined = looksLikeHtml(raw) ? extractArticle(raw) : plainArticle(raw);
  if (!article) throw new CliError(`${label}: is not an article (no article text found in the page)`, 1);
  if (options.date !== undefined && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(options.date)) {
    throw new CliError(`--date: "${options.date}" must be YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  let built: ReturnType<typeof buildSource>;
  try {
    built = buildSource(article, file === '-' ? 'stdin' : basename(file), options.date);
  } catch (error) {
    if (error instanceof SourceRejected) throw new CliError(`${label}: ${error.message}; nothing was added`, 1);
    throw error;
  }
  const existing = existingTexts(pack);
  const duplicate = duplicateOf(built.text, Object.fromEntries([...existing].map(([id, e]) => [id, e.text])));
  if (duplicate) {
    const where = existing.get(duplicate)?.path ?? duplicate;
    throw new CliError(
      `${label}: is the same article as source "${duplicate}" (${displayPath(where)}); nothing was added`,
      1,
    );
  }
  const id = sourceIdFor(built.source.id, built.text, new Set(existing.keys()));
  const source = { ...built.source, id };
  const dir = join(pack.drafts, id);
  const textPath = join(dir, 'source.txt');
  const metaPath = join(dir, 'source.json');
  writeJsonFiles([{ path: metaPath, value: source }], false);
  writeFileSync(textPath, built.text);
  return {
    id,
    files: [textPath, metaPath],
    title: source.title,
    outlet: source.outlet,
    published:
      source.published.earliest === source.published.latest
        ? source.published.earliest
        : `${source.published.earliest}…${source.published.latest}`,
    words: built.text.split(/\s+/).filter(Boolean).length,
  };
}

function readInput(file: string): Buffer {
  try {
    if (file === '-') return readFileSync(0);
    if (!statSync(file).isFile()) throw new CliError(`${file}: is not a file`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function decode(label: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(
      `${label}: is not UTF-8 text (a saved page or a plain text file is needed); nothing was added`,
      1,
    );
  }
}

/** A plain text: its first line is the headline when it reads as one. */
function plainArticle(raw: string): ExtractedArticle {
  const text = normaliseText(raw);
  const title = headlineOf(text);
  return title ? { title, body: text.slice(title.length).trim() } : { body: text };
}

/** Every source text the pack has or has pending, by id, with its file. */
function existingTexts(pack: PackPaths): Map<string, { text: string; path: string }> {
  const texts = new Map<string, { text: string; path: string }>();
  if (existsSync(pack.sources)) {
    for (const name of readdirSync(pack.sources).filter((n) => n.endsWith('.txt'))) {
      const path = join(pack.sources, name);
      texts.set(name.slice(0, -4), { text: readFileSync(path, 'utf8'), path });
    }
  }
  for (const pending of pendingSources(pack)) {
    const path = join(pending.dir, 'source.txt');
    if (pending.sourcePending) texts.set(pending.id, { text: readFileSync(path, 'utf8'), path });
  }
  return texts;
}
