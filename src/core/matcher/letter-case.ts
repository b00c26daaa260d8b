import { capitalise, isAllUpper } from '../fold-text.ts';
import { CASE_MODE } from './compile-matcher.ts';
import { MATCHER_DEFAULTS } from './matcher-defaults.ts';

/**
 * Letter-case rules of an alias word against a page word: as written; in capitals ("PUTIN"); capitalised
 * ("Summit" for "summit"); a long acronym in title case ("Nato" for "NATO"). `CASE_MODE.exact` allows only
 * the first. `wordCaseMatches` states the rules on strings; `maskCaseMatches` answers the same for ASCII words
 * from the page's characters and a bit mask of the form's capitals, which is what the matcher runs.
 */

/** Longest form that gets a case mask: one bit per letter in a 31-bit non-negative integer. */
const MASK_MAX_LENGTH = 31;
/** Nothing above U+007F (forms never hold control characters: they are words). */
const NON_ASCII = /[^\u0020-\u007e]/;

/** The case rules for one word, on strings. */
export function wordCaseMatches(written: string, form: string, mode: number): boolean {
  if (written === form) return true;
  if (mode === CASE_MODE.exact) return false;
  if (isAllUpper(written) || written === capitalise(form)) return true;
  return (
    form.length >= MATCHER_DEFAULTS.acronymTitleCaseMinLength &&
    isAllUpper(form) &&
    written === capitalise(form.toLowerCase())
  );
}

/**
 * Bit `k` set when letter `k` of the form is a capital, for an ASCII form of at most `MASK_MAX_LENGTH` letters;
 * undefined for any other (its case is then checked on strings).
 */
export function caseMask(form: string): number | undefined {
  if (form.length > MASK_MAX_LENGTH || NON_ASCII.test(form)) return undefined;
  let mask = 0;
  for (let k = 0; k < form.length; k++) if (isUpper(form.charCodeAt(k))) mask |= 1 << k;
  return mask;
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isLowerAscii = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/** Whether `text[start, end)` has a capital A-Z. */
export function hasAsciiUpper(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (isUpper(text.charCodeAt(p))) return true;
  return false;
}

/**
 * `wordCaseMatches` for an ASCII word `text[start, end)` and a form with the same letters, given by its
 * `caseMask`: the same answers, from the page's characters and one integer (a large dictionary marks a name
 * every few dozen words, and the forms' strings would each be a memory read).
 */
export function maskCaseMatches(text: string, start: number, end: number, formMask: number, mode: number): boolean {
  let upper = 0;
  let lower = 0;
  for (let k = 0; k < end - start; k++) {
    const c = text.charCodeAt(start + k);
    if (isUpper(c)) upper |= 1 << k;
    else if (isLowerAscii(c)) lower |= 1 << k;
  }
  // As written.
  if (upper === formMask) return true;
  if (mode === CASE_MODE.exact) return false;
  // All capitals: a cased letter and no lower-case one (digits are neither).
  if (upper !== 0 && lower === 0) return true;
  const letters = upper | lower;
  // Capitalised: the first letter a capital, the rest as the form has them.
  if ((letters & 1) !== 0 && upper === (formMask | 1)) return true;
  // A long acronym written in title case: "Nato" for "NATO".
  return (
    end - start >= MATCHER_DEFAULTS.acronymTitleCaseMinLength &&
    formMask !== 0 &&
    formMask === letters &&
    upper === (letters & 1)
  );
}
