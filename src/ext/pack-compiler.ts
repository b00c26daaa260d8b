import { compiledIsCurrent, enabledSetKey, isDefaultSet, type PackIndex } from '../core/pack-index.ts';
import { compilePacksForStorage } from '../core/packs/compile-packs.ts';
import { formatPackProblem, type PackProblem } from '../core/packs/pack-file.ts';
import { type CompileFailure, clearCompileFailure, storeCompileFailure } from './compile-failure.ts';
import { clearCompiled, compiledStamp, writeCompiled } from './compiled-source.ts';
import type { PackStore } from './pack-store.ts';

/**
 * Keeps the stored compiled output in step with the enabled packs: the background calls `update()` when the
 * pack index changes and when it starts. Runs one compile at a time; a change that arrives during a compile
 * is compiled after it, and output compiled for a set that changed meanwhile is not written.
 */
export interface PackCompiler {
  /** Compiles the enabled packs if the stored output is not theirs yet (or clears it for the bundled pack alone). */
  update(): Promise<void>;
}

/** The compiler over a pack store. */
export function createPackCompiler(store: PackStore): PackCompiler {
  let queue: Promise<void> = Promise.resolve();
  const compileIfStale = async () => {
    const index = await store.index();
    if (isDefaultSet(index)) {
      await clearCompiled();
      await clearCompileFailure();
      return;
    }
    if (compiledIsCurrent(index, await compiledStamp())) return;
    try {
      await compile(index);
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
  const compile = async (index: PackIndex) => {
    const setKey = enabledSetKey(index);
    const layers = await store.enabledLayers(index);
    const compiled = compilePacksForStorage(layers);
    const latest = await store.index();
    if (latest.generation !== index.generation || enabledSetKey(latest) !== setKey) return;
    const packs = layers.map(({ manifest: { id, title, version, asOf } }) => ({ id, title, version, asOf }));
    await writeCompiled(
      { generation: index.generation, setKey, packs, marking: compiled.marking },
      {
        'entities.json': compiled.entities,
        'matcher.json': compiled.matcherSnapshot,
        'search.json': compiled.search,
      },
    );
    await clearCompileFailure();
  };
  return {
    update() {
      queue = queue.then(compileIfStale, compileIfStale).catch((error: unknown) => {
        console.error('News Context: compiling the enabled packs failed', error);
      });
      return queue;
    },
  };
}

/** How many of a failed compile's problems its message lists; the rest are counted. */
const PROBLEMS_NAMED = 3;

function describeProblems(problems: readonly PackProblem[]): string {
  const named = problems.slice(0, PROBLEMS_NAMED).map(formatPackProblem).join('; ');
  const more = problems.length - PROBLEMS_NAMED;
  return more > 0 ? `${named}; and ${more} more` : named;
}
