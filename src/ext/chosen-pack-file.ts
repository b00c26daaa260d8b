import { browser } from '#imports';
import { fileTextDigest } from '../core/text-digest.ts';
import { largeTextKeys, readLargeText, removeLargeTexts, writeLargeTexts } from './large-texts.ts';
import type { ChosenFileMessage } from './messages/options-to-background.ts';

/**
 * A pack file the reader chose, handed from the options page to the background through the large texts
 * (src/ext/large-texts.ts) while the options page checks it: a key crosses in the message, not megabytes of
 * text, which extension messaging would serialise on both threads before the background could start compiling.
 * The file is kept only until the import is over: the background takes it (reads and deletes it), and the
 * options page drops whatever is left once the import stored the pack or refused it.
 */

const CHOSEN_PREFIX = 'chosenPack:';

/** Keeps `text` for the background; resolves with its key. */
export async function holdChosenFile(text: string): Promise<string> {
  const key = `${CHOSEN_PREFIX}${crypto.randomUUID()}`;
  await writeLargeTexts({ [key]: text });
  return key;
}

/** The file kept under `key`, removed as it is read; undefined when it is gone (the import is over). */
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
  newsContext?: { packChosenText?: (text: string, confirmed: boolean, digest?: Promise<string>) => void };
}

/**
 * Hands the chosen file's text straight to the background page, in a call: where the background is a page in
 * the options page's own process (Firefox), the text crosses without being written to and read from the large
 * texts (0.6 to 0.8 s for a 12.5 MB file on this machine). With it goes the text's digest being made from the
 * file's bytes (`readChosenFile`), which the page on the same thread then does not make again. Resolves false
 * where there is no such page (a service worker, a private window), and the file goes by `holdChosenFile`
 * instead.
 */
export async function handToBackgroundPage(
  text: string,
  confirmed: boolean,
  digest?: Promise<string>,
): Promise<boolean> {
  try {
    const page = (await browser.runtime.getBackgroundPage()) as unknown as BackgroundWindow | null;
    const take = page?.newsContext?.packChosenText;
    if (typeof take !== 'function') return false;
    take(text, confirmed, digest);
    return true;
  } catch {
    return false;
  }
}

/** How long to wait for the extension's service worker registration before handing the file over by storage. */
const WORKER_READY_MS = 500;

/**
 * Hands the chosen file itself to the background service worker (Chromium), posted before this page has read it:
 * a file crosses as a handle, and the worker reads it while this page does, where a posted text of 12.5 MB took
 * about half a second more to arrive, after this page's own read (README, Scale). Resolves false where there is
 * no active service worker to post to, and the file's text goes by `holdChosenFile` instead.
 */
export async function handToBackgroundWorker(file: Blob, confirmed: boolean): Promise<boolean> {
  try {
    const ready = navigator.serviceWorker?.ready;
    if (!ready) return false;
    const registration = await Promise.race([
      ready,
      new Promise<undefined>((resolve) => setTimeout(resolve, WORKER_READY_MS)),
    ]);
    const worker = registration?.active;
    if (!worker) return false;
    worker.postMessage({ type: 'packChosenFile', file, confirmed } satisfies ChosenFileMessage);
    return true;
  } catch {
    return false;
  }
}

/**
 * A chosen file's text, as reading it as text gives it (UTF-8, a byte order mark dropped), and its text's digest
 * (`textDigest`) from the bytes read, without encoding the text again (`fileTextDigest`). Rejects when the file
 * cannot be read.
 */
export async function readChosenFile(file: Blob): Promise<{ text: string; digest: Promise<string> }> {
  const bytes = await file.arrayBuffer();
  const digest = fileTextDigest(bytes);
  digest.catch(() => {});
  return { text: new TextDecoder().decode(bytes), digest };
}
