import { defineExtensionMessaging } from '@webext-core/messaging';

/** One entity the content script marked on the page, with how many times it is mentioned. */
export interface PageEntity {
  id: string;
  count: number;
}

/** What the popup asks the content script of the active tab. */
export interface PopupToContent {
  /** The entities marked on the page, most mentioned first; `enabled` is false when highlighting is off there. */
  getPageEntities(): { enabled: boolean; entities: PageEntity[] };
  /** Scrolls to the first mention of an entity, flashes it and opens its card; false when it is not on the page. */
  revealEntity(data: { id: string }): boolean;
}

export const popupToContent = defineExtensionMessaging<PopupToContent>();
