import { storage } from '#imports';
import type { MatcherIndex } from '../core/matcher/load-matcher.ts';
import type { CompiledMarking } from '../core/mention-policy.ts';
import { largeTextKeys, readLargeTexts, removeLargeTexts, writeLargeTexts } from './large-texts.ts';

/**
 * Where the compiled dataset comes from: the files bundled with the extension while only the bundled pack is
 * on (the default: nothing is read from storage beyond one small key), else the files the background compiled
 * for the enabled packs and stored here. The one module that chooses: for the popup and the options page, what
 * is stored (`storedCompiled`, `compiledOrBundled`); for the background (which matches pages' text and answers
 * their cards), `createCurrentCompiled`, which also knows a compile the background holds in memory while it is
 * being stored. The background's compiler writes through it too.
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

/** The large texts' key of a compiled file of the output `meta` describes. */
function compiledKey(meta: Pick<CompiledMeta, 'generation' | 'setKey'>, name: keyof CompiledTexts): string {
  return `${COMPILED_PREFIX}${meta.generation}|${meta.setKey}:${name}`;
}

/**
 * Where builds before the large texts kept the files: read when the large texts lack them, removed on the next
 * write.
 */
const legacyKeys: Readonly<Record<keyof CompiledTexts, `local:${string}`>> = Object.freeze({
  'entities.json': 'local:compiledEntities',
  'matcher.json': 'local:compiledMatcher',
  'search.json': 'local:compiledSearch',
});

/** The stored meta when it is whole; anything else reads as "the bundled files apply". */
async function readMeta(): Promise<CompiledMeta | undefined> {
  return wholeMeta(await metaItem.getValue());
}

