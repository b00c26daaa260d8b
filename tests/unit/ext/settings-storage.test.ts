import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../../src/core/settings-schema.ts';

/** The storage module, imported afresh so its item (and its migrations) start against the current storage. */
const freshStorage = async () => {
  vi.resetModules();
  return import('../../../src/ext/settings-storage.ts');
};

describe('settings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the defaults when nothing is stored', async () => {
    const { loadSettings } = await freshStorage();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to defaults for a corrupt stored value, field by field', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { hoverDelayMs: 'soon', style: 'tint', kinds: 7 },
      settings$: { v: 2 },
    });
    const { loadSettings } = await freshStorage();
    const settings = await loadSettings();
    expect(settings.style).toBe('tint');
    expect(settings.hoverDelayMs).toBe(DEFAULT_SETTINGS.hoverDelayMs);
    expect(settings.kinds).toEqual(DEFAULT_SETTINGS.kinds);
  });

  it('survives garbage of every type', async () => {
    for (const garbage of ['text', 12, [1, 2], true]) {
      fakeBrowser.reset();
      await fakeBrowser.storage.sync.set({ settings: garbage });
      const { loadSettings } = await freshStorage();
      expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('migrates v1 settings to v3 on load (site keys, "first mention only" kept as a policy) and records the version', async () => {
    const { marking: _, ...v1 } = DEFAULT_SETTINGS;
    await fakeBrowser.storage.sync.set({ settings: { ...v1, mentions: 'first', sites: { 'www.BBC.co.uk': false } } });
    const { loadSettings } = await freshStorage();
    const settings = await loadSettings();
    expect(settings.sites).toEqual({ 'bbc.co.uk': false });
    expect(settings.marking).toBe('first');
    const stored = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(stored.settings$).toEqual({ v: 3 });
    expect((stored.settings as { sites: object }).sites).toEqual({ 'bbc.co.uk': false });
  });

  it('stores changes, resets them and tells watchers until their signal aborts', async () => {
    const { updateSettings, resetSettings, loadSettings, watchSettings } = await freshStorage();
    const seen: boolean[] = [];
    const controller = new AbortController();
    watchSettings((settings) => seen.push(settings.enabledByDefault), controller.signal);
    await updateSettings((settings) => ({ ...settings, enabledByDefault: false }));
    expect((await loadSettings()).enabledByDefault).toBe(false);
    await vi.waitFor(() => expect(seen).toEqual([false]));
    controller.abort();
    await resetSettings();
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(seen).toEqual([false]);
  });
});
