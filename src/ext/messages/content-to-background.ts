import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CardDataMessage } from '../../core/card-data.ts';
import type { MatchReply, PageRules, TextBatch } from '../../core/matcher/match-wire.ts';
import type { Settings } from '../../core/settings-schema.ts';

/** What the content script tells the background. */
export interface ContentToBackground {
  /** How many distinct entities the page mentions now (0 when highlighting is off), for the action badge. */
  pageEntityCount(data: { count: number }): void;
  /** Opens the full entry of an entity (from a card's "Open full entry"). */
  openEntity(data: { id: string }): void;
  /** One entity's card (asked when the pointer rests on a mention: pages do not carry the cards' data). */
  cardData(data: { id: string }): CardDataMessage | undefined;
  /**
   * What a page starts with: the reader's settings, valid (pages do not read storage: the background parses it
   * for them), and the dataset's rules when highlighting is on for the page's site (one message, not two),
   * with the candidates of `texts` where the page sent them (a short page's text: the first look and the
   * scan's first batch in one round trip).
   */
  pageStart(data: { hostname: string; texts?: TextBatch }): {
    settings: Settings;
    rules?: PageRules;
    found?: MatchReply;
  };
  /**
   * The marks' look (style, colours) where highlighting is on for the page's site, else null: asked before the
   * page is parsed, so the marks' style sheet is there before the page's elements have a style.
   */
  pageLook(data: { hostname: string }): Pick<Settings, 'style' | 'colours'> | null;
  /** The dataset's rules a page marks by (the marking table, the context rules). */
  pageRules(): PageRules;
  /** Candidates in a batch of the page's texts: the background matches, so pages carry no matcher. */
  matchTexts(data: TextBatch): MatchReply;
  /** Firefox: runs the card's UI script in the asking frame (the first time a card may be wanted); false when it cannot. */
  showCardUi(): boolean;
}

export const contentToBackground = defineExtensionMessaging<ContentToBackground>();
