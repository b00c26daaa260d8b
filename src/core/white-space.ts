/**
 * Whether a UTF-16 code unit is white space exactly as a regular expression's `\s` reads it (the Unicode space
 * separators, line breaks, tabs and the byte-order mark), without a regular expression: validation and the
 * search index test every character of tens of thousands of strings.
 */
export function isWhiteSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
