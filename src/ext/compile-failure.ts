import { storage } from '#imports';
import { enabledSetKey, type PackIndex } from '../core/pack-index.ts';

/*
 * The background's last failed compile of the enabled packs, stored for the options page (`packCompileFailure`):
 * a module of its own so that the options page reads it without carrying the compiler.
 */

const compileFailureItem = storage.defineItem<unknown>('local:packCompileFailure');

/**
 * A compile that failed, as stored for the options page: for which set of packs (the index's generation and
 * enabled set), the imported packs in it, and the error's message. The output compiled before stays in use.
 */
export interface CompileFailure {
  generation: number;
  setKey: string;
  packs: { id: string; title: string }[];
  message: string;
}

/** The stored compile failure, if the last compile failed and what is stored is whole. */
export async function readCompileFailure(): Promise<CompileFailure | undefined> {
  const stored = (await compileFailureItem.getValue()) as Partial<CompileFailure> | null;
  const whole =
    typeof stored === 'object' &&
    stored !== null &&
    typeof stored.generation === 'number' &&
    typeof stored.setKey === 'string' &&
    typeof stored.message === 'string' &&
    Array.isArray(stored.packs);
  return whole ? (stored as CompileFailure) : undefined;
}

/** Whether `failure` is about the set of packs `index` enables now (an older failure no longer applies). */
export function failureIsCurrent(index: PackIndex, failure: CompileFailure | undefined): boolean {
  return failure?.generation === index.generation && failure.setKey === enabledSetKey(index);
}

/** Calls `listener` whenever a compile failure is stored or cleared, until `signal` aborts. */
export function watchCompileFailure(listener: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const unwatch = compileFailureItem.watch(() => listener());
  signal.addEventListener('abort', unwatch, { once: true });
}

/** Stores a failed compile (the background's compiler). */
export async function storeCompileFailure(failure: CompileFailure): Promise<void> {
  await compileFailureItem.setValue(failure);
}

/** Forgets the failed compile: a later compile succeeded, or only the bundled pack is on. */
export async function clearCompileFailure(): Promise<void> {
  await compileFailureItem.removeValue();
}
