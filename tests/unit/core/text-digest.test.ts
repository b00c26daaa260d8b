import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textDigest } from '../../../src/core/text-digest.ts';

describe('textDigest', () => {
  it('is the SHA-256 of the text’s UTF-8 bytes, in hexadecimal', async () => {
    expect(await textDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // Three bytes for every UTF-16 unit (the most UTF-8 takes), and a lone surrogate (written as U+FFFD).
    const widest = ['€'.repeat(1000), 'a\ud800b', '\udfff'];
    for (const text of ['', 'Zelenskyy – Зеленський', '{"quote":"a\u00a0b"}\n', '🙂'.repeat(1000), ...widest]) {
      expect(await textDigest(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('tells apart texts that differ by one character', async () => {
    expect(await textDigest('the crews would stay ashore')).not.toBe(await textDigest('the crews would stay ashorE'));
  });
});
