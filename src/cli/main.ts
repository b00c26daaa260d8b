import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { compileDataset, serialiseCompiled } from '../core/compile-dataset.ts';
import type { Dataset } from '../core/dataset-schema.ts';
import { MATCHER_SNAPSHOT_FILE, snapshotMatcher } from '../core/matcher/matcher-snapshot.ts';
import { formatIssue } from '../core/validate-dataset.ts';
import { checkReport } from './check-report.ts';
import { CliError } from './cli-error.ts';
import { DEFAULT_DENSITY_INPUTS, formatDensity, measureDensity, readDensityArticles } from './density.ts';
import { evaluate, formatEval, readGoldDir } from './eval.ts';
import { displayPath, packPaths, pendingReport } from './pack-files.ts';
import { COMPILED_DIR, readDataset } from './read-dataset.ts';
import type { scanText } from './scan.ts';
import { searchDataset } from './search.ts';

const USAGE = `Usage: news-context <command> [options]

Commands:
  scan FILE [--json]      what the extension would mark in a .txt or .html file
  search QUERY [--json]   the popup's search, ranked
  entities [--json]       every entity in the dataset
  check [--pack DIR]      validate the dataset, print a coverage report and the pending drafts
  add-source FILE|- [--pack DIR] [--date YYYY-MM-DD] [--draft]
                          store a saved article page (.html) or text as a pending source of the pack
                          (--draft: and draft it at once)
  draft SOURCE_ID [--pack DIR]
                          propose facts for known entities, new names and events, as draft files
  review [--pack DIR]     walk the pending drafts: accept (validated at once), edit, skip or reject
  compile                 validate and write the compiled index to src/data/compiled/
  eval [--gold DIR]       the matcher's precision, recall and F1 on the gold source articles, or on a
                          directory in the dev-set format (articles/NN.txt, gold/NN.json, neutral/NN.json)
  density [PATH...]       marks per 100 words under each marking policy (default: the demo articles
                          and fixture pages; a folder, or a dev set folder with articles/)
  eval-authoring DIR [--empty-pack]
                          add-source and draft on an annotated set (articles/, gold/): entities listed, names,
                          time; --empty-pack drafts against an empty pack, so that every name must be found new
  help                    this text`;

type Out = (line: string) => void;

/** Where interactive commands read from, and the editor `review` opens; tests pass scripted ones. */
export interface Terminal {
  input: Readable;
  editor: string;
}

const defaultTerminal = (): Terminal => ({
  input: process.stdin,
  editor: process.env.VISUAL || process.env.EDITOR || 'vi',
});

