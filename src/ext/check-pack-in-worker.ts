import { checkPack, type PackCheckResult } from '../core/packs/check-pack.ts';
import { readPackFile } from '../core/packs/read-pack-file.ts';

/** What the options page sends its pack-check worker: the chosen file itself, which the worker reads. */
export interface PackCheckRequest {
  file: Blob;
  fileName: string;
}

/** A chosen file's check, and its text's digest (`readPackFile`; undefined where it could not be made). */
export interface CheckedPackFile {
  result: PackCheckResult;
  digest: string | undefined;
}

/** What the worker answers: the file's check and digest, or that it could not read the file. */
export type PackCheckAnswer = ({ kind: 'checked' } & CheckedPackFile) | { kind: 'unreadable' };

/**
 * Checks a pack file in full (`checkPack`) in a dedicated worker, one per file, so that the options page does
 * not freeze while a large pack is checked and the background can compile meanwhile on the other core (in
 * Firefox the background page shares the options page's thread: there the worker is the second thread). The
 * worker is started, and handed the file itself, as soon as the file is chosen, and is the only one on the
 * options page's side to read it: it answers with the text's digest too, which the import records. The result
 * crosses back as plain data, the problems' messages as `readPack` words them. Should the worker not start or
 * not read the file, the file is read and checked here instead: the import works, only not in parallel; rejects
 * when the file cannot be read here either.
 */
export function checkPackInWorker(file: Blob, fileName: string): Promise<CheckedPackFile> {
  return new Promise((resolve, reject) => {
    const checkHere = () =>
      readPackFile(file).then(async ({ text, digest }) => {
        const result = checkPack(text, fileName);
        resolve({ result, digest: await digest.catch(() => undefined) });
      }, reject);
    const worker = new Worker(new URL('./pack-check-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<PackCheckAnswer>) => {
      worker.terminate();
      const answer = event.data;
      if (answer.kind === 'checked') resolve({ result: answer.result, digest: answer.digest });
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
