import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_PACK_FILE } from '../core/packs/compile-packs.ts';
import { findClashes, type PackLayer } from '../core/packs/merge-packs.ts';
import { buildPackFile, formatPackProblem, readPack, serialisePack } from '../core/packs/pack-file.ts';
import { formatIssue } from '../core/validate-dataset.ts';
import { checkReport } from './check-report.ts';
import { CliError } from './cli-error.ts';
import { displayPath } from './pack-files.ts';
import { COMPILED_DIR, DATA_DIR, readDataset, readManifest } from './read-dataset.ts';

type Out = (line: string) => void;

/**
 * `pack build [DIR] [-o FILE]`: the pack file of a dataset folder (src/data by default, manifest from
 * DIR/pack.json); `pack verify FILE`: the whole validation a reader's import runs. Returns the exit code:
 * 0 when valid, 1 for bad data (each problem printed by entity and field), 2 for bad usage, as `check`.
 */
export function runPackCommand(args: string[], out: Out, err: Out): number {
  const [action, ...rest] = args;
  const { positionals, values } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { output: { type: 'string', short: 'o' } },
  });
  if (action === 'build') {
    if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`);
    return buildPack(positionals[0] ?? DATA_DIR, values.output, out, err);
  }
  if (action === 'verify') {
    if (values.output !== undefined) throw new CliError('verify writes nothing: drop -o');
    if (positionals.length !== 1) throw new CliError('give one pack file: news-context pack verify FILE');
    return verifyPack(positionals[0] as string, out, err);
  }
  throw new CliError(
    action === undefined
      ? 'missing action: news-context pack build [DIR] -o FILE, or pack verify FILE'
      : `unknown pack action "${action}": build or verify`,
  );
}

function buildPack(dir: string, output: string | undefined, out: Out, err: Out): number {
  if (!existsSync(join(dir, 'entities')) || !existsSync(join(dir, 'sources'))) {
    throw new CliError(`${dir}: is not a dataset folder (it needs entities/ and sources/ folders, like src/data)`);
  }
  const { manifest, issues: manifestIssues } = readManifest(dir);
  const { dataset, issues } = readDataset(dir);
  const all = [...manifestIssues, ...issues];
  for (const issue of all) err(formatIssue(issue));
  if (!manifest || !dataset) {
    err(`news-context: the pack has ${all.length} error(s); nothing written`);
    return 1;
  }
  const text = serialisePack(buildPackFile(manifest, dataset));
  const file = output ?? `${manifest.id}.newscontext.json`;
  writeFileSync(file, text);
  out(
    `wrote ${displayPath(file)}: ${manifest.id} ${manifest.version} (as of ${manifest.asOf}), ` +
      `${dataset.entities.length} entities, ${dataset.sources.length} sources, ${Buffer.byteLength(text)} bytes`,
  );
  return 0;
}

/** The bundled pack as compiled by `npm run compile`, when it is there and valid. */
function bundledPack(): PackLayer[] {
  const path = join(COMPILED_DIR, BUNDLED_PACK_FILE);
  if (!existsSync(path)) return [];
  const result = readPack(readFileSync(path, 'utf8'), BUNDLED_PACK_FILE);
  return result.ok ? [{ manifest: result.pack.manifest, dataset: result.pack.dataset, imported: false }] : [];
}

function verifyPack(file: string, out: Out, err: Out): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const result = readPack(text, basename(file));
  if (!result.ok) {
    for (const problem of result.problems) err(formatPackProblem(problem));
    err(`news-context: the pack has ${result.problems.length} error(s)`);
    return 1;
  }
  const { manifest, dataset, bytes } = result.pack;
  // An import also refuses a pack whose ids clash with the bundled pack's: say so here too.
  const clashes = bundledPack()
    .flatMap((bundled) => findClashes([bundled, { manifest, dataset, imported: true }]))
    .map((problem) => ({ ...problem, file: basename(file) }));
  if (clashes.length > 0) {
    for (const problem of clashes) err(formatPackProblem(problem));
    err(`news-context: the pack has ${clashes.length} error(s): it cannot be used beside the bundled pack`);
    return 1;
  }
  out(`Pack ${manifest.id} ${manifest.version}: ${manifest.title}`);
  out(`  publisher:     ${manifest.publisher}`);
  out(`  as of:         ${manifest.asOf}`);
  out(`  license:       ${manifest.license}`);
  out(`  size:          ${bytes} bytes`);
  for (const line of checkReport(dataset)) out(line);
  return 0;
}
