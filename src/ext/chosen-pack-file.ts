import { browser } from '#imports';
import { type LargeText, largeTextKeys, readLargeText, removeLargeTexts, writeLargeTexts } from './large-texts.ts';
import type { ChosenFileMessage } from './messages/options-to-background.ts';

/**
 * A pack file the reader chose, handed from the options page to the background through the large texts
 * (src/ext/large-texts.ts) while the options page checks it: a key crosses in the message, not megabytes of
 * text, which extension messaging would serialise on both threads before the background could start compiling.
 * The file is kept only until the import is over: the background takes it (reads and deletes it), and the
 * options page drops whatever is left once the import stored the pack or refused it.
 */

const CHOSEN_PREFIX = 'chosenPack:';

/** Keeps the chosen file (or its text) for the background; resolves with its key. */
export async function holdChosenFile(file: LargeText): Promise<string> {
  const key = `${CHOSEN_PREFIX}${crypto.randomUUID()}`;
  await writeLargeTexts({ [key]: file });
  return key;
}

/** The text of the file kept under `key`, removed as it is read; undefined when it is gone (the import is over). */
export async function takeChosenFile(key: string): Promise<string | undefined> {
  if (!key.startsWith(CHOSEN_PREFIX)) return undefined;
  const text = await readLargeText(key);
  if (text !== undefined) await removeLargeTexts([key]);
  return text;
}

/** Removes every chosen file still kept (those of imports cut short by a closed page included). */
export async function dropChosenFiles(): Promise<void> {
  await removeLargeTexts(await largeTextKeys(CHOSEN_PREFIX));
}

/** What the background page offers a page of the extension that shares its thread (entrypoints/background.ts). */
interface BackgroundWindow {
  newsContext?: { packChosenFile?: (file: Blob, confirmed: boolean, importId: string) => unknown };
}

/**
 * Hands the chosen file itself straight to the background page, in a call: where the background is a page in
 * the options page's own process (Firefox), which reads it on the thread it shares with the options page (the
 * options page does not read it: the check's worker does, on its own). Resolves false where there is no such page
 * (a service worker, a private window), and the file goes by `holdChosenFile` instead.
 */
export async function handToBackgroundPage(file: Blob, confirmed: boolean, importId: string): Promise<boolean> {
  try {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as BackgroundWindow | null;
    const take = page?.newsContext?.packChosenFile;
    if (typeof take !== 'function') return false;
    take(file, confirmed, importId);
    return true;
  } catch {
    return false;
  }
}

/** How long to wait for the extension's service worker registration before handing the file over by storage. */
const WORKER_READY_MS = 500;

/**
 * Hands the chosen file itself to the background service worker (Chromium), posted unread: a file crosses as a
 * handle, and the service worker reads it while the check's worker does, where a posted text of 12.5 MB took
 * about half a second more to arrive, after the options page's own read (docs/pack-import.md). Resolves false where
 * there is no active service worker to post to, and the file goes by `holdChosenFile` instead.
 */
export async function handToBackgroundWorker(file: Blob, confirmed: boolean, importId: string): Promise<boolean> {
  try {
    const ready = navigator.serviceWorker?.ready;
    if (!ready) return false;
    const registration = await Promise.race([
      ready,
      new Promise<undefined>((resolve) => setTimeout(resolve, WORKER_READY_MS)),
    ]);
    const worker = registration?.active;
    if (!worker) return false;
    worker.postMessage({ type: 'packChosenFile', file, confirmed, importId } satisfies ChosenFileMessage);
    return true;
  } catch {
    return false;
  }
}
