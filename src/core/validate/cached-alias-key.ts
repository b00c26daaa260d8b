import { aliasKey } from '../matcher/parse-alias.ts';

/** Entries kept before the cache starts over: a 10,000-entity pack has about 30,000 aliases. */
const MAX_ENTRIES = 100_000;
const keys = new Map<string, string>();

/**
 * `aliasKey`, remembered: the schema, the shared-alias check and the merge of packs all ask for the key of
 * the same alias, and tokenising is the costly part of validating a large pack.
 */
export function cachedAliasKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    if (keys.size >= MAX_ENTRIES) keys.clear();
    key = aliasKey(text);
    keys.set(text, key);
  }
  return key;
}
