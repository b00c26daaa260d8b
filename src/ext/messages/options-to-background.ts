import { defineExtensionMessaging } from '@webext-core/messaging';

/** What the options page tells the background. */
export interface OptionsToBackground {
  /**
   * The reader chose a pack file to import, and the options page is checking it: the background compiles the
   * packs as they will be if the import is stored, meanwhile (`PackCompiler.speculate`). `key`: where the file
   * waits for it (`holdChosenFile`); `confirmed`: the reader confirmed importing an older or equal version.
   */
  packChosen(data: { key: string; confirmed: boolean }): void;
  /** The import stored nothing (refused, or waiting for the reader to confirm): what was compiled for it goes. */
  packNotImported(): void;
}

export const optionsToBackground = defineExtensionMessaging<OptionsToBackground>();

/**
 * The one message posted to the background service worker rather than sent through extension messaging, which
 * would serialise a 12.5 MB text on both sides: a chosen file's text (Chromium: `handToBackgroundWorker`), taken
 * as `packChosen` takes the file it names.
 */
export interface ChosenTextMessage {
  type: 'packChosenText';
  text: string;
  confirmed: boolean;
}

/** Whether `data`, posted to the background service worker, is a chosen file's text. */
export function isChosenTextMessage(data: unknown): data is ChosenTextMessage {
  const message = data as Partial<ChosenTextMessage> | null;
  return message?.type === 'packChosenText' && typeof message.text === 'string';
}
