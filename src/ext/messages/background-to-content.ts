import { defineExtensionMessaging } from '@webext-core/messaging';

/** What the background tells the content scripts of every tab. */
export interface BackgroundToContent {
  /** The enabled packs changed and were compiled: pages ask for the rules again and scan again. */
  datasetChanged(): void;
}

export const backgroundToContent = defineExtensionMessaging<BackgroundToContent>();
