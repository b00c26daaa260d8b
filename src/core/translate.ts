/** Looks up a UI string by its key in `_locales/<lang>/messages.json`, with `$1`… substitutions. */
export type Translate = (key: string, substitutions?: string | string[]) => string;
