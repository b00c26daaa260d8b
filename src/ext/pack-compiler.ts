import { compiledIsCurrent, enabledSetKey, importStep, isDefaultSet, type PackIndex } from '../core/pack-index.ts';
import { compilePacksForStorage, type PacksCompilation } from '../core/packs/compile-packs.ts';
import type { PackLayer } from '../core/packs/merge-packs.ts';
import { formatPackProblem, type PackProblem, readCheckedPack } from '../core/packs/pack-file.ts';
import { type CompileFailure, clearCompileFailure, storeCompileFailure } from './compile-failure.ts';
import {
  type CompiledPack,
  type CompiledTexts,
  type CurrentCompiled,
  clearCompiled,
  compiledStamp,
  type HeldCompiled,
  writeCompiled,
} from './compiled-source.ts';
import type { PackStore } from './pack-store.ts';

/**
 * Keeps the compiled output in step with the enabled packs: the background calls `update()` when the pack
 * index changes and when it starts. Each compile is handed to the background's readers (`CurrentCompiled`) as
 * soon as it is made, then stored. Runs one compile (and its write) at a time; a change that arrives meanwhile
 * is compiled after it, and output compiled for a set that changed meanwhile is neither used nor written.
 */
export interface PackCompiler {
  /**
   * Compiles the enabled packs if the stored output is not theirs yet (or clears it for the bundled pack alone):
   * current in memory at once, then stored.
   */
  update(): Promise<void>;
  /**
   * Compiles, in memory only, the enabled packs as they will be once the pack file `text` is imported, while
   * the options page still checks it: the next `update()` writes this result instead of compiling again if the
   * index it finds is the one predicted, with the file of this very import stored for the pack (`importId`, as
   * the store records it: `InstalledPack.importId`); anything else discards it.
   * Does nothing when the import would not enable the pack (a disabled pack replaced, an older or equal
   * version not `confirmed`). At most one result is kept, for at most `aheadKeptMs`: a second call replaces
   * the first.
   */
  speculate(text: string, options: { confirmed: boolean; importId: string }): Promise<void>;
  /** Drops the kept result: the import it was compiled for stored nothing (refused, or waiting for the reader). */
  discardSpeculation(): void;
}

/** Limits of the compiler. */
export const PACK_COMPILER_DEFAULTS = Object.freeze({
  /**
   * How long a compile made ahead of an import waits for it: checking and storing take seconds, so a result
   * older than this is for an import that will not come (the options page closed meanwhile), and its memory goes.
   */
  aheadKeptMs: 60_000,
});

/** The packs' compiled output with the packs it lists, as the compiler writes it. */
interface Compiled {
  packs: CompiledPack[];
  output: PacksCompilation;
}

/** A compile made ahead of an import, with what it was compiled from. */
interface Speculation extends Compiled {
  /** The index the import is predicted to store: its generation and enabled set. */
  generation: number;
  setKey: string;
  /** The other enabled packs' files it read (`storedFiles`). */
  others: string;
  /** The imported pack's id and the import's, compared with the stored pack's (`InstalledPack.importId`). */
  id: string;
  importId: string;
}

/**
 * Which stored file each enabled pack but `except` is read from: id, version and when it was imported (the
 * bundled pack's file comes with the build). Equal keys of two indexes mean the same files.
 */
function storedFiles(index: PackIndex, except: string): string {
  return index.packs
    .filter((pack) => pack.enabled && pack.manifest.id !== except)
    .map((pack) => `${pack.manifest.id}@${pack.manifest.version}@${pack.importedAt}`)
    .join(',');
}

/** What the compiled output lists of each pack it was compiled from. */
function compiledPacks(layers: readonly PackLayer[]): CompiledPack[] {
  return layers.map(({ manifest: { id, title, version, asOf } }) => ({ id, title, version, asOf }));
}

/**
 * The compiler over a pack store, handing each compile to `current`. `compile` turns layers into the output
 * (`compilePacksForStorage` unless given: the tests count its calls); `aheadKeptMs` as in
 * `PACK_COMPILER_DEFAULTS` unless given.
 */