function wholeMeta(value: unknown): CompiledMeta | undefined {
  const meta = value as Partial<CompiledMeta> | null;
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
 * The compiled files for the popup: the stored ones, with the meta that names them, when packs other than the
 * bundled one alone are on, else `bundled` (the entrypoint's bundled texts, passed in so that no script that
 * does not need them carries them).
 */
export async function compiledOrBundled<K extends keyof CompiledTexts>(
  bundled: Pick<CompiledTexts, K>,
): Promise<Pick<CompiledTexts, K> & { meta?: CompiledMeta }> {
  return (await storedCompiled(Object.keys(bundled) as K[])) ?? bundled;
}

/**
 * The order `writeCompiled` reads and writes the files in: the popup's search first, then the entities that
 * the popup and cards read, then the matcher's snapshot, which only a background that wakes reads.
 */
const WRITE_ORDER: readonly (keyof CompiledTexts)[] = Object.freeze(['search.json', 'entities.json', 'matcher.json']);

/**
 * Stores the compiled output of the enabled packs: the files first, under keys of their own, then the meta that
 * names them (a failed write takes the new files away again: the output before stays whole), then the files of
 * the output before go. Each file is read from `texts` (a compile makes it then) and its write started before
 * the next is read, so the browser writes one while the background makes the next; no reader takes a file
 * before the meta names it.
 */
export async function writeCompiled(meta: CompiledMeta, texts: CompiledTexts): Promise<void> {
  const keys: string[] = [];
  const writes: Promise<void>[] = [];
  try {
    for (const name of WRITE_ORDER) {
      const key = compiledKey(meta, name);
      keys.push(key);
      const write = writeLargeTexts({ [key]: texts[name] });
      // Awaited below, all together; a failure meanwhile is not left unhandled.
      write.catch(() => {});
      writes.push(write);
      // The write's transaction is opened and its put made in this task's microtasks: let them run first.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all(writes);
    await metaItem.setValue(meta);
  } catch (error) {
    await Promise.allSettled(writes);
    await removeLargeTexts(keys).catch(() => {});
    throw error;
  }
  await removeFilesBut(keys);
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

/** A compile's output as the background holds it in memory: what it stores, and the matcher's loaded index. */
export interface HeldCompiled {
  meta: CompiledMeta;
  texts: CompiledTexts;
  matcher: MatcherIndex;
}

/** The current compiled files asked for, with the meta, and the matcher's index when the compile is in memory. */
export type CurrentFiles<K extends keyof CompiledTexts> = Pick<CompiledTexts, K> & {
  meta: CompiledMeta;
  matcher?: MatcherIndex;
};

/**
 * Which compiled output is current for the background's readers (its page matcher, its card source): a
 * compile the background's compiler holds in memory while it stores it, else the stored output, else (when
 * neither) the bundled files. A compile is current from the moment the compiler hands it over, so pages are
 * matched with it before the seconds its write takes; once the write lands the copy in memory goes and the
 * stored one, the same output, is read by whoever has not loaded it yet.
 */
export interface CurrentCompiled {
  /** The current output's files `names`, or undefined when the bundled files apply. */
  read<K extends keyof CompiledTexts>(names: readonly K[]): Promise<CurrentFiles<K> | undefined>;
  /**
   * Makes `compiled` (undefined: the bundled files) current now, before it is stored. `heard` settles once
   * every listener's answer has (telling pages, for one); the compiler calls `settle` once its write has
   * landed (`true`) or failed (`false`: the stored output, the previous one, is current again). A compile
   * handed over later replaces this one.
   */
  holdWhileStoring(compiled: HeldCompiled | undefined): { heard: Promise<void>; settle(stored: boolean): void };
  /**
   * Calls `listener` whenever the current output changes, until `signal` aborts: not again when its write
   * lands. What it returns (a promise) is what `heard` waits for.
   */
  watch(listener: () => unknown, signal: AbortSignal): void;
}

/** Which output a stamp names: its generation and enabled set, or undefined for the bundled files. */
type Stamp = string | undefined;

const stampOf = (meta: CompiledMeta | undefined): Stamp => (meta ? `${meta.generation}|${meta.setKey}` : undefined);

/** What the readers were last told was current, before anything was: any change is news. */
const UNKNOWN: unique symbol = Symbol('unknown');

/** The background's `CurrentCompiled`, following storage until `signal` aborts. */
export function createCurrentCompiled(signal: AbortSignal): CurrentCompiled {
  let held: { compiled: HeldCompiled | undefined } | undefined;
  let announced: Stamp | typeof UNKNOWN = UNKNOWN;
  const listeners = new Set<() => unknown>();
  const announce = async (stamp: Stamp | typeof UNKNOWN): Promise<void> => {
    if (stamp !== UNKNOWN && stamp === announced) return;
    announced = stamp;
    // Called in order, at once: readers drop what they loaded before pages are told to ask again.
    await Promise.allSettled([...listeners].map((listener) => listener()));
  };
  if (!signal.aborted) {
    // While a compile is held it is newer than anything stored; after, the stored meta says what is current.
    const unwatch = metaItem.watch((meta) => {
      if (!held) void announce(stampOf(wholeMeta(meta)));
    });
    signal.addEventListener('abort', unwatch, { once: true });
  }
  return {
    async read(names) {
      if (!held) return storedCompiled(names);
      const { compiled } = held;
      if (!compiled) return undefined;
      const texts = Object.fromEntries(names.map((name) => [name, compiled.texts[name]]));
      return {
        ...(texts as Pick<CompiledTexts, (typeof names)[number]>),
        meta: compiled.meta,
        matcher: compiled.matcher,
      };
    },
    holdWhileStoring(compiled) {
      const entry = { compiled };
      held = entry;
      const heard = announce(stampOf(compiled?.meta));
      const settle = (stored: boolean) => {
        if (held !== entry) return;
        held = undefined;
        if (!stored) void announce(UNKNOWN);
      };
      return { heard, settle };
    },
    watch(listener, watchSignal) {
      if (watchSignal.aborted) return;
      listeners.add(listener);
      watchSignal.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
  };
}
