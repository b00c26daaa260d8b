import { foldWord } from '../fold-text.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';

/**
 * What separates a word from the one before it, which decides whether a phrase may run on:
 * `JOIN` spaces (any kind, at most one line break) with at most one hyphen or dash ("Trump–Putin"),
 * `DOT` a full stop with optional spaces ("U.S."), `APOS` a lone apostrophe, straight or curly ("Putin’s"),
 * `BREAK` anything else (commas, quotes, brackets, paragraph breaks, the start of the text).
 */
export const SEP = Object.freeze({ BREAK: 0, JOIN: 1, DOT: 2, APOS: 3 });

const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units of a folded word: what the first-word filter is keyed by. */
export function hashKey(key: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), HASH_PRIME);
  return hash;
}

/** Set on a word inside a URL, an e-mail address, a handle, a hashtag or code: never matched. */
export const TOKEN_SKIP = 1;
/** Set on a word of ASCII letters and digits only: its folded key is its text with A-Z read as a-z. */
export const TOKEN_ASCII = 2;
/** Set on a word that may have a capital letter: every word with one of A-Z, and every word that is not ASCII. */
export const TOKEN_UPPER = 4;

const WORD = 1;
const NOT_WORD = 2;
/** Per code unit: 0 not yet known, WORD or NOT_WORD. Filled lazily; shared by every stream. */
const charClass = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function isWordUnit(code: number): boolean {
  let cls = charClass[code];
  if (cls === 0) {
    // ASCII and the General Punctuation block (curly quotes, dashes: every news text has them) are settled
    // without the Unicode-class regex, whose first use compiles it (milliseconds on a page that needs none).
    if (code < 0x80) cls = isAsciiWord(code) ? WORD : NOT_WORD;
    else if ((code >= 0x2000 && code <= 0x206f) || (code >= 0xd800 && code <= 0xdfff)) cls = NOT_WORD;
    else cls = WORD_CHAR.test(String.fromCharCode(code)) ? WORD : NOT_WORD;
    charClass[code] = cls;
  }
  return cls === WORD;
}

