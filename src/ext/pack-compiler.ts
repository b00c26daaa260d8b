import { MATCHER_SNAPSHOT_FILE } from '../core/matcher/matcher-snapshot.ts';
import type { CompiledMarking } from '../core/mention-policy.ts';
import { compiledIsCurrent, enabledSetKey, isDefaultSet } from '../core/pack-index.ts';
import { compilePacks } from '../core/packs/compile-packs.ts';
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
      return;
    }
    if (compiledIsCurrent(index, await compiledStamp())) return;
    const setKey = enabledSetKey(index);
    const layers = await store.enabledLayers(index);
    const files = compilePacks(layers);
    const latest = await store.index();
    if (latest.generation !== index.generation || enabledSetKey(latest) !== setKey) return;
    const packs = layers.map(({ manifest: { id, title, version, asOf } }) => ({ id, title, version, asOf }));
    const text = (name: string) => files[name] ?? '';
    await writeCompiled(
      { generation: index.generation, setKey, packs, marking: JSON.parse(text('marking.json')) as CompiledMarking },
      {
        'entities.json': text('entities.json'),
        // Pages get the matcher in the form they load fastest (`serialiseMatcherForPage`).
        'matcher.json': text(MATCHER_SNAPSHOT_FILE),
        'search.json': text('search.json'),
      },
    );
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
