import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkPack } from '../../../src/core/packs/check-pack.ts';
import type { PackCheckAnswer, PackCheckRequest } from '../../../src/ext/check-pack-in-worker.ts';
import { checkPackInWorker } from '../../../src/ext/check-pack-in-worker.ts';
import { fixturePackText, HARBOUR_PACK_DIR } from '../../fixtures/packs/fixture-pack.ts';

const PACK = fixturePackText(HARBOUR_PACK_DIR);

/**
 * A stand-in for the browser's `Worker`, run by `behave` on what the options page posts it: answers as the pack
 * check worker would, fails to start, or cannot read the file.
 */
function stubWorker(behave: (request: PackCheckRequest) => Promise<PackCheckAnswer | 'error'>) {
  const made: { posted: PackCheckRequest[]; terminated: boolean }[] = [];
  class StandInWorker extends EventTarget {
    readonly record = { posted: [] as PackCheckRequest[], terminated: false };
    constructor() {
      super();
      made.push(this.record);
    }
    postMessage(request: PackCheckRequest) {
      this.record.posted.push(request);
      void behave(request).then((answer) =>
        this.dispatchEvent(
          answer === 'error'
            ? Object.assign(new Event('error'), { message: 'could not start' })
            : Object.assign(new Event('message'), { data: answer }),
        ),
      );
    }
    terminate() {
      this.record.terminated = true;
    }
  }
  vi.stubGlobal('Worker', StandInWorker);
  return made;
}

describe('checking a chosen pack file in a worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hands the worker the file itself, which it reads, and answers with its check', async () => {
    const made = stubWorker(async ({ file, fileName }) => ({
      kind: 'checked',
      result: checkPack(await file.text(), fileName),
    }));
    const file = new File([PACK], 'harbour.newscontext.json');
    const read = vi.spyOn(file, 'text');
    const result = await checkPackInWorker(file, 'harbour.newscontext.json');
    expect(result.ok).toBe(true);
    expect(result.ok && result.pack.manifest.id).toBe('vellmar-ferry-strike');
    // Read once, by the worker (here, the stand-in), never on the page's side.
    expect(read).toHaveBeenCalledTimes(1);
    expect(made).toHaveLength(1);
    expect(made[0]?.posted).toEqual([{ file, fileName: 'harbour.newscontext.json' }]);
    expect(made[0]?.terminated).toBe(true);
  });

  it('checks the file here when the worker cannot read it, or fails: the same problems, named alike', async () => {
    const broken = PACK.replace('"formatVersion":1', '"formatVersion":0');
    expect(broken).not.toBe(PACK);
    for (const answer of [{ kind: 'unreadable' } as const, 'error' as const]) {
      stubWorker(async () => answer);
      const result = await checkPackInWorker(new Blob([broken]), 'broken.newscontext.json');
      expect(result).toEqual(checkPack(broken, 'broken.newscontext.json'));
      expect(result.ok).toBe(false);
    }
  });

  it('rejects when neither the worker nor the page can read the file', async () => {
    stubWorker(async () => ({ kind: 'unreadable' }));
    const file = new File([PACK], 'gone.newscontext.json');
    vi.spyOn(file, 'text').mockRejectedValue(new DOMException('The file was removed', 'NotReadableError'));
    await expect(checkPackInWorker(file, 'gone.newscontext.json')).rejects.toThrow('The file was removed');
  });
});
