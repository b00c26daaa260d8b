import { describe, expect, it } from 'vitest';
import { isWhiteSpaceCode } from '../../../src/core/white-space.ts';

describe('white space without a regular expression', () => {
  it('agrees with \\s on every UTF-16 code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isWhiteSpaceCode(code) !== /\s/.test(String.fromCharCode(code))) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });
});
