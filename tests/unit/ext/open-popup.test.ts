import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  parsePopupHash,
  pendingPopupRequest,
  popupHash,
  takePendingPopupRequest,
} from '../../../src/ext/open-popup.ts';

describe('popup requests', () => {
  beforeEach(() => fakeBrowser.reset());

  it('round-trips a request through the popup URL fragment', () => {
    for (const request of [{ query: 'Witkoff & “Putin”' }, { entity: 'event/alaska-summit' }]) {
      expect(parsePopupHash(popupHash(request))).toEqual(request);
    }
    expect(parsePopupHash('')).toBeUndefined();
  });

  it('hands a waiting request to the popup once', async () => {
    await pendingPopupRequest.setValue({ entity: 'place/alaska' });
    expect(await takePendingPopupRequest()).toEqual({ entity: 'place/alaska' });
    expect(await takePendingPopupRequest()).toBeUndefined();
  });
});
