/**
 * The dedicated worker the options page checks an imported pack file in (`checkPackInWorker`): it receives the
 * chosen file and its name, reads the file itself and answers with `checkPack`'s result (or that it could not
 * read the file). It calls no browser API.
 */
import { checkPack } from '../core/packs/check-pack.ts';
import type { PackCheckAnswer, PackCheckRequest } from './check-pack-in-worker.ts';

self.addEventListener('message', async (event: MessageEvent<PackCheckRequest>) => {
  const { file, fileName } = event.data;
  let text: string;
  try {
    text = await file.text();
  } catch {
    self.postMessage({ kind: 'unreadable' } satisfies PackCheckAnswer);
    return;
  }
  self.postMessage({ kind: 'checked', result: checkPack(text, fileName) } satisfies PackCheckAnswer);
});
