import { stripMarks } from '../fold-text.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';
import { SEP, TokenStream } from './token-stream.ts';

/** A separator that stands for a " … " gap in a phrase alias. */
export const SEP_GAP = -1;

/** An alias read with the same tokenizer as page text. */
export interface ParsedAlias {
  /** Folded words. */
  keys: string[];
  /** The words as written, without diacritics: what letter case is checked against. */
  forms: string[];
  /** The separator before each word (`SEP`), or `SEP_GAP`; the first is `SEP.BREAK`. */
  seps: number[];
  /** The alias ends in a full stop that belongs to it ("U.S."). */
  trailingDot: boolean;
}

const GAP = /\s*(?:…|\.\.\.)\s*/u;

/** Splits an alias into words and the separators between them; undefined when it has no words. */
export function parseAlias(text: string): ParsedAlias | undefined {
  const parsed: ParsedAlias = { keys: [], forms: [], seps: [], trailingDot: false };
  const trimmed = text.trim();
  // Most aliases have no gap: no split for them.
  const parts = trimmed.includes('…') || trimmed.includes('...') ? trimmed.split(GAP) : [trimmed];
  for (const [p, part] of parts.entries()) {
    const stream = new TokenStream(part, 32);
    for (let i = 0; stream.has(i) && parsed.keys.length < MATCHER_DEFAULTS.maxAliasWords; i++) {
      parsed.keys.push(stream.key(i));
      parsed.forms.push(stripMarks(stream.raw(i)));
      parsed.seps.push(i > 0 ? stream.sep(i) : p > 0 && parsed.keys.length > 1 ? SEP_GAP : SEP.BREAK);
    }
    if (p === parts.length - 1 && stream.count > 0)
      parsed.trailingDot = part.slice(stream.end(stream.count - 1)) === '.';
    // Its buffers go back for the next alias: a dataset of many aliases then allocates no typed arrays each.
    stream.release();
  }
  return parsed.keys.length > 0 ? parsed : undefined;
}

/** The key of a parsed alias: its folded words, each after the kind of separator before it. */
export function aliasKeyOf(parsed: ParsedAlias): string {
  return parsed.keys.map((key, i) => `${parsed.seps[i]}${key}`).join(' ');
}

/**
 * The form the matcher compares aliases in, so "Putin-Zelensky" and "Putin–Zelensky", or "NATO" and "Nato",
 * count as one alias: the one alias key of the compiler and the validation.
 */
export function aliasKey(text: string): string {
  return keyOfParsed(parseAlias(text), text);
}

function keyOfParsed(parsed: ParsedAlias | undefined, text: string): string {
  return parsed ? aliasKeyOf(parsed) : text.normalize('NFC').toLowerCase();
}

/** `parseAlias` and `aliasKey` remembering each text's result; the parsed aliases it hands out are shared. */
export interface AliasReader {
  parse(text: string): ParsedAlias | undefined;
  key(text: string): string;
}

/**
 * An `AliasReader` for one compile: the compiler reads each alias for its own table, for the event phrases it
 * must not clash with and for the people's name rules, and thousands of events try the same phrases ("talks in
 * February"); tokenising is the costly part, so each text is read once.
 */
export function aliasReader(): AliasReader {
  const parsed = new Map<string, ParsedAlias | undefined>();
  const keys = new Map<string, string>();
  const parse = (text: string) => {
    // One look-up for the usual text: only one with no words is stored as undefined.
    const known = parsed.get(text);
    if (known !== undefined || parsed.has(text)) return known;
    const value = parseAlias(text);
    parsed.set(text, value);
    return value;
  };
  return {
    parse,
    key(text) {
      let key = keys.get(text);
      if (key === undefined) {
        key = keyOfParsed(parse(text), text);
        keys.set(text, key);
      }
      return key;
    },
  };
}
