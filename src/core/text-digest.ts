/**
 * The SHA-256 digest of a text's UTF-8 bytes, as hexadecimal: what tells two pack files apart without keeping
 * or reading back either (the background compares the file it compiled ahead of an import with the file the
 * import stored by their digests). The hashing is the platform's (`crypto.subtle`, in browsers and Node).
 */
export async function textDigest(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
