import { checkPack, type PackCheckResult } from '../core/packs/check-pack.ts';

/** What the options page sends its pack-check worker: the chosen file itself, which the worker reads. */
export interface PackCheckRequest {
  file: Blob;
  fileName: string;
}

/** What the worker answers: the file's check, or that it could not read the file. */
export type PackCheckAnswer = { kind: 'checked'; result: PackCheckResult } | { kind: 'unreadable' };

/**
 * Checks a pack file in full (`checkPack`) in a dedicated worker, one per file, so that the options page does
 * not freeze while a large pack is checked and the background can compile meanwhile on the other core (in
 * Firefox the background page shares the options page's thread: there the worker is the second thread). The
 * worker is started, and handed the file itself, as soon as the file is chosen, and is the only one on the
 * options page's side to read it. The result crosses back as plain data, the problems' messages as `readPack`
 * words them. Should the worker not start or not read the file, the file is read and checked here instead: the
 * import works, only not in parallel; rejects when the file cannot be read here either.
 */
export function checkPackInWorker(file: Blob, fileName: string): Promise<PackCheckResult> {
  return new Promise((resolve, reject) => {
    const checkHere = () => file.text().then((text) => resolve(checkPack(text, fileName)), reject);
    const worker = new Worker(new URL('./pack-check-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<PackCheckAnswer>) => {
      worker.terminate();
      const answer = event.data;
      if (answer.kind === 'checked') resolve(answer.result);
      else void checkHere();
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      console.warn('News Context: the pack check worker failed; checking here', event.message);
      void checkHere();
    });
    worker.postMessage({ file, fileName } satisfies PackCheckRequest);
  });
}
