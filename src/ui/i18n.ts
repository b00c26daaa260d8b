import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../core/translate.ts';

/**
 * Components read strings through this context; entrypoints provide the browser's `i18n.getMessage`
 * (src/ext/i18n.ts), so `src/ui` never calls a browser API itself and tests can provide their own.
 */
export const I18nContext = createContext<Translate>((key) => key);

/** The translate function of the nearest provider. */
export function useT(): Translate {
  return useContext(I18nContext);
}
