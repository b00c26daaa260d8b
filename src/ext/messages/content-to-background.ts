import { defineExtensionMessaging } from '@webext-core/messaging';

/** What the content script tells the background. */
export interface ContentToBackground {
  /** How many distinct entities the page mentions now (0 when highlighting is off), for the action badge. */
  pageEntityCount(data: { count: number }): void;
  /** Opens the full entry of an entity (from a card's "Open full entry"). */
  openEntity(data: { id: string }): void;
}

export const contentToBackground = defineExtensionMessaging<ContentToBackground>();