/** Runs the command line; returns the exit code. */
export async function main(
  argv: string[],
  out: Out = console.log,
  err: Out = console.error,
  terminal: Terminal = defaultTerminal(),
): Promise<number> {
  try {
    return await run(argv, out, err, terminal);
  } catch (error) {
    if (error instanceof CliError) {
      err(`news-context: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err(`news-context: ${error.message}. Try "news-context help".`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: string[], out: Out, err: Out, terminal: Terminal): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan': {
      const { positionals, values } = parse(rest, 1);
      const file = positionals[0] as string;
      // Loaded when used, like the authoring commands: the HTML parser takes a while to load.
      const { readScanText, scanText } = await import('./scan.ts');
      const text = readScanText(file);
      const matches = scanText(text, loadDataset(err));
      if (values.json) out(JSON.stringify(matches.map(({ id, start, end, text: t }) => ({ id, start, end, text: t }))));
      else for (const line of formatScan(matches, text)) out(line);
      return 0;
    }
    case 'search': {
      const { positionals, values } = parse(rest, 1, true);
      const results = searchDataset(positionals.join(' '), loadDataset(err));
      if (values.json) out(JSON.stringify(results));
      else if (results.length === 0) out('No results.');
      else for (const r of results) out(`${r.score.toFixed(3)}  ${r.name}  (${r.id})`);
      return 0;
    }
    case 'entities': {
      const { values } = parse(rest, 0);
      const { entities } = loadDataset(err);
      const rows = entities.map((e) => ({
        id: e.id,
        kind: e.kind,
        name: e.name,
        aliases: e.aliases.map((a) => (typeof a === 'string' ? a : a.text)),
      }));
      if (values.json) out(JSON.stringify(rows));
      else for (const row of rows) out(`${row.id.padEnd(40)} ${row.name}`);
      return 0;
    }
    case 'check': {
      const pack = existingPack(parsePack(rest, 0).values.pack);
      const { dataset, issues } = readDataset(pack.root);
      for (const issue of issues) err(formatIssue(issue));
      if (dataset) for (const line of checkReport(dataset)) out(line);
      for (const line of pendingReport(pack)) out(line);
      if (!dataset) {
        err(`news-context: the dataset has ${issues.length} error(s)`);
        return 1;
      }
      return 0;
    }
    case 'add-source': {
      const { positionals, values } = parsePack(rest, 1, { date: { type: 'string' }, draft: { type: 'boolean' } });
      const pack = existingPack(values.pack);
      // Loaded when used: the article extractor and the NLP library take a while to load.
      const { addSource } = await import('./add-source.ts');
      const file = positionals[0] as string;
      const input = file === '-' ? await readAll(terminal.input) : undefined;
      const added = addSource(file, pack, { date: values.date as string | undefined, input });
      out(`added source "${added.id}" (pending until a draft citing it is accepted)`);
      out(`  title:     ${added.title}`);
      out(`  outlet:    ${added.outlet ?? '(not given)'}`);
      out(`  published: ${added.published}`);
      out(`  text:      ${added.words} words`);
      for (const file of added.files) out(`  wrote ${displayPath(file)}`);
      // --draft drafts at once, in the same process: one start-up instead of two.
      if (values.draft) await runDraft(added.id, values.pack as string | undefined, out, err);
      else out(`next: news-context draft ${added.id}${values.pack ? ` --pack ${values.pack}` : ''}`);
      return 0;
    }
    case 'draft': {
      const { positionals, values } = parsePack(rest, 1);
      await runDraft(positionals[0] as string, values.pack, out, err);
      return 0;
    }
    case 'eval-authoring': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { 'empty-pack': { type: 'boolean' } },
      });
      if (positionals.length !== 1) throw new CliError('give the folder of an annotated set: eval-authoring DIR');
      const { evaluateAuthoring, formatAuthoringEval } = await import('./eval-authoring.ts');
      const rows = evaluateAuthoring(positionals[0] as string, undefined, values['empty-pack'] === true);
      for (const line of formatAuthoringEval(rows)) out(line);
      return 0;
    }
    case 'review': {
      const pack = existingPack(parsePack(rest, 0).values.pack);
      const { reviewDrafts } = await import('./review-drafts.ts');
      const tally = await reviewDrafts({ pack, input: terminal.input, out, editor: terminal.editor });
      if (tally.accepted > 0) out('Then: news-context check, and npm run compile for src/data.');
      return 0;
    }
    case 'compile': {
      parse(rest, 0);
      const compiled = compileDataset(loadDataset(err));
      mkdirSync(COMPILED_DIR, { recursive: true });
      for (const [name, value] of Object.entries(compiled)) {
        const text = serialiseCompiled(value);
        writeFileSync(join(COMPILED_DIR, name), text);
        out(`wrote src/data/compiled/${name} (${text.length} bytes)`);
      }
      // What the content script loads: the matcher's index itself, so pages do not build it (see matcher-snapshot.ts).
      const snapshot = `${snapshotMatcher(compiled['matcher.json'])}\n`;
      writeFileSync(join(COMPILED_DIR, MATCHER_SNAPSHOT_FILE), snapshot);
      out(`wrote src/data/compiled/${MATCHER_SNAPSHOT_FILE} (${snapshot.length} bytes)`);
      return 0;
    }
    case 'eval': {
      const { values } = parse(rest, 0);
      const set = values.gold === undefined ? undefined : readGoldDir(values.gold);
      for (const line of formatEval(evaluate(loadDataset(err), set))) out(line);
      return 0;
    }
    case 'density': {
      const { positionals } = parse(rest, 0, true);
      const articles = readDensityArticles(positionals.length ? positionals : DEFAULT_DENSITY_INPUTS);
      for (const line of formatDensity(measureDensity(articles, loadDataset(err)))) out(line);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new CliError(`unknown command "${command}". Try "news-context help".`);
  }
}

function parse(args: string[], positionalCount: number, variadic = false) {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean' }, gold: { type: 'string' } },
  });
  const n = parsed.positionals.length;
  if (n < positionalCount || (!variadic && n > positionalCount)) {
    throw new CliError(
      positionalCount === 0
        ? `unexpected argument "${parsed.positionals[0]}"`
        : 'missing argument. Try "news-context help".',
    );
  }
  return parsed;
}

/** The pack at DIR (src/data by default); a folder without `entities/` and `sources/` is no pack. */
function existingPack(dir: string | undefined) {
  const pack = packPaths(dir);
  if (!existsSync(pack.entities) || !existsSync(pack.sources)) {
    throw new CliError(`${dir ?? pack.root}: is not a pack (it needs entities/ and sources/ folders, like src/data)`);
  }
  return pack;
}

/** `draft`: writes a source's drafts and prints what they propose. */
async function runDraft(id: string, packArg: string | undefined, out: Out, err: Out): Promise<void> {
  const pack = existingPack(packArg);
  const { draftSource } = await import('./draft-source.ts');
  const { proposals, written, kept, rejected } = draftSource(id, pack, loadDataset(err, pack.root));
  const mark = (draftId: string) => (rejected.includes(draftId) ? '  (rejected before: not written)' : '');
  const facts = proposals.known.reduce((n, d) => n + ('facts' in d.content ? d.content.facts.length : 0), 0);
  out(`known entities: ${proposals.known.length}, with ${facts} candidate fact(s)`);
  for (const d of proposals.known) out(`  ${String(d.content.draft.mentions).padStart(3)}  ${d.id}${mark(d.id)}`);
  out(`new names, ranked: ${proposals.names.length}`);
  for (const d of proposals.names) {
    if (!('entity' in d.content)) continue;
    const aliases = d.content.entity.aliases.map((a) => (typeof a === 'string' ? a : a.text)).join(' | ');
    out(`  ${String(d.content.draft.score ?? 0).padStart(3)}  ${d.id.padEnd(36)} ${aliases}${mark(d.id)}`);
  }
  out(`events: ${proposals.events.length}`);
  for (const d of proposals.events) {
    if ('entity' in d.content) out(`  ${d.content.entity.date?.on ?? '?'}  ${d.id}${mark(d.id)}`);
  }
  out(`wrote ${written.length} draft(s)${kept.length ? `, kept ${kept.length} already there` : ''}`);
  out(`next: news-context review${packArg ? ` --pack ${packArg}` : ''}`);
}

/** Everything a stream gives, as bytes (standard input for `add-source -`). */
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Parses a command's arguments with a `--pack DIR` option and the extra options given. */
function parsePack(
  args: string[],
  positionalCount: number,
  extra: Record<string, { type: 'string' } | { type: 'boolean' }> = {},
) {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { pack: { type: 'string' }, ...extra },
  });
  const n = parsed.positionals.length;
  if (n !== positionalCount) {
    throw new CliError(
      n > positionalCount
        ? `unexpected argument "${parsed.positionals[n - 1]}"`
        : 'missing argument. Try "news-context help".',
    );
  }
  return parsed as typeof parsed & { values: { pack?: string; [key: string]: string | boolean | undefined } };
}

function loadDataset(err: Out, dataDir?: string): Dataset {
  const { dataset, issues } = readDataset(dataDir);
  if (!dataset) {
    for (const issue of issues) err(formatIssue(issue));
    throw new CliError(`the dataset has ${issues.length} error(s); run "news-context check"`, 1);
  }
  return dataset;
}

function formatScan(matches: ReturnType<typeof scanText>, text: string): string[] {
  if (matches.length === 0) return ['No mentions found.'];
  const byId = new Map<string, { count: number; first: (typeof matches)[number] }>();
  for (const match of matches) {
    const seen = byId.get(match.id);
    if (seen) seen.count += 1;
    else byId.set(match.id, { count: 1, first: match });
  }
  const lines = [`${matches.length} mentions of ${byId.size} entities:`];
  for (const [id, { count, first }] of byId) {
    const context = text.slice(Math.max(0, first.start - 40), first.end + 40).replace(/\s+/g, ' ');
    lines.push(`${String(count).padStart(4)}  ${id.padEnd(40)} …${context}…`);
  }
  return lines;
}
