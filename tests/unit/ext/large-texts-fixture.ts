import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { expect } from 'vitest';

/*
 * The extension's large texts (src/ext/large-texts.ts) in unit tests: an IndexedDB written in JavaScript
 * (fake-indexeddb), as Node has none. Each module instance opens the global `indexedDB` on first use, so a
 * test that resets it and then re-imports the modules (`vi.resetModules`) starts from an empty database.
 */

/** An empty IndexedDB for what the test imports next. */
export function resetLargeTexts(): void {
  globalThis.indexedDB = new IDBFactory();
}

async function largeTexts() {
  return import('../../../src/ext/large-texts.ts');
}

/** Every stored large text, by key. */
export async function allLargeTexts(): Promise<Record<string, string | undefined>> {
  const { largeTextKeys, readLargeTexts } = await largeTexts();
  const keys = await largeTextKeys('');
  const texts = await readLargeTexts(keys);
  return Object.fromEntries(keys.map((key, i) => [key, texts[i]]));
}

/** The keys of the stored files of pack `id` (one while it is installed). */
export async function packFileKeys(id: string): Promise<string[]> {
  return (await largeTexts()).largeTextKeys(`packFile:${id}@`);
}

/** The stored file of pack `id`, which must be the only one. */
export async function storedPackFile(id: string): Promise<string> {
  const keys = await packFileKeys(id);
  expect(keys).toHaveLength(1);
  const text = await (await largeTexts()).readLargeText(keys[0] as string);
  if (text === undefined) throw new Error(`no stored file for ${id}`);
  return text;
}

/** The stored value of pack `id`'s file as it is in the database (a text, or the file it was read from). */
export async function storedPackValue(id: string): Promise<unknown> {
  const keys = await packFileKeys(id);
  expect(keys).toHaveLength(1);
  const { createStore, get } = await import('idb-keyval');
  return get(keys[0] as string, createStore('news-context', 'texts'));
}

/** Replaces the stored file of pack `id` with `text`, as a change behind the extension's back would. */
export async function overwritePackFile(id: string, text: string): Promise<void> {
  const keys = await packFileKeys(id);
  expect(keys).toHaveLength(1);
  await (await largeTexts()).writeLargeTexts({ [keys[0] as string]: text });
}

/** The stored compiled files (src/ext/compiled-source.ts), by key. */
export async function compiledFiles(): Promise<Record<string, string | undefined>> {
  const all = await allLargeTexts();
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('compiled:')));
}

/** The stored compiled file `name` (e.g. `matcher.json`), which must be there once. */
export async function compiledFile(name: string): Promise<string | undefined> {
  const found = Object.entries(await compiledFiles()).filter(([key]) => key.endsWith(`:${name}`));
  expect(found).toHaveLength(1);
  return found[0]?.[1];
}

/** Replaces (a text) or removes (undefined) the stored compiled file `name`, as damage behind the extension's back. */
export async function overwriteCompiledFile(name: string, text: string | undefined): Promise<void> {
  const keys = Object.keys(await compiledFiles()).filter((key) => key.endsWith(`:${name}`));
  expect(keys).toHaveLength(1);
  const { writeLargeTexts, removeLargeTexts } = await largeTexts();
  if (text === undefined) await removeLargeTexts(keys);
  else await writeLargeTexts({ [keys[0] as string]: text });
}
