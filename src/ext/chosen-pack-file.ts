import { largeTextKeys, readLargeText, removeLargeTexts, writeLargeTexts } from './large-texts.ts';

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
