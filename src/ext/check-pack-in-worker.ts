import { checkPack, type PackCheckResult } from '../core/packs/check-pack.ts';

/** What the options page sends its pack-check worker. */
export interface PackCheckRequest {
  text: string;
  fileName: string;
}

/** What the worker answers: the check's result. */
export type PackCheckAnswer = { kind: 'checked'; result: PackCheckResult };

/**
 * Checks a pack file in full (`checkPack`) in a dedicated worker, one per file, so that the options page does
 * not freeze while a large pack is checked and the background can compile meanwhile on the other core (in
 * Firefox the background page shares the options page's thread: there the worker is the second thread). The
 * result crosses back as plain data, the problems' messages as `readPack` words them. Should the worker not
 * start, the file is checked here instead: the import works, only not in parallel.
 */
export function checkPackInWorker(text: string, fileName: string): Promise<PackCheckResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./pack-check-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<PackCheckAnswer>) => {
      worker.terminate();
      resolve(event.data.result);
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      console.warn('News Context: the pack check worker failed; checking here', event.message);
      resolve(checkPack(text, fileName));
    });
    worker.postMessage({ text, fileName } satisfies PackCheckRequest);
  });
}