export function createPackCompiler(
  store: PackStore,
  current: CurrentCompiled,
  {
    compile = compilePacksForStorage,
    aheadKeptMs = PACK_COMPILER_DEFAULTS.aheadKeptMs,
  }: { compile?: (layers: readonly PackLayer[]) => PacksCompilation; aheadKeptMs?: number } = {},
): PackCompiler {
  let queue: Promise<void> = Promise.resolve();
  /** The one compile made ahead of an import, while it runs and once it is done (undefined when it gave up). */
  let speculation: Promise<Speculation | undefined> | undefined;
  let dropTimer: ReturnType<typeof setTimeout> | undefined;
  const drop = () => {
    speculation = undefined;
    clearTimeout(dropTimer);
  };

  /**
   * The kept compile when it is the one for `index`: the predicted generation and enabled set, the other packs
   * from the same files, and the imported pack stored by the import it was compiled for (the file is not read
   * back). Taken or not, it is dropped.
   */
  const takeSpeculation = async (index: PackIndex): Promise<Compiled | undefined> => {
    const pending = speculation;
    drop();
    const kept = await pending;
    const stored = index.packs.find((pack) => pack.manifest.id === kept?.id);
    if (
      !kept ||
      kept.generation !== index.generation ||
      kept.setKey !== enabledSetKey(index) ||
      kept.others !== storedFiles(index, kept.id) ||
      stored?.importId !== kept.importId
    ) {
      return undefined;
    }
    return { packs: kept.packs, output: kept.output };
  };

  const compileIfStale = async () => {
    const index = await store.index();
    if (isDefaultSet(index)) {
      // Announced only when stored output goes: a background waking with the bundled pack alone tells no page.
      if (await compiledStamp()) await storeCurrent(undefined, clearCompiled);
      else await clearCompiled();
      await clearCompileFailure();
      return;
    }
    if (compiledIsCurrent(index, await compiledStamp())) return;
    try {
      await compileAndStore(index);
    } catch (error) {
      // Stored so that the options page says so, instead of waiting for marks that will not come. Packs are read
      // as checked at import: when one fails here, its stored file is checked in full again, so that the
      // message names the file, entity and field at fault rather than where the compiler stumbled.
      const problems = await store.problemsOfEnabled(index).catch(() => []);
      const failure: CompileFailure = {
        generation: index.generation,
        setKey: enabledSetKey(index),
        packs: index.packs
          .filter((pack) => pack.enabled && !pack.bundled)
          .map(({ manifest: { id, title } }) => ({ id, title })),
        message: problems.length ? describeProblems(problems) : error instanceof Error ? error.message : String(error),
      };
      await storeCompileFailure(failure);
      throw error;
    }
  };
  const compileNow = async (index: PackIndex): Promise<Compiled> => {
    const layers = await store.enabledLayers(index);
    return { packs: compiledPacks(layers), output: compile(layers) };
  };
  const compileAndStore = async (index: PackIndex) => {
    const setKey = enabledSetKey(index);
    const { packs, output } = (await takeSpeculation(index)) ?? (await compileNow(index));
    const latest = await store.index();
    if (latest.generation !== index.generation || enabledSetKey(latest) !== setKey) return;
    const meta = { generation: index.generation, setKey, packs, marking: output.marking };
    // Read when first needed (a card, the write): pages are told, and matched, before the texts are made.
    const texts: CompiledTexts = {
      get 'entities.json'() {
        return output.entities;
      },
      get 'matcher.json'() {
        return output.matcherSnapshot;
      },
      get 'search.json'() {
        return output.search;
      },
    };
    await storeCurrent({ meta, texts, matcher: output.matcher }, () => writeCompiled(meta, texts));
    await clearCompileFailure();
  };
  /**
   * Makes `compiled` current for the background's readers, then stores it with `write` once they have heard (the
   * background's listener tells open pages and lets them match their text first: `pages-first.ts`).
   */
  const storeCurrent = async (compiled: HeldCompiled | undefined, write: () => Promise<void>) => {
    const { heard, settle } = current.holdWhileStoring(compiled);
    await heard;
    try {
      await write();
    } catch (error) {
      settle(false);
      throw error;
    }
    settle(true);
  };

  /** The compile ahead of an import of `text`, or undefined when the import would not enable it or it fails. */
  const compileAhead = async (text: string, confirmed: boolean, importId: string): Promise<Speculation | undefined> => {
    try {
      // The index is read from storage while this thread parses the file (40 to 75 ms a read in stamped imports).
      const indexing = store.index();
      indexing.catch(() => {});
      // Not checked yet: anything it throws means the check will refuse it, and the compile waits for nothing.
      const { manifest, dataset } = readCheckedPack(text);
      const current = await indexing;
      // Only the enabled set of the predicted index is used: the file's size, date and import are not needed.
      const file = { bytes: 0, entities: dataset.entities.length, importedAt: '', importId };
      const step = importStep(current, manifest, file, confirmed);
      if (step.kind !== 'store' || !step.pack.enabled) return undefined;
      const layers = await store.enabledLayers(step.index, { manifest, dataset, imported: true });
      const output = compile(layers);
      return {
        generation: step.index.generation,
        setKey: enabledSetKey(step.index),
        others: storedFiles(step.index, manifest.id),
        id: manifest.id,
        importId,
        packs: compiledPacks(layers),
        output,
      };
    } catch {
      return undefined;
    }
  };

  return {
    update() {
      queue = queue.then(compileIfStale, compileIfStale).catch((error: unknown) => {
        console.error('News Context: compiling the enabled packs failed', error);
      });
      return queue;
    },
    async speculate(text, { confirmed, importId }) {
      drop();
      const ahead = compileAhead(text, confirmed, importId);
      speculation = ahead;
      dropTimer = setTimeout(() => {
        if (speculation === ahead) drop();
      }, aheadKeptMs);
      await ahead;
    },
    discardSpeculation: drop,
  };
}

/** How many of a failed compile's problems its message lists; the rest are counted. */
const PROBLEMS_NAMED = 3;

function describeProblems(problems: readonly PackProblem[]): string {
  const named = problems.slice(0, PROBLEMS_NAMED).map(formatPackProblem).join('; ');
  const more = problems.length - PROBLEMS_NAMED;
  return more > 0 ? `${named}; and ${more} more` : named;
}
