import { fileTextDigest } from '../text-digest.ts';

/** A pack file as read: its text and its text's digest. */
export interface ReadPackFile {
  /** The text, as reading the file as text gives it (UTF-8, a byte order mark dropped). */
  text: string;
  /** The text's `textDigest`, made from the bytes read (`fileTextDigest`), off the calling thread. */
  digest: Promise<string>;
}

/**
 * Reads a chosen pack file once, for its text and its digest, without encoding the text again to hash it.
 * Rejects when the file cannot be read (removed or changed since it was chosen).
 */
export async function readPackFile(file: Blob): Promise<ReadPackFile> {
  const bytes = await file.arrayBuffer();
  const digest = fileTextDigest(bytes);
  digest.catch(() => {});
  return { text: new TextDecoder().decode(bytes), digest };
}
