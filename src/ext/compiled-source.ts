import { storage } from '#imports';
import type { CompiledMarking } from '../core/mention-policy.ts';
import { largeTextKeys, readLargeTexts, removeLargeTexts, writeLargeTexts } from './large-texts.ts';

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

/**
 * The meta, small, in `storage.local`: its change events tell the extension's pages that the output changed.
 * The files, tens of megabytes with a large pack, among the large texts (src/ext/large-texts.ts), under keys
 * that name the output they belong to (`compiledKey`): the meta names the files it goes with, so a reader never
 * takes one output's meta with another's files.
 */
const metaItem = storage.defineItem<CompiledMeta>('local:compiledMeta');
const COMPILED_PREFIX = 'compiled:';
const FILE_NAMES: readonly (keyof CompiledTexts)[] = Object.freeze(['entities.json', 'matcher.json', 'search.json']);

/** The large texts' key of a compiled file of the output `meta` describes. */
function compiledKey(meta: Pick<CompiledMeta, 'generation' | 'setKey'>, name: keyof CompiledTexts): string {
  return `${COMPILED_PREFIX}${meta.generation}|${meta.setKey}:${name}`;
}

/** Where builds before the large texts kept the files: read when the large texts lack them, removed on the next write. */
const legacyKeys: Readonly<Record<keyof CompiledTexts, `local:${string}`>> = Object.freeze({
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
  // A second try when the files are gone: a write landed between reading the meta and its files.
  for (let attempt = 0; attempt < 2; attempt++) {
    const meta = await readMeta();
    if (!meta) return undefined;
    const files = await storedFiles(meta, names);
    if (files) return { ...files, meta };
  }
  return undefined;
}

/** The files of the output `meta` describes, or undefined when one is missing or empty. */
async function storedFiles<K extends keyof CompiledTexts>(
  meta: CompiledMeta,
  names: readonly K[],
): Promise<Pick<CompiledTexts, K> | undefined> {
  let values = await readLargeTexts(names.map((name) => compiledKey(meta, name)));
  if (values.some((value) => !value)) {
    const legacy = await storage.getItems(names.map((name) => legacyKeys[name]));
    values = legacy.map((entry) => (typeof entry.value === 'string' ? entry.value : undefined));
  }
  if (values.some((value) => !value)) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as Pick<CompiledTexts, K>;
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

/**
 * Stores the compiled output of the enabled packs: the files first, under keys of their own, then the meta that
 * names them (a failed meta write takes the new files away again: the output before stays whole), then the
 * files of the output before go.
 */
export async function writeCompiled(meta: CompiledMeta, texts: CompiledTexts): Promise<void> {
  const written = Object.fromEntries(FILE_NAMES.map((name) => [compiledKey(meta, name), texts[name]]));
  await writeLargeTexts(written);
  try {
    await metaItem.setValue(meta);
  } catch (error) {
    await removeLargeTexts(Object.keys(written)).catch(() => {});
    throw error;
  }
  await removeFilesBut(Object.keys(written));
}

/** Back to the bundled files: the stored output is removed (the meta first, so no reader takes a half). */
export async function clearCompiled(): Promise<void> {
  await metaItem.removeValue();
  await removeFilesBut([]);
}

/** Removes every stored compiled file but those under `kept`, those an earlier build kept included. */
async function removeFilesBut(kept: readonly string[]): Promise<void> {
  await removeLargeTexts((await largeTextKeys(COMPILED_PREFIX)).filter((key) => !kept.includes(key)));
  await storage.removeItems(Object.values(legacyKeys));
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
