import { defineExtensionMessaging } from '@webext-core/messaging';

/** What the options page tells the background. */
export interface OptionsToBackground {
  /**
   * The reader chose a pack file to import, and the options page is checking it: the background compiles the
   * packs as they will be if the import is stored, meanwhile (`PackCompiler.speculate`). `key`: where the file
   * waits for it (`holdChosenFile`); `confirmed`: the reader confirmed importing an older or equal version;
   * `importId`: the import's id (`newImportId`), which the store records with the pack.
   */
  packChosen(data: { key: string; confirmed: boolean; importId: string }): void;
  /** The import stored nothing (refused, or waiting for the reader to confirm): what was compiled for it goes. */
  packNotImported(): void;
}

export const optionsToBackground = defineExtensionMessaging<OptionsToBackground>();

/**
 * The one message posted to the background service worker rather than sent through extension messaging: a
 * chosen file itself (Chromium: `handToBackgroundWorker`), which the worker reads and takes as `packChosen` takes
 * the file it names. A file crosses as a handle; its 12.5 MB of text would be serialised on both sides.
 */
export interface ChosenFileMessage {
  type: 'packChosenFile';
  file: Blob;
  confirmed: boolean;
  importId: string;
}

/** Whether `data`, posted to the background service worker, is a chosen file. */
export function isChosenFileMessage(data: unknown): data is ChosenFileMessage {
  const message = data as Partial<ChosenFileMessage> | null;
  return (
    message?.type === 'packChosenFile' &&
    message.file instanceof Blob &&
    typeof message.confirmed === 'boolean' &&
    typeof message.importId === 'string'
  );
}
