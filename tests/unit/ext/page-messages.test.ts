import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { popupToContent } from '../../../src/ext/messages/popup-to-content.ts';
import { fetchPageEntities, revealOnPage } from '../../../src/ext/page-messages.ts';

describe('popup to content messages', () => {
  beforeEach(() => fakeBrowser.reset());

  it('passes the content script answers through, to the given tab', async () => {
    const send = vi
      .spyOn(popupToContent, 'sendMessage')
      .mockImplementation(
        async (type) =>
          (type === 'getPageEntities' ? { enabled: true, entities: [{ id: 'x/y', count: 2 }] } : true) as never,
      );
    expect(await fetchPageEntities(7)).toEqual({ enabled: true, entities: [{ id: 'x/y', count: 2 }] });
    expect(await revealOnPage(7, 'person/steve-witkoff')).toBe(true);
    expect(send).toHaveBeenCalledWith('getPageEntities', undefined, 7);
    expect(send).toHaveBeenCalledWith('revealEntity', { id: 'person/steve-witkoff' }, 7);
  });

  it('answers null and false when the tab has no content script (the browser rejects the send)', async () => {
    vi.spyOn(popupToContent, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    expect(await fetchPageEntities(7)).toBeNull();
    expect(await revealOnPage(7, 'person/steve-witkoff')).toBe(false);
  });
});
