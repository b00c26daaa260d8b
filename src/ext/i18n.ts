import { browser } from '#imports';
import type { Translate } from '../core/translate.ts';

/** The browser's message lookup; a missing key shows the key itself, so a gap is visible, not blank. */
export const translate: Translate = (key, substitutions) => browser.i18n.getMessage(key as never, substitutions) || key;
