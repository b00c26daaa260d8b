import { storage } from '#imports';
import type { CompiledMarking } from '../core/mention-policy.ts';

/**
 * Where the compiled dataset comes from: the files bundled with the extension while only the bundled pack is
 * on (the default: nothing is read from storage beyond one small key), else the files the background compiled
 * for the enabled packs and stored here. The one module that chooses, for the background (which matches pages'
 * text and answers their cards) and the popup; the background's compiler writes through it too.
 */

/** A pack as the compiled output lists it: what cards and the popup say about where a fact comes from. */
export interface CompiledPack {
  id: string;
  title: string;
  version: string;
  asOf: string;
}

/** The small part of the compiled output: read on every page, so it holds no tables. */
export interface CompiledMeta {
  /** The pack index's generation the output was compiled from. */
  generation: number;
  /** The enabled packs' ids and versions it was compiled from (`enabledSetKey`). */
  setKey: string;
  packs: CompiledPack[];
  /** The marking policy's table (`marking.json`: a few ids), needed before the matcher. */
  marking: CompiledMarking;
}

/** The compiled files as text, by the names `compileDataset` gives them. */
export interface CompiledTexts {
  'entities.json': string;
  'matcher.json': string;
  'search.json': string;
}

const metaItem = storage.defineItem<CompiledMeta>('local:compiledMeta');
const textKeys: Readonly<Record<keyof CompiledTexts, `local:${string}`>> = Object.freeze({
  'entities.json': 'local:compiledEntities',
  'matcher.json': 'local:compiledMatcher',
  'search.json': 'local:compiledSearch',
});

/** The stored meta when it is whole; anything else reads as "the bundled files apply". */
async function readMeta(): Promise<CompiledMeta | undefined> {
  const meta = (await metaItem.getValue()) as Partial<CompiledMeta> | null;
  const whole =
    typeof meta === 'object' &&
    meta !== null &&
    typeof meta.generation === 'number' &&
    typeof meta.setKey === 'string' &&
    Array.isArray(meta.packs) &&
    typeof meta.marking === 'object' &&
    meta.marking !== null &&
    Array.isArray((meta.marking as { familiar?: unknown }).familiar);
  return whole ? (meta as CompiledMeta) : undefined;
}

/** The stored compiled output for the popup and the background's cards, or undefined when the bundled files apply. */
export async function storedCompiled<K extends keyof CompiledTexts>(
  names: readonly K[],
): Promise<(Pick<CompiledTexts, K> & { meta: CompiledMeta }) | undefined> {
  const meta = await readMeta();
  if (!meta) return undefined;
  const values = await storage.getItems(names.map((name) => textKeys[name]));
  if (values.some((entry) => typeof entry.value !== 'string' || entry.value.length === 0)) return undefined;
  const texts = Object.fromEntries(names.map((name, i) => [name, values[i]?.value as string]));
  return { ...(texts as Pick<CompiledTexts, K>), meta };
}

/**
 * The compiled files for the popup and the background's cards: the stored ones when packs other than the
 * bundled one alone are on, else `bundled` (the entrypoint's bundled texts, passed in so that no script that
 * does not need them carries them).
 */
export async function compiledOrBundled<K extends keyof CompiledTexts>(
  bundled: Pick<CompiledTexts, K>,
): Promise<Pick<CompiledTexts, K>> {
  const stored = await storedCompiled(Object.keys(bundled) as K[]);
  if (!stored) return bundled;
  const { meta: _, ...texts } = stored;
  return texts as unknown as Pick<CompiledTexts, K>;
}

/** Stores the compiled output of the enabled packs, every file and the meta in one write. */
export async function writeCompiled(meta: CompiledMeta, texts: CompiledTexts): Promise<void> {
  await storage.setItems([
    ...(Object.keys(textKeys) as (keyof CompiledTexts)[]).map((name) => ({ key: textKeys[name], value: texts[name] })),
    { item: metaItem, value: meta },
  ]);
}

/** Back to the bundled files: the stored output is removed (the meta first, so no reader takes a half). */
export async function clearCompiled(): Promise<void> {
  await metaItem.removeValue();
  await storage.removeItems(Object.values(textKeys));
}

/** What the stored output was compiled from, or undefined when the bundled files apply. */
export async function compiledStamp(): Promise<Pick<CompiledMeta, 'generation' | 'setKey'> | undefined> {
  const meta = await readMeta();
  return meta ? { generation: meta.generation, setKey: meta.setKey } : undefined;
}

/** Calls `listener` whenever the compiled output changes (or goes back to the bundled files), until `signal` aborts. */
export function watchCompiled(listener: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const unwatch = metaItem.watch(() => listener());
  signal.addEventListener('abort', unwatch, { once: true });
}
