import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Settings } from '../../core/settings-schema.ts';

/** What the background tells the content scripts of every tab. */
export interface BackgroundToContent {
  /**
   * The enabled packs changed and were compiled: pages ask for the rules again and scan again. A page answers
   * whether it does (it does not where highlighting is off), so the background can let it go first.
   */
  datasetChanged(): boolean;
  /** The reader changed the settings (in the popup, the options or by the keyboard command). */
  settingsChanged(data: { settings: Settings }): void;
}

export const backgroundToContent = defineExtensionMessaging<BackgroundToContent>();
