import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allLargeTexts, resetLargeTexts } from './large-texts-fixture.ts';

/** The module afresh, over the empty IndexedDB the test starts with. */
async function fresh() {
  vi.resetModules();
  return import('../../../src/ext/chosen-pack-file.ts');
}

describe('a chosen pack file handed to the background', () => {
  beforeEach(() => resetLargeTexts());

  it('is kept under a key of its own until the background takes it, once', async () => {
    const { holdChosenFile, takeChosenFile } = await fresh();
    const key = await holdChosenFile('{"format":"news-context-pack"}');
    expect(Object.keys(await allLargeTexts())).toEqual([key]);
    expect(await takeChosenFile(key)).toBe('{"format":"news-context-pack"}');
    expect(await allLargeTexts()).toEqual({});
    expect(await takeChosenFile(key)).toBeUndefined();
  });

  it('keeps the chosen file itself, which the background takes as its text (a byte order mark dropped)', async () => {
    const { holdChosenFile, takeChosenFile } = await fresh();
    const text = '{"manifest":{"title":"Vellmar Bay – ferry strike"}}';
    const key = await holdChosenFile(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), text]));
    expect(await takeChosenFile(key)).toBe(text);
    expect(await allLargeTexts()).toEqual({});
  });

  it('leaves nothing behind once the import is over, files of imports cut short included', async () => {
    const { holdChosenFile, dropChosenFiles } = await fresh();
    await holdChosenFile('first');
    await holdChosenFile('second');
    const { writeLargeTexts } = await import('../../../src/ext/large-texts.ts');
    await writeLargeTexts({ 'packFile:kept@2026-03-02T00:00:00.000Z': 'an installed pack' });
    await dropChosenFiles();
    expect(await allLargeTexts()).toEqual({ 'packFile:kept@2026-03-02T00:00:00.000Z': 'an installed pack' });
  });

  it('gives nothing, and removes nothing, for a key that is not a chosen file’s', async () => {
    const { takeChosenFile } = await fresh();
    const { writeLargeTexts } = await import('../../../src/ext/large-texts.ts');
    await writeLargeTexts({ 'packFile:kept@2026-03-02T00:00:00.000Z': 'an installed pack' });
    expect(await takeChosenFile('packFile:kept@2026-03-02T00:00:00.000Z')).toBeUndefined();
    expect(Object.keys(await allLargeTexts())).toEqual(['packFile:kept@2026-03-02T00:00:00.000Z']);
  });
});

describe('a chosen pack file handed to a background page on the same thread (Firefox)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    return resetLargeTexts();
  });

  it('goes to the background page in a call, the file itself, unread, with nothing written to the large texts', async () => {
    const { handToBackgroundPage } = await fresh();
    const taken: [Blob, boolean, string][] = [];
    const page = {
      newsContext: {
        packChosenFile: (file: Blob, confirmed: boolean, importId: string) => taken.push([file, confirmed, importId]),
      },
    };
    vi.spyOn(fakeBrowser.runtime, 'getBackgroundPage').mockResolvedValue(page as never);
    const file = new File(['{"format":"news-context-pack"}'], 'harbour.newscontext.json');
    const read = [vi.spyOn(file, 'text'), vi.spyOn(file, 'arrayBuffer')];
    expect(await handToBackgroundPage(file, true, 'import-1')).toBe(true);
    expect(taken).toEqual([[file, true, 'import-1']]);
    for (const spy of read) expect(spy).not.toHaveBeenCalled();
    expect(await allLargeTexts()).toEqual({});
  });

  it('says no where there is no background page to call (a service worker, a private window)', async () => {
    const { handToBackgroundPage } = await fresh();
    const getPage = vi.spyOn(fakeBrowser.runtime, 'getBackgroundPage');
    getPage.mockRejectedValue(new Error('no background page'));
    const file = new Blob(['{}']);
    expect(await handToBackgroundPage(file, false, 'import-1')).toBe(false);
    getPage.mockResolvedValue(null as never);
    expect(await handToBackgroundPage(file, false, 'import-1')).toBe(false);
    // A background of another version, without the call.
    getPage.mockResolvedValue({ newsContext: {} } as never);
    expect(await handToBackgroundPage(file, false, 'import-1')).toBe(false);
  });
});

describe('a chosen pack file posted to the background service worker (Chromium)', () => {
  beforeEach(() => resetLargeTexts());
  afterEach(() => vi.unstubAllGlobals());

  it('is posted to the active worker as the file itself, unread, with nothing written to the large texts', async () => {
    const { handToBackgroundWorker } = await fresh();
    const { isChosenFileMessage } = await import('../../../src/ext/messages/options-to-background.ts');
    const posted: unknown[] = [];
    const active = { postMessage: (message: unknown) => posted.push(message) };
    vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve({ active }) } });
    const file = new File(['{"format":"news-context-pack"}'], 'harbour.newscontext.json');
    const read = vi.spyOn(file, 'text');
    expect(await handToBackgroundWorker(file, false, 'import-1')).toBe(true);
    expect(posted).toEqual([{ type: 'packChosenFile', file, confirmed: false, importId: 'import-1' }]);
    expect(posted.every(isChosenFileMessage)).toBe(true);
    expect(read).not.toHaveBeenCalled();
    expect(await allLargeTexts()).toEqual({});
  });

  it('says no without a service worker, or without an active one, so the file goes through storage', async () => {
    const { handToBackgroundWorker } = await fresh();
    vi.stubGlobal('navigator', {});
    expect(await handToBackgroundWorker(new Blob(['{}']), false, 'import-1')).toBe(false);
    vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve({ active: null }) } });
    expect(await handToBackgroundWorker(new Blob(['{}']), false, 'import-1')).toBe(false);
  });

  it('takes only messages of that shape', async () => {
    const { isChosenFileMessage } = await import('../../../src/ext/messages/options-to-background.ts');
    expect(
      isChosenFileMessage({ type: 'packChosenFile', file: new Blob(['{}']), confirmed: true, importId: 'import-1' }),
    ).toBe(true);
    for (const other of [
      null,
      'text',
      { type: 'packChosenFile' },
      { type: 'packChosenFile', file: '{}', confirmed: true, importId: 'import-1' },
      { type: 'packChosenFile', file: new Blob(['{}']), importId: 'import-1' },
      // Without the import's id, the file it compiles could never be known again once stored.
      { type: 'packChosenFile', file: new Blob(['{}']), confirmed: true },
      { type: 'other', file: new Blob(['{}']), confirmed: true, importId: 'import-1' },
      { file: new Blob(['{}']), confirmed: true, importId: 'import-1' },
    ])
      expect(isChosenFileMessage(other)).toBe(false);
  });
});
