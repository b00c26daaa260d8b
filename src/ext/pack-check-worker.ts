/**
 * The dedicated worker the options page checks an imported pack file in (`checkPackInWorker`): it receives the
 * chosen file and its name, reads the file itself and answers with `checkPack`'s result and the text's digest
 * (or that it could not read the file). It calls no browser API.
 */
import { checkPack } from '../core/packs/check-pack.ts';
import { type ReadPackFile, readPackFile } from '../core/packs/read-pack-file.ts';
import type { PackCheckAnswer, PackCheckRequest } from './check-pack-in-worker.ts';

self.addEventListener('message', async (event: MessageEvent<PackCheckRequest>) => {
  const { file, fileName } = event.data;
  let read: ReadPackFile;
  try {
    read = await readPackFile(file);
  } catch {
    self.postMessage({ kind: 'unreadable' } satisfies PackCheckAnswer);
    return;
  }
  const result = checkPack(read.text, fileName);
  // Hashed off this thread while the check ran: done by now.
  const digest = await read.digest.catch(() => undefined);
  self.postMessage({ kind: 'checked', result, digest } satisfies PackCheckAnswer);
});
