import { describe, expect, it, vi } from 'vitest';
import { readPackFile } from '../../../../src/core/packs/read-pack-file.ts';
import { textDigest } from '../../../../src/core/text-digest.ts';

describe('reading a chosen pack file', () => {
  it('gives the text as reading the file as text does, and the text’s digest from the bytes read', async () => {
    const text = '{"manifest":{"title":"Vellmar Bay – ferry strike"}}';
    for (const file of [new Blob([text]), new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text])]) {
      const read = await readPackFile(file);
      expect(read.text).toBe(await file.text());
      expect(read.text).toBe(text);
      expect(await read.digest).toBe(await textDigest(text));
    }
  });

  it('gives a file that is not UTF-8 a digest no UTF-8 file of its text has', async () => {
    const file = new Blob([new Uint8Array([0x7b, 0xff, 0x7d])]);
    const read = await readPackFile(file);
    expect(read.text).toBe('{\uFFFD}');
    expect(await read.digest).not.toBe(await textDigest(read.text));
  });

  it('rejects when the file cannot be read', async () => {
    const file = new Blob(['{}']);
    vi.spyOn(file, 'arrayBuffer').mockRejectedValue(new DOMException('The file was removed', 'NotReadableError'));
    await expect(readPackFile(file)).rejects.toThrow('The file was removed');
  });
});
