import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileTextDigest, textDigest } from '../../../src/core/text-digest.ts';

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

describe('fileTextDigest', () => {
  const bytesOf = (...parts: (string | number[])[]) =>
    new Blob(parts.map((part) => (typeof part === 'string' ? part : new Uint8Array(part)))).arrayBuffer();

  it('is the textDigest of the file’s text, read as text, for every file of UTF-8, with a byte order mark or not', async () => {
    for (const text of ['', 'abc', 'Zelenskyy – Зеленський', '{"quote":"a\u00a0b"}\n', '🙂'.repeat(1000)]) {
      for (const bytes of [await bytesOf(text), await bytesOf([0xef, 0xbb, 0xbf], text)]) {
        const read = await new Blob([bytes]).text();
        expect(read).toBe(text);
        expect(await fileTextDigest(bytes)).toBe(await textDigest(read));
      }
    }
  });

  it('differs from the digest of the text of a file that is not UTF-8, so it passes for no other file', async () => {
    const bytes = await bytesOf('{"title":"Caf', [0xe9], '"}');
    const read = await new Blob([bytes]).text();
    expect(read).toBe('{"title":"Caf\ufffd"}');
    expect(await fileTextDigest(bytes)).not.toBe(await textDigest(read));
  });
});
