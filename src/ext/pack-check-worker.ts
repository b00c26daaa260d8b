/**
 * The dedicated worker the options page checks an imported pack file in (`checkPackInWorker`): it receives the
 * file's text and name and answers with `checkPack`'s result. It calls no browser API.
 */
import { checkPack } from '../core/packs/check-pack.ts';
import type { PackCheckAnswer, PackCheckRequest } from './check-pack-in-worker.ts';

self.addEventListener('message', (event: MessageEvent<PackCheckRequest>) => {
  const { text, fileName } = event.data;
  self.postMessage({ kind: 'checked', result: checkPack(text, fileName) } satisfies PackCheckAnswer);
});
