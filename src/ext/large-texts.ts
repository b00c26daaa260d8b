import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * The extension's large texts (imported pack files, the tables compiled for the enabled packs) in its own
 * IndexedDB, not in `storage.local`. In Chromium 156, `storage.local.set` of a 28 MB string took 1.4 to 3.5 s and
 * an IndexedDB put of the same string 0.07 to 0.13 s (docs/pack-import.md): `storage.local` serialises each value
 * through the browser process, and hands every change, values and all, to each listening extension page.
 * Small things (settings, the pack index, the compiled output's meta) stay in `storage.local`, whose change
 * events are how the extension's pages follow them.
 *
 * A text may be stored as the file it was read from (a `Blob`: an imported pack's chosen file): the put then
 * hands the browser the file, which it copies off this thread, where a text is serialised on it first. For the
 * 12.5 MB pack of the benchmarks, in Chromium 156 on this machine: 0.03 s against 0.2 s idle, and 0.4 s while the
 * background compiled (docs/pack-import.md). It reads back as its UTF-8 text, a byte order mark dropped: the text the
 * file gave when it was read to be checked.
 */

const DATABASE = 'news-context';
const TEXTS = 'texts';

let store: UseStore | undefined;

/** Opened on first use: a script that never reads a large text never opens the database. */
function texts(): UseStore {
  store ??= createStore(DATABASE, TEXTS);
  return store;
}

/** What a large text may be stored as: the text, or the file it was read from. */
export type LargeText = string | Blob;

/**
 * The texts stored under `keys`, in order (undefined where none is, or the value is neither a text nor a file);
 * a file is read as UTF-8 text. Rejects when a stored file cannot be read.
 */
export async function readLargeTexts(keys: readonly string[]): Promise<(string | undefined)[]> {
  if (keys.length === 0) return [];
  const values = await texts()('readonly', (objects) =>
    Promise.all(keys.map((key) => promisifyRequest<unknown>(objects.get(key)))),
  );
  // Files are read once the transaction is over: reading them does not keep it open.
  return Promise.all(
    values.map((value) => (typeof value === 'string' ? value : value instanceof Blob ? value.text() : undefined)),
  );
}

/** The text stored under `key`, if any. */
export async function readLargeText(key: string): Promise<string | undefined> {
  const [text] = await readLargeTexts([key]);
  return text;
}

/**
 * Stores `written` and deletes `removed` in one transaction: all of it lands or none of it (a failed write
 * leaves every text as it was).
 */
export async function writeLargeTexts(
  written: Readonly<Record<string, LargeText>>,
  removed: readonly string[] = [],
): Promise<void> {
  await texts()('readwrite', (objects) => {
    for (const [key, text] of Object.entries(written)) objects.put(text, key);
    for (const key of removed) objects.delete(key);
    const done = promisifyRequest(objects.transaction);
    // Committed now, not when this thread next turns its event loop: the background may be busy compiling.
    objects.transaction.commit();
    return done;
  });
}

/** Deletes the texts under `keys` (in one transaction). */
export function removeLargeTexts(keys: readonly string[]): Promise<void> {
  return writeLargeTexts({}, keys);
}

/** The keys of every stored text that starts with `prefix`. */
export async function largeTextKeys(prefix: string): Promise<string[]> {
  return texts()('readonly', async (objects) => {
    const all = await promisifyRequest(objects.getAllKeys());
    return all.filter((key): key is string => typeof key === 'string' && key.startsWith(prefix));
  });
}
