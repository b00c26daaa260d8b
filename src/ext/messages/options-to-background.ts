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
