import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CardDataMessage } from '../../core/card-data.ts';

/** What the content script tells the background. */
export interface ContentToBackground {
  /** How many distinct entities the page mentions now (0 when highlighting is off), for the action badge. */
  pageEntityCount(data: { count: number }): void;
  /** Opens the full entry of an entity (from a card's "Open full entry"). */
  openEntity(data: { id: string }): void;
  /** One entity's card (asked when the pointer rests on a mention: pages do not carry the cards' data). */
  cardData(data: { id: string }): CardDataMessage | undefined;
}

export const contentToBackground = defineExtensionMessaging<ContentToBackground>();