function isAsciiWord(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isIgnorable(code: number): boolean {
  return code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

function isDash(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe63 || code === 0xff0d;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 0x2032 || code === 0xff07;
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x1680
  );
}

/**
 * Where URLs, e-mail addresses, handles, hashtags and code-like tokens are: [start, end) pairs of
 * white-space-delimited chunks that contain a tell-tale sign.
 */
export function findSkipRanges(text: string): number[] {
  const ranges: number[] = [];
  const n = text.length;
  // The engine's own search finds the few places worth a look; most of a text has none.
  const triggers = SKIP_TRIGGERS;
  triggers.lastIndex = 0;
  for (let found = triggers.exec(text); found; found = triggers.exec(text)) {
    const p = found.index;
    const c = text.charCodeAt(p);
    if (c === 0x2e && !isDomainDot(text, p)) continue;
    let start = p;
    while (start > 0 && !isChunkEnd(text.charCodeAt(start - 1))) start--;
    let end = p + 1;
    while (end < n && !isChunkEnd(text.charCodeAt(end))) end++;
    if (c === 0x2f && !/:\/\/|\/.*\//.test(text.slice(start, end))) continue;
    if (ranges.length > 0 && (ranges[ranges.length - 1] as number) >= start) ranges[ranges.length - 1] = end;
    else ranges.push(start, end);
    triggers.lastIndex = end + 1;
  }
  return ranges;
}

/**
 * Where a chunk to skip may be: ASCII characters that never appear inside prose words but do in URLs,
 * addresses, handles and code, a full stop (a domain's, when `isDomainDot`), and "www.".
 */
const SKIP_TRIGGERS = /[@_=<>{}\\|`#~/.]|www\./g;

/** A full stop between a lower-case letter or digit and a lower-case letter: "putin.ru", "file.ts". */
function isDomainDot(text: string, p: number): boolean {
  const before = text.charCodeAt(p - 1);
  const after = text.charCodeAt(p + 1);
  // ASCII by its code (most full stops end a sentence: a space or a capital follows), the rest by Unicode's classes.
  if (after < 0x80 && !(after >= 0x61 && after <= 0x7a)) return false;
  if (before < 0x80 && !((before >= 0x61 && before <= 0x7a) || (before >= 0x30 && before <= 0x39))) return false;
  return LOWER_OR_DIGIT.test(text.charAt(p - 1)) && LOWER.test(text.charAt(p + 1));
}
const LOWER_OR_DIGIT = /^[\p{Ll}\p{N}]$/u;
const LOWER = /^\p{Ll}$/u;

function isChunkEnd(code: number): boolean {
  return isSpace(code) || code === 0x0a || code === 0x2028 || code === 0x2029;
}

interface TokenBuffers {
  starts: Int32Array;
  ends: Int32Array;
  seps: Uint8Array;
  flags: Uint8Array;
  keys: (string | undefined)[];
  hashes: Int32Array;
}

/**
 * One spare set of ring buffers per size (by log2), handed back by `release`: matching paragraph after
 * paragraph then allocates no typed arrays, whose off-heap storage is slow to make and to collect.
 */
const spareBuffers: (TokenBuffers | undefined)[] = new Array(32).fill(undefined);

function takeBuffers(size: number): TokenBuffers {
  const slot = 31 - Math.clz32(size);
  const spare = spareBuffers[slot];
  if (spare && spare.starts.length === size) {
    spareBuffers[slot] = undefined;
    return spare;
  }
  return {
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    seps: new Uint8Array(size),
    flags: new Uint8Array(size),
    keys: new Array<string | undefined>(size).fill(undefined),
    hashes: new Int32Array(size),
  };
}

/**
 * The words of a text, produced on demand into a ring buffer, so that look-ahead is bounded and
 * memory does not grow with the input. Token `i` stays readable until token `i + tokenBufferSize` is made.
 */
export class TokenStream {
  readonly text: string;
  /** Tokens made so far. */
  count = 0;
  private pos = 0;
  private readonly mask: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly seps: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly keys: (string | undefined)[];
  private readonly hashes: Int32Array;
  private readonly buffers: TokenBuffers;
  private readonly skip: number[];
  private skipAt = 0;

  constructor(text: string, bufferSize: number = MATCHER_DEFAULTS.tokenBufferSize) {
    this.text = text;
    this.mask = bufferSize - 1;
    const buffers = takeBuffers(bufferSize);
    this.buffers = buffers;
    this.starts = buffers.starts;
    this.ends = buffers.ends;
    this.seps = buffers.seps;
    this.flags = buffers.flags;
    this.keys = buffers.keys;
    this.hashes = buffers.hashes;
    this.skip = findSkipRanges(text);
  }

  /**
   * Hands the ring buffers on to the next stream of the same size. Every slot is written before it is read,
   * so nothing carries over; the stream must not be used afterwards.
   */
  release(): void {
    this.keys.fill(undefined, 0, Math.min(this.count, this.mask + 1));
    spareBuffers[31 - Math.clz32(this.mask + 1)] = this.buffers;
  }

  /** Makes token `i` available; false when the text has fewer tokens. */
  has(i: number): boolean {
    while (i >= this.count) if (!this.scan()) return false;
    return true;
  }

  start(i: number): number {
    return this.starts[i & this.mask] as number;
  }
  end(i: number): number {
    return this.ends[i & this.mask] as number;
  }
  /** The separator before token `i`. */
  sep(i: number): number {
    return this.seps[i & this.mask] as number;
  }
  flag(i: number): number {
    return this.flags[i & this.mask] as number;
  }
  /** The folded word: lower case, no diacritics. Made on first use: most words are never looked up. */
  key(i: number): string {
    const slot = i & this.mask;
    let key = this.keys[slot];
    if (key === undefined) {
      key = this.text.slice(this.starts[slot], this.ends[slot]).toLowerCase();
      this.keys[slot] = key;
    }
    return key;
  }
  /** `hashKey` of the folded word, computed while scanning, so filters need no string. */
  hash(i: number): number {
    return this.hashes[i & this.mask] as number;
  }
  /** The word as written. */
  raw(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }

  private scan(): boolean {
    const text = this.text;
    const n = text.length;
    let p = this.pos;
    // Separator before the word, classified as it is read.
    let breaks = 0;
    let dashes = 0;
    let dots = 0;
    let aposes = 0;
    let other = 0;
    let dotFirst = false;
    let seen = 0;
    let unitCount = 1;
    for (; p < n; p++) {
      const c = text.charCodeAt(p);
      if (c < 0x80 ? isAsciiWord(c) : this.isWordAt(c, p)) {
        unitCount = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        break;
      }
      if (c === 0x0a || c === 0x2028 || c === 0x2029) breaks++;
      else if (isSpace(c)) {
        // Spaces are the plain separator; only what else stands between words is counted.
      } else if (isDash(c)) dashes++;
      else if (c === 0x2e) {
        if (seen === 0) dotFirst = true;
        dots++;
      } else if (isApostrophe(c)) aposes++;
      // A per cent sign right after a number belongs to it: "5% of GDP" runs on as "5 percent of GDP" does.
      else if (!(c === 0x25 && seen === 0 && p > 0 && isDigit(text.charCodeAt(p - 1)))) other++;
      seen++;
    }
    if (p >= n) {
      this.pos = n;
      return false;
    }
    const start = p;
    const first = text.charCodeAt(p);
    let ascii = unitCount === 1 && first < 0x80;
    let upper = first >= 0x41 && first <= 0x5a;
    let hash = Math.imul(HASH_SEED ^ (upper ? first | 0x20 : first), HASH_PRIME);
    p += unitCount;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c < 0x80) {
        if (isAsciiWord(c)) {
          const capital = c >= 0x41 && c <= 0x5a;
          upper ||= capital;
          hash = Math.imul(hash ^ (capital ? c | 0x20 : c), HASH_PRIME);
          p++;
          continue;
        }
        break;
      }
      if (this.isWordAt(c, p)) {
        ascii = false;
        p += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        continue;
      }
      if (isIgnorable(c) && p + 1 < n && this.isWordAt(text.charCodeAt(p + 1), p + 1)) {
        ascii = false;
        p++;
        continue;
      }
      break;
    }
    this.pos = p;
    const slot = this.count & this.mask;
    this.starts[slot] = start;
    this.ends[slot] = p;
    let sep: number = SEP.BREAK;
    if (this.count > 0 && other === 0 && breaks <= 1) {
      if (aposes === 1 && seen === 1) sep = SEP.APOS;
      else if (dots === 1 && dotFirst && aposes === 0 && dashes === 0 && breaks === 0) sep = SEP.DOT;
      else if (dots === 0 && aposes === 0 && dashes <= 1) sep = SEP.JOIN;
    }
    this.seps[slot] = sep;
    if (ascii) {
      this.keys[slot] = undefined;
      this.hashes[slot] = hash;
    } else {
      const key = foldWord(text.slice(start, p));
      this.keys[slot] = key;
      this.hashes[slot] = hashKey(key);
    }
    this.flags[slot] =
      (this.inSkip(start) ? TOKEN_SKIP : 0) | (ascii ? TOKEN_ASCII : 0) | (upper || !ascii ? TOKEN_UPPER : 0);
    this.count++;
    return true;
  }

  /** Word character at `p`, reading a surrogate pair as one code point; lone surrogates are not words. */
  private isWordAt(c: number, p: number): boolean {
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = this.text.charCodeAt(p + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
      return WORD_CHAR.test(this.text.slice(p, p + 2));
    }
    return isWordUnit(c);
  }

  private inSkip(offset: number): boolean {
    const skip = this.skip;
    while (this.skipAt < skip.length && (skip[this.skipAt + 1] as number) <= offset) this.skipAt += 2;
    return this.skipAt < skip.length && (skip[this.skipAt] as number) <= offset;
  }
}
