import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compileDataset, serialiseCompiled } from '../core/compile-dataset.ts';
import type { Dataset } from '../core/dataset-schema.ts';
import { formatIssue } from '../core/validate-dataset.ts';
import { checkReport } from './check-report.ts';
import { CliError } from './cli-error.ts';
import { evaluate, formatEval, readGoldDir } from './eval.ts';
import { COMPILED_DIR, readDataset } from './read-dataset.ts';
import { readScanText, scanText } from './scan.ts';
import { searchDataset } from './search.ts';

const USAGE = `Usage: news-context <command> [options]

Commands:
  scan FILE [--json]      what the extension would mark in a .txt or .html file
  search QUERY [--json]   the popup's search, ranked
  entities [--json]       every entity in the dataset
  check                   validate the dataset and print a coverage report
  compile                 validate and write the compiled index to src/data/compiled/
  eval [--gold DIR]       the matcher's precision, recall and F1 on the gold source articles, or on a
                          directory in the dev-set format (articles/NN.txt, gold/NN.json, neutral/NN.json)
  help                    this text`;

type Out = (line: string) => void;

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  try {
    return await run(argv, out, err);
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

async function run(argv: string[], out: Out, err: Out): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan': {
      const { positionals, values } = parse(rest, 1);
      const file = positionals[0] as string;
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
      parse(rest, 0);
      const { dataset, issues } = readDataset();
      for (const issue of issues) err(formatIssue(issue));
      if (!dataset) {
        err(`news-context: the dataset has ${issues.length} error(s)`);
        return 1;
      }
      for (const line of checkReport(dataset)) out(line);
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
      return 0;
    }
    case 'eval': {
      const { values } = parse(rest, 0);
      const set = values.gold === undefined ? undefined : readGoldDir(values.gold);
      for (const line of formatEval(evaluate(loadDataset(err), set))) out(line);
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

function loadDataset(err: Out): Dataset {
  const { dataset, issues } = readDataset();
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
